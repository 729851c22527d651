import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { maxRepresentatives } from '../../../../src/core/types.js';
import { FieldProblem } from '../../forms/form-failure';
import { Field } from '../../ui/field';
import type { CaseDraft, OpenCase } from './draft';

/** Up to five representatives of a collective visit (the statutory limit), each a name and a contact. */
export function RepresentativesFields({ form }: { form: UseFormReturn<CaseDraft, unknown, OpenCase> }) {
  const { t } = useTranslation();
  const rows = useFieldArray({ control: form.control, name: 'representatives' });
  const errors = form.formState.errors.representatives;

  return (
    <fieldset className="representatives">
      <legend>
        {t('register.representatives')}{' '}
        <span className="counter">{t('register.representativeCount', { count: rows.fields.length, max: maxRepresentatives })}</span>
      </legend>
      <p className="hint">{t('register.representativesHint', { max: maxRepresentatives })}</p>
      <FieldProblem error={errors?.root} />
      {rows.fields.map((row, index) => (
        <div className="representative-row" key={row.id}>
          <Field label={t('register.representativeName', { n: index + 1 })} required error={errors?.[index]?.name}>
            {(control) => <input {...control} {...form.register(`representatives.${index}.name`)} />}
          </Field>
          <Field label={t('register.representativeContact', { n: index + 1 })} error={errors?.[index]?.contact}>
            {(control) => <input {...control} type="tel" {...form.register(`representatives.${index}.contact`)} />}
          </Field>
          <button type="button" className="button button-quiet remove-row" onClick={() => rows.remove(index)}>
            {t('register.removeRepresentative', { n: index + 1 })}
          </button>
        </div>
      ))}
      {rows.fields.length < maxRepresentatives ? (
        <button type="button" className="button" onClick={() => rows.append({ name: '', contact: '' })}>
          {t('register.addRepresentative')}
        </button>
      ) : (
        <p className="hint">{t('register.representativesFull', { max: maxRepresentatives })}</p>
      )}
    </fieldset>
  );
}
