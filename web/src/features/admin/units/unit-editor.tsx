import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { UpdateUnitBody } from '../../../../../src/contract/admin-bodies.js';
import { unitKinds, type UnitKind } from '../../../../../src/core/types.js';
import { client, ok } from '../../../api/client';
import type { Unit } from '../../../api/types';
import { FormFailure } from '../../../forms/form-failure';
import { useSchemaForm } from '../../../forms/use-schema-form';
import { Field } from '../../../ui/field';
import { ActionError } from '../../../ui/states';
import { descendantsOf } from './unit-tree';

interface Draft {
  name: string;
  nameEn: string;
  kind: UnitKind;
  parentId: string;
  leaderName: string;
  leaderDuty: string;
}

const draftOf = (unit: Unit): Draft => ({
  name: unit.name,
  nameEn: unit.nameEn ?? '',
  kind: unit.kind,
  parentId: unit.parentId ?? '',
  leaderName: unit.leaderName ?? '',
  leaderDuty: unit.leaderDuty ?? '',
});

const toBody = (draft: Draft): Static<typeof UpdateUnitBody> => ({
  ...draft,
  nameEn: draft.nameEn || null,
  parentId: draft.parentId || null,
  leaderName: draft.leaderName || null,
  leaderDuty: draft.leaderDuty || null,
});

/** The edit form of one unit: names, kind, parent (never itself or below it), responsible leader and duty. */
export function UnitEditor({ unit, units, onSaved, onClose }: { unit: Unit; units: Unit[]; onSaved(unit: Unit): void; onClose(): void }) {
  const { t } = useTranslation();
  const excluded = descendantsOf(units, unit.id);
  const path = { params: { path: { id: unit.id } } };
  const save = useMutation({ mutationFn: (body: Static<typeof UpdateUnitBody>): Promise<Unit> => ok(client.PATCH('/api/v1/units/{id}', { ...path, body })) });
  // (De)activating leaves the form open on the unit as it now stands; saving closes it.
  const toggle = useMutation({
    mutationFn: (): Promise<Unit> => ok(unit.active ? client.POST('/api/v1/units/{id}/deactivate', path) : client.POST('/api/v1/units/{id}/reactivate', path)),
    onSuccess: onSaved,
  });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: UpdateUnitBody,
    defaultValues: draftOf(unit),
    toBody,
    send: async (body) => {
      const saved = await save.mutateAsync(body);
      onClose();
      onSaved(saved);
    },
  });
  const { errors, isSubmitting } = form.formState;
  const busy = isSubmitting || toggle.isPending;
  // Deactivating a unit that still holds open assignments names their cases.
  const error = toggle.error ?? undefined;
  const openCases = error?.code === 'unit_has_open_assignments' ? ((error.details as { cases?: { id: string; reference: string }[] } | undefined)?.cases ?? []) : [];
  return (
    <form className="admin-form card" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('adminUnits.editTitle', { name: unit.name })}>
      <h2>{t('adminUnits.editTitle', { name: unit.name })}</h2>
      <Field label={t('adminUnits.name')} required error={errors.name}>
        {(control) => <input {...control} {...form.register('name')} />}
      </Field>
      <Field label={t('adminUnits.nameEn')} error={errors.nameEn}>
        {(control) => <input {...control} {...form.register('nameEn')} />}
      </Field>
      <Field label={t('adminUnits.kind')} required error={errors.kind}>
        {(control) => (
          <select {...control} {...form.register('kind')}>
            {unitKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`adminUnits.kindName.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('adminUnits.parent')} error={errors.parentId}>
        {(control) => (
          <select {...control} {...form.register('parentId')}>
            <option value="">{t('adminUnits.noParent')}</option>
            {units
              .filter((candidate) => !excluded.has(candidate.id))
              .map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field label={t('adminUnits.leaderName')} hint={t('adminUnits.leaderHint')} error={errors.leaderName}>
        {(control) => <input {...control} {...form.register('leaderName')} />}
      </Field>
      <Field label={t('adminUnits.leaderDuty')} error={errors.leaderDuty}>
        {(control) => <textarea {...control} rows={2} {...form.register('leaderDuty')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      {error && error.code !== 'unit_has_open_assignments' ? <ActionError error={error} /> : null}
      {error?.code === 'unit_has_open_assignments' ? (
        <div className="notice notice-warning" role="alert">
          <p>{t('adminUnits.openAssignments', { count: (error.details as { openAssignments?: number } | undefined)?.openAssignments ?? openCases.length })}</p>
          <ul>
            {openCases.map((item) => (
              <li key={item.id}>
                <a href={`/cases/${item.id}`}>{item.reference}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => toggle.mutate()}>
          {t(unit.active ? 'adminUnits.deactivate' : 'adminUnits.reactivate')}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
