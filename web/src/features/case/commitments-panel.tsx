import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static, TSchema } from 'typebox';
import type { FieldValues } from 'react-hook-form';
import { AddCommitmentBody, CompleteCommitmentBody, DropCommitmentBody } from '../../../../src/contract/commitments.js';
import { commitmentSources, type CommitmentSource } from '../../../../src/core/commitments.js';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Commitment, CommitmentsState } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';
import { useSchemaForm } from '../../forms/use-schema-form';
import { useFormat } from '../../session/formatters';
import { useSession } from '../../session/session';
import { Field } from '../../ui/field';
import { ErrorState } from '../../ui/states';
import { useCase } from './case-context';

/** The case's commitments (承诺事项), under the case's key so a live change reads them again. */
export function commitmentsQuery(caseId: string) {
  return queryOptions({
    queryKey: queryKeys.caseCommitments(caseId),
    queryFn: async ({ signal }): Promise<CommitmentsState> => ok(client.GET('/api/v1/cases/{id}/commitments', { params: { path: { id: caseId } }, signal })),
  });
}

/** A fresh key per request to send: a resend of the same form (a lost answer) carries the same key, so the server does it once. */
const newKey = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * A commitments form: checked by the route's own schema, sent with an Idempotency-Key kept until the
 * server has answered, the ledger it answers shown at once and the case (its moves, its timeline) read again.
 */
function useCommitmentForm<S extends TSchema, V extends FieldValues>(options: {
  schema: S;
  empty: V;
  toBody: (values: V) => Static<S>;
  send: (caseId: string, body: Static<S>, key: string) => Promise<CommitmentsState>;
  onDone: () => void;
}) {
  const { detail, acted } = useCase();
  const queryClient = useQueryClient();
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const schemaForm = useSchemaForm<S, V>({
    schema: options.schema,
    defaultValues: options.empty as never,
    toBody: options.toBody,
    send: async (body) => {
      setBusy(true);
      try {
        const state = await options.send(detail.id, body, key);
        setKey(newKey());
        queryClient.setQueryData(queryKeys.caseCommitments(detail.id), state);
        acted();
        await queryClient.invalidateQueries({ queryKey: queryKeys.case(detail.id), predicate: (query) => query.queryKey[3] !== 'commitments' });
        schemaForm.form.reset(options.empty);
        options.onDone();
      } finally {
        setBusy(false);
      }
    },
  });
  return { ...schemaForm, busy: busy || schemaForm.form.formState.isSubmitting };
}

interface AddValues {
  source: CommitmentSource;
  meetingId: string;
  text: string;
  ownerUnitId: string;
  dueDate: string;
}
const emptyAdd: AddValues = { source: 'decision', meetingId: '', text: '', ownerUnitId: '', dueDate: '' };

/** A new commitment: what was committed, where, the owner unit and the day it is due. */
function AddForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { units } = useSession();
  const { detail } = useCase();
  const { form, failure, onSubmit, busy } = useCommitmentForm({
    schema: AddCommitmentBody,
    empty: emptyAdd,
    toBody: (values: AddValues) => ({
      source: values.source,
      ...(values.source === 'meeting' && values.meetingId ? { meetingId: values.meetingId } : {}),
      text: values.text,
      ownerUnitId: values.ownerUnitId,
      dueDate: values.dueDate,
    }),
    send: (id, body, key) => ok(client.POST('/api/v1/cases/{id}/commitments', { params: { path: { id } }, body, headers: { 'idempotency-key': key } })),
    onDone,
  });
  const errors = form.formState.errors;
  const source = form.watch('source');
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('commitments.add')}>
      <Field label={t('commitments.source')} required error={errors.source}>
        {(control) => (
          <select {...control} {...form.register('source')}>
            {commitmentSources.map((item) => (
              <option key={item} value={item}>
                {t(`commitments.sources.${item}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {source === 'meeting' ? (
        <Field label={t('commitments.meeting')} required error={errors.meetingId}>
          {(control) => (
            <select {...control} {...form.register('meetingId')}>
              <option value="">—</option>
              {detail.meetings.map((meeting) => (
                <option key={meeting.id} value={meeting.id}>
                  {format.dateTime(meeting.heldAt)} · {meeting.summary.slice(0, 40)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field label={t('commitments.text')} required error={errors.text}>
        {(control) => <textarea {...control} rows={2} {...form.register('text')} />}
      </Field>
      <Field label={t('commitments.owner')} required error={errors.ownerUnitId}>
        {(control) => (
          <select {...control} {...form.register('ownerUnitId')}>
            <option value="">{t('commitments.ownerPick')}</option>
            {units
              .filter((unit) => unit.active)
              .map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {format.unit(unit.id)}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field label={t('commitments.dueDate')} required error={errors.dueDate} className="field-short">
        {(control) => <input {...control} type="date" {...form.register('dueDate')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('commitments.save')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** The commitment done: what was done, and the evidence of it. */
function DoneForm({ commitment, onDone }: { commitment: Commitment; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCommitmentForm({
    schema: CompleteCommitmentBody,
    empty: { evidence: '' },
    toBody: (values: { evidence: string }) => ({ evidence: values.evidence }),
    send: (id, body, key) =>
      ok(client.POST('/api/v1/cases/{id}/commitments/{commitmentId}/done', { params: { path: { id, commitmentId: commitment.id } }, body, headers: { 'idempotency-key': key } })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('commitments.markDone')}>
      <Field label={t('commitments.evidence')} required error={form.formState.errors.evidence}>
        {(control) => <textarea {...control} rows={2} {...form.register('evidence')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('commitments.saveDone')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** The commitment dropped, with the reason why. */
function DropForm({ commitment, onDone }: { commitment: Commitment; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCommitmentForm({
    schema: DropCommitmentBody,
    empty: { reason: '' },
    toBody: (values: { reason: string }) => ({ reason: values.reason }),
    send: (id, body, key) =>
      ok(client.POST('/api/v1/cases/{id}/commitments/{commitmentId}/drop', { params: { path: { id, commitmentId: commitment.id } }, body, headers: { 'idempotency-key': key } })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('commitments.drop')}>
      <Field label={t('commitments.reason')} required error={form.formState.errors.reason}>
        {(control) => <textarea {...control} rows={2} {...form.register('reason')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('commitments.saveDrop')} busy={busy} onCancel={onDone} />
    </form>
  );
}

const statusTone = { open: 'deadline-pending', overdue: 'deadline-overdue', done: 'deadline-met', dropped: 'deadline-stopped' } as const;

/** One commitment: its words, owner, due day and status, what settled it, and the buttons the reader may use. */
function CommitmentItem({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [acting, setActing] = useState<'done' | 'drop' | null>(null);
  const late = commitment.doneAt !== null && commitment.doneAt > commitment.dueAt;
  return (
    <li className="commitment" data-commitment-status={commitment.status}>
      <p>
        <span className={`badge ${late ? 'deadline-missed' : statusTone[commitment.status]}`}>{t(`commitments.statuses.${commitment.status}`)}</span> {commitment.text}
      </p>
      <p className="small">
        {format.unit(commitment.ownerUnitId, commitment.ownerUnitName)} · {t('commitments.due', { when: format.dateTime(commitment.dueAt) })} · {t(`commitments.sources.${commitment.source}`)}
      </p>
      {commitment.doneAt ? (
        <p className="small">
          <strong>{t('commitments.doneAt', { when: format.dateTime(commitment.doneAt) })}</strong> {commitment.evidence}
        </p>
      ) : null}
      {commitment.droppedAt ? (
        <p className="small">
          <strong>{t('commitments.droppedAt', { when: format.dateTime(commitment.droppedAt) })}</strong> {commitment.dropReason}
        </p>
      ) : null}
      {acting === 'done' ? <DoneForm commitment={commitment} onDone={() => setActing(null)} /> : null}
      {acting === 'drop' ? <DropForm commitment={commitment} onDone={() => setActing(null)} /> : null}
      {acting === null && (commitment.may.done || commitment.may.drop) ? (
        <div className="button-row">
          {commitment.may.done ? (
            <button type="button" className="button button-quiet" onClick={() => setActing('done')}>
              {t('commitments.markDone')}
            </button>
          ) : null}
          {commitment.may.drop ? (
            <button type="button" className="button button-quiet" onClick={() => setActing('drop')}>
              {t('commitments.drop')}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** The commitments panel of the case page: the ledger, and what the reader may add to it or settle in it. */
export function CommitmentsPanel() {
  const { t } = useTranslation();
  const { detail } = useCase();
  const read = useQuery(commitmentsQuery(detail.id));
  const [adding, setAdding] = useState(false);
  if (read.error && !read.data) return <ErrorState error={read.error} retry={() => void read.refetch()} />;
  const state = read.data;
  if (!state) return null;
  return (
    <section className="card commitments-panel" aria-labelledby="commitments-title">
      <h2 id="commitments-title">
        {t('commitments.title')} {state.open > 0 ? <span className="badge">{t('commitments.openCount', { count: state.open })}</span> : null}
      </h2>
      <p className="small">{t('commitments.hint')}</p>
      {state.items.length === 0 ? <p>{t('commitments.none')}</p> : (
        <ul className="plain-list commitments">
          {state.items.map((item) => (
            <CommitmentItem key={item.id} commitment={item} />
          ))}
        </ul>
      )}
      {state.may.add ? (
        adding ? (
          <AddForm onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="button button-quiet" onClick={() => setAdding(true)}>
            {t('commitments.add')}
          </button>
        )
      ) : null}
    </section>
  );
}
