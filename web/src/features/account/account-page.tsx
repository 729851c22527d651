import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { TotpStatus } from '../../api/types';
import { useAuth, useSession } from '../../session/session';
import { Field } from '../../ui/field';
import { PageTitle } from '../../ui/page-title';
import { ActionError, Loading } from '../../ui/states';
import { CredentialsList } from './credentials-list';
import { PasswordForm } from './password-form';
import { passwordError } from './password-words';
import { TotpSetup } from './totp-setup';
import './account.css';

const totpQuery = queryOptions({
  queryKey: queryKeys.totp,
  queryFn: ({ signal }): Promise<TotpStatus> => ok(client.GET('/api/v1/auth/totp', { signal })),
});

/** The second factor: its state, setting it up, or turning it off with one's password. */
function SecondFactor() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const queryClient = useQueryClient();
  const status = useQuery(totpQuery);
  const [password, setPassword] = useState('');
  const reload = () => queryClient.invalidateQueries({ queryKey: queryKeys.totp });
  const off = useMutation({
    mutationFn: (password: string) => ok(client.DELETE('/api/v1/auth/totp', { body: { password } })),
    onSuccess: () => {
      setPassword('');
      return reload();
    },
  });
  const error = off.error ?? undefined;

  const turnOff = (event: FormEvent) => {
    event.preventDefault();
    off.mutate(password);
  };

  if (!status.data) return <Loading />;
  if (!status.data.enabled) {
    return (
      <>
        <p>{t(status.data.required ? 'account.totp.offRequired' : 'account.totp.off')}</p>
        <TotpSetup
          onEnabled={async () => {
            await reload();
            await refresh();
          }}
        />
      </>
    );
  }
  return (
    <>
      <p className="notice notice-info">{t('account.totp.on', { count: status.data.recoveryCodesLeft })}</p>
      {status.data.required ? (
        <p className="muted">{t('account.totp.requiredNote')}</p>
      ) : (
        <form className="account-form" onSubmit={turnOff} noValidate>
          <Field label={t('account.password.current')} error={error?.field === 'password' ? passwordError(t, error) : undefined} required>
            {(control) => <input {...control} type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />}
          </Field>
          <ActionError error={error?.field === 'password' ? undefined : error} />
          <button type="submit" className="button">
            {t('account.totp.turnOff')}
          </button>
        </form>
      )}
    </>
  );
}

/** Make a token of one's own; its secret is shown once. */
function NewToken({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<string>();
  const make = useMutation({
    mutationFn: () => ok(client.POST('/api/v1/users/{id}/tokens', { params: { path: { id: userId } }, body: { name, expiresInDays: Number(days) } })),
    onSuccess: (made) => {
      setSecret(made.token);
      setName('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.credentials(userId, 'token') });
    },
  });
  const error = make.error ?? undefined;

  const create = (event: FormEvent) => {
    event.preventDefault();
    make.mutate();
  };

  return (
    <form className="account-form account-inline" onSubmit={create} noValidate>
      <Field label={t('account.tokens.name')} hint={t('account.tokens.nameHint')} error={error?.field === 'name' ? error.message : undefined} required>
        {(control) => <input {...control} value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <Field label={t('account.tokens.days')} error={error?.field === 'expiresInDays' ? t('account.tokens.daysRule') : undefined} required>
        {(control) => <input {...control} type="number" min={1} max={366} value={days} onChange={(event) => setDays(event.target.value)} />}
      </Field>
      <ActionError error={error && error.field !== 'name' && error.field !== 'expiresInDays' ? error : undefined} />
      <button type="submit" className="button button-primary">
        {t('account.tokens.create')}
      </button>
      {secret ? (
        <div className="notice notice-info one-time" role="status">
          <p>{t('account.tokens.shownOnce')}</p>
          <code className="mono token-secret">{secret}</code>
        </div>
      ) : null}
    </form>
  );
}

/** My account: password, second factor, API tokens and sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <>
      <PageTitle title={t('account.title')}>{t('account.title')}</PageTitle>
      <p className="muted">
        {user.name} · {user.email}
      </p>
      <section className="account-section" aria-labelledby="account-password">
        <h2 id="account-password">{t('account.password.title')}</h2>
        <PasswordForm onChanged={() => undefined} />
      </section>
      <section className="account-section" aria-labelledby="account-totp">
        <h2 id="account-totp">{t('account.totp.title')}</h2>
        <SecondFactor />
      </section>
      <section className="account-section" aria-labelledby="account-tokens">
        <h2 id="account-tokens">{t('account.tokens.title')}</h2>
        <p className="muted">{t('account.tokens.intro')}</p>
        <NewToken userId={user.id} />
        <CredentialsList userId={user.id} kind="token" />
      </section>
      <section className="account-section" aria-labelledby="account-sessions">
        <h2 id="account-sessions">{t('account.sessions.title')}</h2>
        <p className="muted">{t('account.sessions.intro')}</p>
        <CredentialsList userId={user.id} kind="session" />
      </section>
    </>
  );
}
