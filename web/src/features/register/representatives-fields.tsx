import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/server-text';
import { maxRepresentatives } from '../../../../src/core/types.js';
import type { ApiError } from '../../api/client';
import { errorFor, Field } from '../../ui/field';

export interface RepresentativeDraft {
  name: string;
  contact: string;
}

/** Up to five representatives of a collective visit (the statutory limit), each a name and a contact. */
export function RepresentativesFields(props: {
  value: RepresentativeDraft[];
  onChange: (next: RepresentativeDraft[]) => void;
  error: ApiError | undefined;
  /** Which position each row was sent as, so the server's `representatives[i]` finds its row. */
  sentIndex: (row: number) => number;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const update = (index: number, patch: Partial<RepresentativeDraft>) =>
    onChange(value.map((row, position) => (position === index ? { ...row, ...patch } : row)));
  const general = props.error?.field === 'representatives' ? errorText(t, props.error) : undefined;

  return (
    <fieldset className="representatives">
      <legend>
        {t('register.representatives')}{' '}
        <span className="counter">{t('register.representativeCount', { count: value.length, max: maxRepresentatives })}</span>
      </legend>
      <p className="hint">{t('register.representativesHint', { max: maxRepresentatives })}</p>
      {general ? (
        <p className="field-error" role="alert">
          {general}
        </p>
      ) : null}
      {value.map((row, index) => {
        const sent = `representatives[${props.sentIndex(index)}]`;
        return (
          <div className="representative-row" key={index}>
            <Field label={t('register.representativeName', { n: index + 1 })} required error={errorFor(props.error, `${sent}.name`)}>
              {(control) => <input {...control} value={row.name} onChange={(event) => update(index, { name: event.target.value })} />}
            </Field>
            <Field label={t('register.representativeContact', { n: index + 1 })} error={errorFor(props.error, `${sent}.contact`)}>
              {(control) => (
                <input {...control} type="tel" value={row.contact} onChange={(event) => update(index, { contact: event.target.value })} />
              )}
            </Field>
            <button
              type="button"
              className="button button-quiet remove-row"
              onClick={() => onChange(value.filter((_, position) => position !== index))}
            >
              {t('register.removeRepresentative', { n: index + 1 })}
            </button>
          </div>
        );
      })}
      {value.length < maxRepresentatives ? (
        <button type="button" className="button" onClick={() => onChange([...value, { name: '', contact: '' }])}>
          {t('register.addRepresentative')}
        </button>
      ) : (
        <p className="hint">{t('register.representativesFull', { max: maxRepresentatives })}</p>
      )}
    </fieldset>
  );
}
