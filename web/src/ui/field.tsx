import { useId, type ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { heldText } from '../forms/held-text';
import { currentLanguage } from '../i18n';
import { useAuth } from '../session/session';
import { formatDateTime } from './time';
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

/** A labelled control with its hint and its problem, wired for screen readers. */
export function Field(props: {
  label: ReactNode;
  hint?: ReactNode;
  /** The field's problem from its form (forms/use-schema-form.ts), the server's error for it, or a sentence of the app's own. */
  error?: FieldError | ApiError | string | undefined;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { state } = useAuth();
  // Fields show before anyone signs in too (the sign-in page); a time then reads in the browser's zone.
  const timeZone = state.status === 'signed-in' ? state.session.timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const time = (iso: string) => formatDateTime(iso, currentLanguage(i18n), timeZone);
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
          {typeof props.error === 'string'
            ? props.error
            : props.error instanceof ApiError
              ? errorText(t, props.error)
              : heldText(t, props.error, time)}
        </p>
      ) : null}
    </div>
  );
}
