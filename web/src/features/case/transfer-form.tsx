import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TransferBody } from '../../../../src/contract/routing.js';
import { transferKinds, type TransferKind } from '../../../../src/core/transfers.js';
import { client, ok } from '../../api/client';
import { FormFailure } from '../../forms/form-failure';
import type { FieldOf } from '../../forms/schema-resolver';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';
import { useFormat } from '../../session/formatters';
import { useSession } from '../../session/session';
import { Field } from '../../ui/field';
import { fromZonedInput, toZonedInput } from '../../ui/time';
import { useCaseForm } from './case-form';

type Target = 'unit' | 'outside';
type Values = { kind: TransferKind; target: Target; unitId: string; bodyName: string; reason: string; resultDueAt: string };

/** A problem of the receiving body shows on the field the office filled in for it (a unit, or a name). */
const transferField: FieldOf<Values> = (path, values) => {
  const top = path.split(/[.[]/)[0] ?? '';
  if (top === 'unitId' && values.target === 'outside') return 'bodyName';
  return top in values ? top : undefined;
};

/**
 * The office transfers (转送) the case to another body, a unit of the tree or a body outside this
 * system by name, or assigns it (交办) with a due date for the result report. What the server refuses
 * (the case's own unit, a deactivated one) shows on the field, in the reader's language.
 */
export function TransferForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { units, timeZone, clockOffset } = useSession();
  const format = useFormat();
  // A month from now, as a starting point for the result report's due date.
  const [inAMonth] = useState(() => toZonedInput(Date.now() + clockOffset + 30 * 86_400_000, timeZone));
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: TransferBody,
    empty: { kind: 'transfer', target: 'unit', unitId: '', bodyName: '', reason: '', resultDueAt: inAMonth },
    kept: { reason: 'transfer:reason' },
    toBody: (values) => ({
      kind: values.kind,
      reason: values.reason,
      ...(values.target === 'unit' ? { unitId: values.unitId } : { bodyName: values.bodyName }),
      ...(values.kind === 'assign' ? { resultDueAt: fromZonedInput(values.resultDueAt, timeZone) ?? values.resultDueAt } : {}),
    }),
    fieldOf: transferField,
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/transfers', { params: { path: { id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  const kind = form.watch('kind');
  const target = form.watch('target');
  return (
    <form className="inline-form transfer-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('transfers.open')}>
      <Field label={t('transfers.kind')} required error={errors.kind}>
        {(control) => (
          <select {...control} {...form.register('kind')}>
            {transferKinds.map((item) => (
              <option key={item} value={item}>
                {t(`transfers.kinds.${item}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('transfers.target')} required>
        {(control) => (
          <select {...control} {...form.register('target')}>
            <option value="unit">{t('transfers.targets.unit')}</option>
            <option value="outside">{t('transfers.targets.outside')}</option>
          </select>
        )}
      </Field>
      {target === 'unit' ? (
        <Field label={t('transfers.unit')} required error={errors.unitId}>
          {(control) => (
            <select {...control} {...form.register('unitId')}>
              <option value="">{t('assignments.chooseUnit')}</option>
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
      ) : (
        <Field label={t('transfers.bodyName')} required error={errors.bodyName}>
          {(control) => <input {...control} autoComplete="off" {...form.register('bodyName')} />}
        </Field>
      )}
      <Field label={t('transfers.reason')} required error={errors.reason}>
        {(control) => <textarea {...control} rows={3} {...form.register('reason')} />}
      </Field>
      {kind === 'assign' ? (
        <Field label={t('transfers.resultDueAt')} required hint={t('transfers.resultDueHint', { zone: timeZone })} error={errors.resultDueAt}>
          {(control) => <input {...control} type="datetime-local" {...form.register('resultDueAt')} />}
        </Field>
      ) : null}
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={kind === 'assign' ? t('transfers.sendAssign') : t('transfers.send')} busy={busy} onCancel={onDone} />
    </form>
  );
}
