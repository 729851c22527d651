import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { CatalogueEditBody } from '../../../../../src/contract/routing.js';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { CatalogueEntry } from '../../../api/types';
import { AssistingUnits } from '../../../forms/assisting-units';
import { FormFailure } from '../../../forms/form-failure';
import type { FieldOf } from '../../../forms/schema-resolver';
import { SubmitOrCancel } from '../../../forms/submit-or-cancel';
import { useSchemaForm } from '../../../forms/use-schema-form';
import { useFormat } from '../../../session/formatters';
import { useSession } from '../../../session/session';
import { Field } from '../../../ui/field';

type Values = { area: string; leadUnitId: string; assistingUnitIds: string[]; active: boolean };

// The body's fields as the form holds them: the area as `area` ('' for the whole county), each assisting unit on the group.
const entryField: FieldOf<Values> = (path) => {
  if (path.startsWith('areaUnitId')) return 'area';
  if (path.startsWith('assistingUnitIds')) return 'assistingUnitIds';
  if (path.startsWith('leadUnitId')) return 'leadUnitId';
  if (path.startsWith('active')) return 'active';
  return undefined;
};

const toBody = (values: Values): Static<typeof CatalogueEditBody> => ({
  areaUnitId: values.area === '' ? null : values.area,
  leadUnitId: values.leadUnitId,
  assistingUnitIds: values.assistingUnitIds.filter((id) => id !== values.leadUnitId),
  active: values.active,
});

/**
 * One catalogue entry edited in place, without republishing the plan: its area, lead and assisting
 * units, and whether new cases use it. What the server refuses (a deactivated unit, a second entry
 * for the same category and area) shows on its field.
 */
export function EntryEditor({ entry, title, onDone }: { entry: CatalogueEntry; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { units } = useSession();
  const format = useFormat();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: Static<typeof CatalogueEditBody>) => ok(client.PATCH('/api/v1/catalogue/{id}', { params: { path: { id: entry.id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.catalogue }),
  });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: CatalogueEditBody,
    defaultValues: { area: entry.areaUnitId ?? '', leadUnitId: entry.leadUnitId, assistingUnitIds: [...entry.assistingUnitIds], active: entry.active },
    toBody,
    fieldOf: entryField,
    send: async (body) => {
      await save.mutateAsync(body);
      onDone();
    },
  });
  const errors = form.formState.errors;
  const lead = form.watch('leadUnitId');
  const assisting = form.watch('assistingUnitIds');
  const toggle = (id: string, on: boolean) => form.setValue('assistingUnitIds', on ? [...assisting, id] : assisting.filter((item) => item !== id), { shouldDirty: true });
  const active = units.filter((unit) => unit.active);
  return (
    <form className="admin-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={title}>
      <h3>{title}</h3>
      <Field label={t('adminCatalogue.area')} error={errors.area}>
        {(control) => (
          <select {...control} {...form.register('area')}>
            <option value="">{t('adminCatalogue.everywhere')}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {format.unit(unit.id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('adminCatalogue.lead')} required error={errors.leadUnitId}>
        {(control) => (
          <select {...control} {...form.register('leadUnitId')}>
            {active.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {format.unit(unit.id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <AssistingUnits legend={t('adminCatalogue.assisting')} units={active} leadUnitId={lead} chosen={assisting} onToggle={toggle} error={errors.assistingUnitIds} />
      <label className="checkbox-line">
        <input type="checkbox" {...form.register('active')} /> {t('adminCatalogue.inUse')}
      </label>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('adminCatalogue.save')} busy={form.formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
