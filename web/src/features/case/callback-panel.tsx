import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { RecordCallbackBody, ReworkReportBody, SendBackBody, type CallbackState } from '../../../../src/contract/callbacks.js';
import { callbackOutcomes, reworkable, unsatisfiedReasons, type UnsatisfiedReason } from '../../../../src/core/callbacks.js';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { FormFailure } from '../../forms/form-failure';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';
import { useSchemaForm } from '../../forms/use-schema-form';
import { useFormat } from '../../session/formatters';
import { useNow } from '../../session/session';
import { DeadlineBadge } from '../../ui/badges';
import { Field } from '../../ui/field';
import { ErrorState } from '../../ui/states';
import { useCase } from './case-context';

type State = Static<typeof CallbackState>;

/** The case's call-backs and reworks; under the case's key, so a live change to the case fetches them again. */
export function callbacksQuery(caseId: string) {
  return queryOptions({
    queryKey: queryKeys.caseCallbacks(caseId),
    queryFn: ({ signal }) => ok(client.GET('/api/v1/cases/{id}/callbacks', { params: { path: { id: caseId } }, signal })),
  });
}

/** A write on the panel: what it answered shown at once, the case and its timeline read again behind it. */
function useCallbackWrite<B>(send: (caseId: string, body: B) => Promise<State>) {
  const { detail, acted } = useCase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => send(detail.id, body),
    onSuccess: async (state) => {
      acted();
      queryClient.setQueryData(queryKeys.caseCallbacks(detail.id), state);
      await queryClient.invalidateQueries({ queryKey: queryKeys.case(detail.id) });
    },
  });
}

const fixable = unsatisfiedReasons.filter((reason) => reworkable(reason));
const daysOf = (value: string) => (value.trim() === '' ? {} : { reworkDays: Number(value) });

/** What the unit must redo and in how many days (the plan's when left blank): asked when an outcome sends the case back. */
function ReworkFields({ form, errors }: { form: { register: (name: 'requirements' | 'reworkDays') => object }; errors: { requirements?: unknown; reworkDays?: unknown } }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('callbacks.requirements')} hint={t('callbacks.requirementsHint')} error={errors.requirements as never}>
        {(control) => <textarea {...control} rows={2} {...form.register('requirements')} />}
      </Field>
      <Field label={t('callbacks.reworkDays')} hint={t('callbacks.reworkDaysHint')} error={errors.reworkDays as never} className="field-short">
        {(control) => <input {...control} type="number" min={1} max={365} inputMode="numeric" {...form.register('reworkDays')} />}
      </Field>
    </>
  );
}

/** The officer records the call-back: the outcome, why when unsatisfied, and what was said. */
function RecordForm() {
  const { t } = useTranslation();
  const write = useCallbackWrite((id, body: Static<typeof RecordCallbackBody>) => ok(client.POST('/api/v1/cases/{id}/callbacks', { params: { path: { id } }, body })));
  const empty = { outcome: '', reason: '', notes: '', requirements: '', reworkDays: '' };
  const { form, failure, onSubmit } = useSchemaForm({
    schema: RecordCallbackBody,
    defaultValues: empty,
    toBody: (values: typeof empty) => ({
      outcome: values.outcome as Static<typeof RecordCallbackBody>['outcome'],
      ...(values.reason ? { reason: values.reason as UnsatisfiedReason } : {}),
      ...(values.notes.trim() ? { notes: values.notes } : {}),
      ...(values.outcome === 'unsatisfied' && values.requirements.trim() ? { requirements: values.requirements } : {}),
      ...(values.outcome === 'unsatisfied' ? daysOf(values.reworkDays) : {}),
    }),
    send: async (body) => {
      await write.mutateAsync(body);
      form.reset(empty);
    },
  });
  const errors = form.formState.errors;
  const outcome = form.watch('outcome');
  const reason = form.watch('reason');
  const sendsBack = outcome === 'unsatisfied' && (fixable as readonly string[]).includes(reason);
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('callbacks.record')}>
      <Field label={t('callbacks.outcome')} required error={errors.outcome}>
        {(control) => (
          <select {...control} {...form.register('outcome')}>
            <option value="">{t('callbacks.chooseOutcome')}</option>
            {callbackOutcomes.map((item) => (
              <option key={item} value={item}>
                {t(`callbacks.outcomes.${item}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {outcome === 'unsatisfied' ? (
        <Field label={t('callbacks.reason')} required error={errors.reason}>
          {(control) => (
            <select {...control} {...form.register('reason')}>
              <option value="">{t('callbacks.chooseReason')}</option>
              {unsatisfiedReasons.map((item) => (
                <option key={item} value={item}>
                  {t(`callbacks.reasons.${item}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field label={t('callbacks.notes')} hint={t('callbacks.notesHint')} error={errors.notes}>
        {(control) => <textarea {...control} rows={3} {...form.register('notes')} />}
      </Field>
      {sendsBack ? (
        <>
          <p className="notice notice-warning">{t('callbacks.sendsBack')}</p>
          <ReworkFields form={form} errors={errors} />
        </>
      ) : null}
      {outcome === 'unsatisfied' && reason && !sendsBack ? <p className="muted small">{t('callbacks.notFixable')}</p> : null}
      <FormFailure failure={failure ?? write.error ?? undefined} problems={errors.root} />
      <button type="submit" className="button button-primary" disabled={write.isPending || form.formState.isSubmitting}>
        {t('callbacks.record')}
      </button>
    </form>
  );
}

/** The office sends the case back on the petitioner's own unsatisfied rating, for a reason the unit can fix. */
function SendBackForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const write = useCallbackWrite((id, body: Static<typeof SendBackBody>) => ok(client.POST('/api/v1/cases/{id}/rework', { params: { path: { id } }, body })));
  const empty = { reason: '', requirements: '', reworkDays: '' };
  const { form, failure, onSubmit } = useSchemaForm({
    schema: SendBackBody,
    defaultValues: empty,
    toBody: (values: typeof empty) => ({
      reason: values.reason as UnsatisfiedReason,
      ...(values.requirements.trim() ? { requirements: values.requirements } : {}),
      ...daysOf(values.reworkDays),
    }),
    send: async (body) => {
      await write.mutateAsync(body);
      onDone();
    },
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('callbacks.sendBack')}>
      <Field label={t('callbacks.reason')} required error={errors.reason}>
        {(control) => (
          <select {...control} {...form.register('reason')}>
            <option value="">{t('callbacks.chooseReason')}</option>
            {fixable.map((item) => (
              <option key={item} value={item}>
                {t(`callbacks.reasons.${item}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ReworkFields form={form} errors={errors} />
      <FormFailure failure={failure ?? write.error ?? undefined} problems={errors.root} />
      <SubmitOrCancel label={t('callbacks.sendBack')} busy={write.isPending || form.formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}

/** The unit the case went back to reports what it did. */
function ReportForm() {
  const { t } = useTranslation();
  const write = useCallbackWrite((id, body: Static<typeof ReworkReportBody>) => ok(client.POST('/api/v1/cases/{id}/rework/report', { params: { path: { id } }, body })));
  const empty = { report: '' };
  const { form, failure, onSubmit } = useSchemaForm({
    schema: ReworkReportBody,
    defaultValues: empty,
    toBody: (values: typeof empty) => ({ report: values.report }),
    send: async (body) => {
      await write.mutateAsync(body);
      form.reset(empty);
    },
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('callbacks.report')}>
      <Field label={t('callbacks.reportText')} required error={form.formState.errors.report}>
        {(control) => <textarea {...control} rows={3} {...form.register('report')} />}
      </Field>
      <FormFailure failure={failure ?? write.error ?? undefined} problems={form.formState.errors.root} />
      <button type="submit" className="button button-primary" disabled={write.isPending || form.formState.isSubmitting}>
        {t('callbacks.report')}
      </button>
    </form>
  );
}

function ReworkRecord({ rework, may }: { rework: State['pastReworks'][number]; may: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  return (
    <article className="record rework">
      <h3>
        {t('callbacks.reworkTo', { unit: format.unit(rework.unitId, rework.unitName) })} <DeadlineBadge deadline={rework.deadline} now={now} />
      </h3>
      <p className="small">
        {t(rework.source === 'rating' ? 'callbacks.fromRating' : 'callbacks.fromCallback')} · {t(`callbacks.reasons.${rework.reason}`)} ·{' '}
        {rework.reportedAt ? t('callbacks.reportedAt', { when: format.dateTime(rework.reportedAt) }) : t('deadline.dueAt', { when: format.dateTime(rework.deadline.dueAt ?? rework.startedAt) })}
      </p>
      {rework.requirements ? (
        <p className="small">
          <strong>{t('callbacks.requirements')}</strong> {rework.requirements}
        </p>
      ) : null}
      {rework.report ? <p className="record-body">{rework.report}</p> : null}
      {may ? <ReportForm /> : null}
    </article>
  );
}

/**
 * The office's call-back (回访) after the answer and the rework (发回重办) it sends the case back
 * for: the call-back due with its form, the rework under way with the unit's report, the
 * petitioner's unsatisfied rating with the office's send-back, and what was recorded before.
 */
export function CallbackPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const { detail } = useCase();
  const [sendingBack, setSendingBack] = useState(false);
  const read = useQuery(callbacksQuery(detail.id));
  const state = read.data;
  if (read.error) return <ErrorState error={read.error} retry={() => void read.refetch()} />;
  if (!state) return null;
  if (!state.current && state.past.length === 0 && !state.rework && state.pastReworks.length === 0 && !state.rating?.unsatisfied) return null;
  return (
    <section className="card callback-panel" aria-labelledby="callback-heading">
      <h2 id="callback-heading">{t('callbacks.title')}</h2>
      {state.current ? (
        <div className="callback-due">
          <p>
            {t(state.current.afterReworkId ? 'callbacks.dueAfterRework' : 'callbacks.due', { when: format.dateTime(state.current.deadline.dueAt ?? state.current.startedAt) })}{' '}
            <DeadlineBadge deadline={state.current.deadline} now={now} />
          </p>
          {state.may.record ? <RecordForm /> : null}
        </div>
      ) : null}
      {state.rework ? <ReworkRecord rework={state.rework} may={state.may.report} /> : null}
      {state.rating?.unsatisfied ? (
        <div className="callback-rating">
          <p className="small">{t(state.rating.sentBack ? 'callbacks.ratingSentBack' : 'callbacks.ratingUnsatisfied', { rating: state.rating.rating, when: format.dateTime(state.rating.at) })}</p>
          {state.may.sendBack && !sendingBack ? (
            <button type="button" className="button" onClick={() => setSendingBack(true)}>
              {t('callbacks.sendBack')}
            </button>
          ) : null}
          {state.may.sendBack && sendingBack ? <SendBackForm onDone={() => setSendingBack(false)} /> : null}
        </div>
      ) : null}
      {state.past.length > 0 ? (
        <>
          <h3>{t('callbacks.recorded')}</h3>
          <ul className="plain-list callback-history">
            {state.past.map((item) => (
              <li key={item.id}>
                <strong>{item.outcome ? t(`callbacks.outcomes.${item.outcome}`) : '—'}</strong>
                {item.reason ? ` · ${t(`callbacks.reasons.${item.reason}`)}` : ''}
                {item.recordedAt ? ` · ${format.dateTime(item.recordedAt)}` : ''}
                {item.recordedAt && item.deadline.dueAt && item.recordedAt > item.deadline.dueAt ? <span className="badge deadline-missed">{t('deadline.missed')}</span> : null}
                {item.notes ? <p className="record-body">{item.notes}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {state.pastReworks.map((rework) => (
        <ReworkRecord key={rework.id} rework={rework} may={false} />
      ))}
    </section>
  );
}
