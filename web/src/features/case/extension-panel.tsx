import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExtensionBody, ExtensionRefusalBody } from '../../../../src/contract/case-bodies.js';
import { client, ok } from '../../api/client';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { usePlan } from '../../session/plans';
import { Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { TemplatePicker, withTemplate } from './template-picker';
import { useCaseMutation } from './case-queries';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';

/** The office asks for the one extension the regulations allow, with the reason the petitioner is told. */
function RequestForm({ max, onDone }: { max: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: ExtensionBody,
    empty: { days: String(max), reason: '' },
    // Days that are not a whole number go as NaN, so the schema says so beside the field.
    toBody: (values) => ({ days: /^\d+$/.test(values.days.trim()) ? Number(values.days) : Number.NaN, reason: values.reason }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/extensions', { params: { path: { id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('deadline.extendDays')} required hint={t('deadline.extendHint', { max })} error={errors.days} className="field-short">
        {(control) => <input {...control} type="number" min={1} max={max} {...form.register('days')} />}
      </Field>
      <TemplatePicker
        use="extension"
        onInsert={(text) => form.setValue('reason', withTemplate(form.getValues('reason'), text), { shouldDirty: true })}
      />
      <Field label={t('deadline.extendReason')} required error={errors.reason}>
        {(control) => <textarea {...control} rows={2} {...form.register('reason')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('deadline.extendSave')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** A leader refuses the pending request, saying why. */
function RefuseForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: ExtensionRefusalBody,
    empty: { reason: '' },
    toBody: (values) => ({ reason: values.reason }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/extensions/refuse', { params: { path: { id } }, body })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('deadline.refuseReason')} required error={form.formState.errors.reason}>
        {(control) => <textarea {...control} rows={2} {...form.register('reason')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('deadline.refuseSave')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/**
 * The extension of the time to conclude (Art. 34): the office requests it, a leader approves or
 * refuses it; only an approval moves the clock. Shown under the clocks.
 */
export function ExtensionPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const plan = usePlan(detail.planId);
  const [form, setForm] = useState<'request' | 'refuse' | null>(null);
  const approving = useCaseMutation((id) => ok(client.POST('/api/v1/cases/{id}/extensions/approve', { params: { path: { id } } })));
  const conclude = detail.deadlines.conclude;
  const open = conclude.dueAt !== null && conclude.doneAt === null;
  const pending = detail.extensionRequest;
  if (detail.extension) return <p className="small muted">{t('deadline.extendedBy', { days: detail.extension.days })}</p>;
  if (pending) {
    const mayDecide = detail.abilities['case.extension.decide'];
    return (
      <div className="extension-request" role="group" aria-label={t('deadline.extend')}>
        <p className="notice notice-warning">{t('deadline.requestPending', { days: pending.days, when: format.dateTime(pending.requestedAt) })}</p>
        <p className="small">
          <strong>{t('deadline.requestReason')}</strong> {pending.reason}
        </p>
        {mayDecide && form === 'refuse' ? <RefuseForm onDone={() => setForm(null)} /> : null}
        {mayDecide && form !== 'refuse' ? (
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={approving.isPending} onClick={() => approving.mutate()}>
              {t('deadline.approve')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setForm('refuse')}>
              {t('deadline.refuse')}
            </button>
          </div>
        ) : null}
        <ActionError error={approving.error ?? undefined} />
      </div>
    );
  }
  if (!open || !detail.abilities['case.extension.request']) return null;
  return form === 'request' ? (
    <RequestForm max={plan?.document.deadlines.extensionMaxDays ?? 30} onDone={() => setForm(null)} />
  ) : (
    <button type="button" className="button button-quiet" onClick={() => setForm('request')}>
      {t('deadline.extend')}
    </button>
  );
}
