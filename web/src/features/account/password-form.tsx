import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../api/client';
import { Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { passwordError } from './password-words';

/** Change one's own password: the current one, the new one twice. */
export function PasswordForm({ onChanged, currentLabel }: { onChanged: () => void | Promise<void>; currentLabel?: string }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => ok(client.POST('/api/v1/auth/password', { body: { currentPassword: current, newPassword: next } })),
    onSuccess: async () => {
      setCurrent('');
      setNext('');
      setAgain('');
      await onChanged();
    },
  });
  const error = change.error ?? undefined;
  const busy = change.isPending;
  const done = change.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMismatch(next !== again);
    if (next !== again) {
      change.reset();
      return;
    }
    change.mutate();
  };

  const fieldError = (field: string) => (error?.field === field ? passwordError(t, error) : undefined);
  const otherError = error && error.field !== 'currentPassword' && error.field !== 'newPassword' ? error : undefined;
  return (
    <form className="account-form" onSubmit={submit} noValidate>
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
