import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PauseBody } from '../../../../src/contract/case-bodies.js';
import { pauseKinds } from '../../../../src/core/pauses.js';
import { client, ok } from '../../api/client';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { useCaseMutation } from './case-queries';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';
import { localTimeToIso } from '../../forms/local-time';

/** The office starts a pause: its kind, the reason, and when it is planned to end. */
function StartForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: PauseBody,
    empty: { kind: 'hearing', reason: '', plannedEndAt: '' },
    toBody: (values) => ({ kind: values.kind as (typeof pauseKinds)[number], reason: values.reason, plannedEndAt: localTimeToIso(values.plannedEndAt) }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/pauses', { params: { path: { id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('pause.kind')} required error={errors.kind}>
        {(control) => (
          <select {...control} {...form.register('kind')}>
            {pauseKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`pause.kinds.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('pause.reason')} required error={errors.reason}>
        {(control) => <textarea {...control} rows={2} {...form.register('reason')} />}
      </Field>
      <Field label={t('pause.plannedEnd')} required error={errors.plannedEndAt} className="field-short">
        {(control) => <input {...control} type="datetime-local" {...form.register('plannedEndAt')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('pause.startSave')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/**
 * Clock pauses (hearing, expert assessment, mediation): the open one with its reason and planned
 * end, and a button to end it; otherwise a button to start one while the handling clock runs.
 */
export function PausePanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const [starting, setStarting] = useState(false);
  const open = detail.pauses.find((pause) => pause.endedAt === null);
  const ending = useCaseMutation((id) => ok(client.POST('/api/v1/cases/{id}/pauses/{pauseId}/end', { params: { path: { id, pauseId: open?.id ?? '' } } })));
  const may = detail.abilities['case.pause'];
  if (open) {
    return (
      <div className="pause" role="group" aria-label={t('pause.title')}>
        <p className="notice notice-warning">
          {t('pause.open', { kind: t(`pause.kinds.${open.kind}`), since: format.dateTime(open.startedAt), until: format.dateTime(open.plannedEndAt) })}
        </p>
        <p className="small">
          <strong>{t('pause.reason')}</strong> {open.reason}
        </p>
        {may ? (
          <button type="button" className="button button-primary" disabled={ending.isPending} onClick={() => ending.mutate()}>
            {t('pause.end')}
          </button>
        ) : null}
        <ActionError error={ending.error ?? undefined} />
      </div>
    );
  }
  const running = (['conclude', 'review'] as const).some((clock) => detail.deadlines[clock].dueAt !== null && detail.deadlines[clock].doneAt === null);
  if (!may || !running || detail.stage === 'closed' || detail.stage === 'not_accepted') return null;
  return starting ? (
    <StartForm onDone={() => setStarting(false)} />
  ) : (
    <button type="button" className="button button-quiet" onClick={() => setStarting(true)}>
      {t('pause.start')}
    </button>
  );
}
