import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Static, TSchema } from 'typebox';
import { EndSupervisionBody, SuperviseBody, SupervisionFeedbackBody } from '../../../../src/contract/supervision.js';
import { defaultFeedbackDays, supervisionKinds, type SupervisionKind } from '../../../../src/core/supervision.js';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Supervision, SupervisionState } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';
import { useSchemaForm } from '../../forms/use-schema-form';
import { useFormat } from '../../session/formatters';
import { usePlan } from '../../session/plans';
import { Field } from '../../ui/field';
import { ErrorState } from '../../ui/states';
import { Clock } from './assignments';
import { useCase } from './case-context';

/** The case's supervision (GET /api/v1/cases/:id/supervision), under the case's key so a live change fetches it again. */
export function supervisionQuery(caseId: string) {
  return queryOptions({
    queryKey: queryKeys.caseSupervision(caseId),
    queryFn: ({ signal }): Promise<SupervisionState> => ok(client.GET('/api/v1/cases/{id}/supervision', { params: { path: { id: caseId } }, signal })),
  });
}

/**
 * A supervision form: checked by the route's own body schema, sent, and its answer (the supervision
 * as it now stands) shown at once; the case and its timeline are read again behind it.
 */
function useSupervisionForm<S extends TSchema, V extends FieldValues>(options: {
  schema: S;
  empty: V;
  toBody: (values: V) => Static<S>;
  send: (caseId: string, body: Static<S>) => Promise<SupervisionState>;
  onDone: () => void;
}) {
  const { detail, acted } = useCase();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (body: Static<S>) => options.send(detail.id, body),
    onSuccess: async (state) => {
      acted();
      queryClient.setQueryData(queryKeys.caseSupervision(detail.id), state);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.case(detail.id), exact: true }),
        queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(detail.id) }),
      ]);
    },
  });
  const schemaForm = useSchemaForm<S, V>({
    schema: options.schema,
    defaultValues: options.empty as never,
    toBody: options.toBody,
    send: async (body) => {
      await mutation.mutateAsync(body);
      schemaForm.form.reset(options.empty);
      options.onDone();
    },
  });
  return { ...schemaForm, busy: mutation.isPending || schemaForm.form.formState.isSubmitting };
}

type SuperviseValues = { kind: SupervisionKind; requirements: string; feedbackDays: string };
const emptySupervise: SuperviseValues = { kind: 'supervised', requirements: '', feedbackDays: '' };

/** A leader puts the case under supervision or listed supervision: the notice's requirements and the unit's days for its feedback. */
function SuperviseForm({ planDays, onDone }: { planDays: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useSupervisionForm({
    schema: SuperviseBody,
    empty: emptySupervise,
    // Left empty, the plan's days; days that are not a whole number go as NaN, so the schema says so beside the field.
    toBody: (values) => ({
      kind: values.kind,
      requirements: values.requirements,
      ...(values.feedbackDays.trim() === '' ? {} : { feedbackDays: /^\d+$/.test(values.feedbackDays.trim()) ? Number(values.feedbackDays) : Number.NaN }),
    }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/supervision', { params: { path: { id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('supervision.open')}>
      <Field label={t('supervision.kind')} required error={errors.kind}>
        {(control) => (
          <select {...control} {...form.register('kind')}>
            {supervisionKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`supervision.kinds.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('supervision.requirements')} required hint={t('supervision.requirementsHint')} error={errors.requirements}>
        {(control) => <textarea {...control} rows={3} {...form.register('requirements')} />}
      </Field>
      <Field label={t('supervision.feedbackDays')} hint={t('supervision.feedbackDaysHint', { days: planDays })} error={errors.feedbackDays} className="field-short">
        {(control) => <input {...control} type="number" min={1} max={365} placeholder={String(planDays)} {...form.register('feedbackDays')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('supervision.start')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** The supervised unit's written feedback, once. */
function FeedbackForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useSupervisionForm({
    schema: SupervisionFeedbackBody,
    empty: { feedback: '' },
    toBody: (values) => ({ feedback: values.feedback }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/supervision/feedback', { params: { path: { id } }, body })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('supervision.giveFeedback')}>
      <Field label={t('supervision.feedback')} required hint={t('supervision.feedbackHint')} error={form.formState.errors.feedback}>
        {(control) => <textarea {...control} rows={4} {...form.register('feedback')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('supervision.sendFeedback')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** A leader ends the supervision, with a note if they write one. */
function EndForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useSupervisionForm({
    schema: EndSupervisionBody,
    empty: { note: '' },
    toBody: (values) => (values.note.trim() ? { note: values.note } : {}),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/supervision/end', { params: { path: { id } }, body })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('supervision.end')}>
      <Field label={t('supervision.endNote')} error={form.formState.errors.note}>
        {(control) => <textarea {...control} rows={2} {...form.register('note')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('supervision.endSave')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** One supervision: its kind, the unit, the requirements, the feedback's clock and the feedback, the notice, how it ended. */
function SupervisionRecord({ supervision, children }: { supervision: Supervision; children?: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const unit = format.unit(supervision.unitId, supervision.unitName);
  // Given after its due date: the clock says so, and so does the line under it.
  const late = supervision.feedbackAt !== null && supervision.feedbackDeadline.status === 'missed';
  const notice = (lang: 'zh' | 'en') => `/api/v1/cases/${encodeURIComponent(detail.id)}/notices/${encodeURIComponent(supervision.noticeId)}.pdf?lang=${lang}`;
  return (
    <article className="record supervision" data-supervision-kind={supervision.kind} data-ended={supervision.endedAt ? 'true' : 'false'}>
      <h3>
        <span className={`badge${supervision.kind === 'listed' ? ' badge-listed' : ''}`}>{t(`supervision.kinds.${supervision.kind}`)}</span>{' '}
        {/* One piece of text beside the badge, so a narrow screen wraps it as a line, not as columns. */}
        <span>
          {t('supervision.leadUnit', { unit })} · <time dateTime={supervision.startedAt}>{t('supervision.startedAt', { when: format.dateTime(supervision.startedAt) })}</time>
        </span>
      </h3>
      <p className="small">
        <strong>{t('supervision.requirements')}</strong>
      </p>
      <p className="record-body">{supervision.requirements}</p>
      <dl className="clocks">
        <Clock label={t('supervision.feedbackClock')} deadline={supervision.feedbackDeadline} />
      </dl>
      {supervision.feedback !== null ? (
        <>
          <p className={`small${late ? ' late' : ''}`}>
            {t(late ? 'supervision.feedbackGivenLate' : 'supervision.feedbackGiven', { unit, when: format.dateTime(supervision.feedbackAt ?? ''), due: format.dateTime(supervision.feedbackDeadline.dueAt ?? '') })}
          </p>
          <p className="record-body supervision-feedback">{supervision.feedback}</p>
        </>
      ) : supervision.endedAt === null ? (
        <p className="small muted">{t('supervision.awaitingFeedback', { unit })}</p>
      ) : null}
      {supervision.endedAt !== null ? (
        <p className="small">
          {t('supervision.endedAt', { when: format.dateTime(supervision.endedAt) })}
          {supervision.feedback === null ? ` ${t('supervision.endedWithoutFeedback')}` : ''}
          {supervision.endNote ? ` ${supervision.endNote}` : ''}
        </p>
      ) : null}
      <p className="actions">
        {(['zh', 'en'] as const).map((lang) => (
          <a key={lang} className="button button-quiet" href={notice(lang)} download>
            {t(lang === 'zh' ? 'supervision.noticeZh' : 'supervision.noticeEn')}
          </a>
        ))}
      </p>
      {children}
    </article>
  );
}

/**
 * Supervision by the leadership group (督办, 挂牌督办; Art. 40): a leader puts the case under it with
 * a supervision notice to the lead unit; the unit's officers give their written feedback by its due
 * date (late shown); a leader ends it. What the reader may do comes with the supervision (`may`).
 */
export function SupervisionPanel() {
  const { t } = useTranslation();
  const { detail } = useCase();
  const plan = usePlan(detail.planId);
  const read = useQuery(supervisionQuery(detail.id));
  const [open, setOpen] = useState<'supervise' | 'feedback' | 'end' | null>(null);
  const state = read.data;
  if (read.error) {
    return (
      <section className="card" aria-labelledby="supervision-heading">
        <h2 id="supervision-heading">{t('supervision.title')}</h2>
        <ErrorState error={read.error} retry={() => void read.refetch()} />
      </section>
    );
  }
  if (!state || (!state.current && state.past.length === 0 && !state.may.supervise)) return null;
  const { current, past, may } = state;
  const close = () => setOpen(null);
  return (
    <section className="card supervision-panel" aria-labelledby="supervision-heading">
      <h2 id="supervision-heading">{t('supervision.title')}</h2>
      <p className="muted small">{t('supervision.hint')}</p>
      {current ? (
        <SupervisionRecord supervision={current}>
          {open === 'feedback' ? <FeedbackForm onDone={close} /> : null}
          {open === 'end' ? <EndForm onDone={close} /> : null}
          {open === null && (may.feedback || may.end) ? (
            <div className="button-row">
              {may.feedback ? (
                <button type="button" className="button button-primary" onClick={() => setOpen('feedback')}>
                  {t('supervision.giveFeedback')}
                </button>
              ) : null}
              {may.end ? (
                <button type="button" className="button button-quiet" onClick={() => setOpen('end')}>
                  {t('supervision.end')}
                </button>
              ) : null}
            </div>
          ) : null}
        </SupervisionRecord>
      ) : (
        <p className="muted">{t('supervision.none')}</p>
      )}
      {may.supervise && open === 'supervise' ? <SuperviseForm planDays={plan?.document.supervision?.feedbackDays ?? defaultFeedbackDays} onDone={close} /> : null}
      {may.supervise && open !== 'supervise' ? (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setOpen('supervise')}>
            {t('supervision.open')}
          </button>
        </div>
      ) : null}
      {past.length > 0 ? (
        <details className="supervision-past">
          <summary>{t('supervision.past', { count: past.length })}</summary>
          {past.map((item) => (
            <SupervisionRecord key={item.id} supervision={item} />
          ))}
        </details>
      ) : null}
    </section>
  );
}
