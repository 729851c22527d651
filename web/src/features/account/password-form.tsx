import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { passwordError } from './password-words';

/** Change one's own password: the current one, the new one twice. */
export function PasswordForm({ onChanged, currentLabel }: { onChanged: () => void | Promise<void>; currentLabel?: string }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<ApiError>();
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setDone(false);
    setMismatch(next !== again);
    if (next !== again) return;
    setBusy(true);
    try {
      await api('/api/v1/auth/password', { body: { currentPassword: current, newPassword: next } });
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      await onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) => (error?.field === field ? passwordError(t, error) : undefined);
  const otherError = error && error.field !== 'currentPassword' && error.field !== 'newPassword' ? error : undefined;
  return (
    <form className="account-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={currentLabel ?? t('account.password.current')} error={fieldError('currentPassword')} required>
        {(control) => <input {...control} type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} />}
      </Field>
      <Field label={t('account.password.new')} hint={t('account.password.rule')} error={fieldError('newPassword')} required>
        {(control) => <input {...control} type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} />}
      </Field>
      <Field label={t('account.password.again')} error={mismatch ? t('account.password.mismatch') : undefined} required>
        {(control) => <input {...control} type="password" autoComplete="new-password" value={again} onChange={(event) => setAgain(event.target.value)} />}
      </Field>
      <ActionError error={otherError} />
      {done ? (
        <p className="notice notice-info" role="status">
          {t('account.password.changed')}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('account.password.submit')}
      </button>
    </form>
  );
}
