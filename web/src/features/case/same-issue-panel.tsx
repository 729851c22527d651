import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Static } from 'typebox';
import type { SameIssue as SameIssueSchema } from '../../../../src/contract/case-links.js';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useFormat } from '../../session/formatters';
import { StageBadge } from '../../ui/badges';
import { errorFor, Field } from '../../ui/field';
import { ActionError, ErrorState } from '../../ui/states';
import { useCase } from './case-context';

type SameIssue = Static<typeof SameIssueSchema>;
type OtherCase = SameIssue['links'][number]['case'];

/** The cases on the same issue as this one; under the case's key, so a live change to the case fetches them again. */
function sameIssueQuery(caseId: string) {
  return queryOptions({
    queryKey: queryKeys.caseSameIssue(caseId),
    queryFn: ({ signal }): Promise<SameIssue> => ok(client.GET('/api/v1/cases/{id}/same-issue', { params: { path: { id: caseId } }, signal })),
  });
}

/** A link, a dismissal or a merge, its answer shown at once; the case and its timeline read again behind it. */
function useSameIssueAction<B>(send: (body: B) => Promise<SameIssue>) {
  const { detail, acted } = useCase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (answer) => {
      acted();
      queryClient.setQueryData(queryKeys.caseSameIssue(detail.id), answer);
      await queryClient.invalidateQueries({ queryKey: queryKeys.case(detail.id), exact: true });
      await queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(detail.id) });
    },
  });
}

function CaseLine({ other }: { other: OtherCase }) {
  const format = useFormat();
  return (
    <>
      <Link className="mono" to={`/cases/${other.id}`}>
        {other.reference}
      </Link>{' '}
      <StageBadge stage={other.stage} /> {other.title} <span className="muted small">· {format.date(other.receivedAt)}</span>
    </>
  );
}

/** Merging is final (the duplicate stops being worked), so it asks once more, with both references. */
function MergeDialog({ duplicate, onDone }: { duplicate: OtherCase; onDone: () => void }) {
  const { t } = useTranslation();
  const { detail } = useCase();
  const [reason, setReason] = useState('');
  const merge = useSameIssueAction(async () =>
    (
      await ok(
        client.POST('/api/v1/cases/{id}/merge', {
          params: { path: { id: duplicate.id } },
          body: { into: detail.id, ...(reason.trim() ? { reason } : {}) },
        }),
      )
    ).survivor,
  );
  const references = { duplicate: duplicate.reference, survivor: detail.reference };
  return (
    <div className="notice notice-warning" role="alertdialog" aria-labelledby={`merge-${duplicate.id}`}>
      <p id={`merge-${duplicate.id}`}>
        <strong>{t('sameIssue.mergeQuestion', references)}</strong>
      </p>
      <p className="small">{t('sameIssue.mergeExplain', references)}</p>
      <Field label={t('sameIssue.mergeReason')} error={errorFor(merge.error ?? undefined, 'reason')}>
        {(control) => <textarea {...control} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={merge.isPending} onClick={() => merge.mutate(undefined, { onSuccess: onDone })}>
          {t('sameIssue.mergeConfirm', references)}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      <ActionError error={merge.error && !errorFor(merge.error, 'reason') ? merge.error : undefined} />
    </div>
  );
}

/** Another case on the same issue named by its reference (a case the system did not suggest). */
function LinkByReference() {
  const { t } = useTranslation();
  const { detail } = useCase();
  const [reference, setReference] = useState('');
  const link = useSameIssueAction((body: { reference: string }) => ok(client.POST('/api/v1/cases/{id}/links', { params: { path: { id: detail.id } }, body })));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    link.mutate({ reference: reference.trim() }, { onSuccess: () => setReference('') });
  };
  const fieldError = errorFor(link.error ?? undefined, 'reference', 'caseId');
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <Field label={t('sameIssue.byReference')} hint={t('sameIssue.byReferenceHint')} required error={fieldError ?? (link.error?.code === 'validation_failed' ? link.error : undefined)}>
        {(control) => <input {...control} className="mono" value={reference} onChange={(event) => setReference(event.target.value)} />}
      </Field>
      <button type="submit" className="button" disabled={link.isPending || reference.trim() === ''}>
        {t('sameIssue.link')}
      </button>
      <ActionError error={link.error && !fieldError && link.error.code !== 'validation_failed' ? link.error : undefined} />
    </form>
  );
}

/**
 * Cases on the same issue (同一事项): the system's suggestions (same category and area, alike words —
 * never by person) for the office to confirm or dismiss, the cases linked, and the duplicates merged
 * into this one (both references kept, each finding this case).
 */
export function SameIssuePanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  // The office's panel: the case's abilities say whether the reader links cases (a unit officer does not, and is not asked).
  const read = useQuery({ ...sameIssueQuery(detail.id), enabled: detail.abilities['case.link'] });
  const [merging, setMerging] = useState<string>();
  const link = useSameIssueAction((caseId: string) => ok(client.POST('/api/v1/cases/{id}/links', { params: { path: { id: detail.id } }, body: { caseId } })));
  const dismiss = useSameIssueAction((caseId: string) => ok(client.POST('/api/v1/cases/{id}/link-dismissals', { params: { path: { id: detail.id } }, body: { caseId } })));
  const data = read.data;
  if (read.error) {
    return (
      <section className="card" aria-labelledby="same-issue-heading">
        <h2 id="same-issue-heading">{t('sameIssue.title')}</h2>
        <ErrorState error={read.error} retry={() => void read.refetch()} untitled />
      </section>
    );
  }
  if (!data) return null;
  const busy = link.isPending || dismiss.isPending;
  const open = detail.stage !== 'closed' && detail.stage !== 'not_accepted';
  if (data.suggestions.length === 0 && data.links.length === 0 && data.merged.length === 0 && !data.mayLink) return null;
  return (
    <section className="card same-issue" aria-labelledby="same-issue-heading">
      <h2 id="same-issue-heading">{t('sameIssue.title')}</h2>
      <p className="muted small">{t('sameIssue.hint')}</p>
      <h3>{t('sameIssue.suggestions')}</h3>
      {data.suggestions.length === 0 ? <p className="muted">{t('sameIssue.noSuggestions')}</p> : null}
      <ul className="plain-list">
        {data.suggestions.map((suggestion) => (
          <li key={suggestion.case.id} className="record" data-suggestion={suggestion.case.reference}>
            <CaseLine other={suggestion.case} />
            <span className="small"> · {t('sameIssue.alike', { percent: Math.round(suggestion.score * 100) })}</span>
            {data.mayLink ? (
              <span className="button-row">
                <button type="button" className="button" disabled={busy} onClick={() => link.mutate(suggestion.case.id)}>
                  {t('sameIssue.confirm')}
                  <span className="visually-hidden"> ({suggestion.case.reference})</span>
                </button>
                <button type="button" className="button button-quiet" disabled={busy} onClick={() => dismiss.mutate(suggestion.case.id)}>
                  {t('sameIssue.dismiss')}
                  <span className="visually-hidden"> ({suggestion.case.reference})</span>
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <ActionError error={link.error ?? dismiss.error ?? undefined} />
      <h3>{t('sameIssue.linked')}</h3>
      {data.links.length === 0 ? <p className="muted">{t('sameIssue.noLinks')}</p> : null}
      <ul className="plain-list">
        {data.links.map((linked) => (
          <li key={linked.case.id} className="record" data-linked={linked.case.reference}>
            <CaseLine other={linked.case} />
            <span className="muted small"> · {t('sameIssue.linkedAt', { when: format.dateTime(linked.linkedAt) })}</span>
            {data.mayLink && open && merging !== linked.case.id ? (
              <span className="button-row">
                <button type="button" className="button button-quiet" onClick={() => setMerging(linked.case.id)}>
                  {t('sameIssue.merge')}
                  <span className="visually-hidden"> ({linked.case.reference})</span>
                </button>
              </span>
            ) : null}
            {merging === linked.case.id ? <MergeDialog duplicate={linked.case} onDone={() => setMerging(undefined)} /> : null}
          </li>
        ))}
      </ul>
      {data.merged.length > 0 ? (
        <>
          <h3>{t('sameIssue.merged')}</h3>
          <ul className="plain-list">
            {data.merged.map((merged) => (
              <li key={merged.id} data-merged={merged.reference}>
                {t('sameIssue.mergedLine', { reference: merged.reference, when: format.dateTime(merged.mergedAt), survivor: detail.reference })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.mayLink ? <LinkByReference /> : null}
    </section>
  );
}
