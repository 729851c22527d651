import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { errorText } from './server-text';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}

/**
 * The server's error, as the server wrote it, when it names this field (or something inside it, like
 * `representatives[1].name`). `Field` shows it in the user's language (`errorText`), never as written.
 */
export function errorFor(error: ApiError | undefined, ...fields: string[]): ApiError | undefined {
  if (!error?.field) return undefined;
  const named = error.field;
  return fields.some((field) => named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`)) ? error : undefined;
}

/** A labelled control with its hint and the server's error, wired for screen readers. */
export function Field(props: {
  label: ReactNode;
  hint?: ReactNode;
  /** The server's error for this field (shown in the user's language), or a sentence of the app's own. */
  error?: ApiError | string | undefined;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : (
          <span className="optional"> {t('common.optional')}</span>
        )}
      </label>
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.children({
        id,
        'aria-invalid': Boolean(props.error),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(props.required ? { 'aria-required': true } : {}),
      })}
      {props.error ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">{t('common.errorPrefix')}</span>
          {typeof props.error === 'string' ? props.error : errorText(t, props.error)}
        </p>
      ) : null}
    </div>
  );
}
