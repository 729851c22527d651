import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../session/session';
import { Field } from '../../ui/field';
import { errorText } from '../../ui/server-text';
import { LanguageSwitch } from '../../ui/language-switch';

/** Only paths inside this app may be returned to after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const { state, signIn } = useAuth();
  const [search] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Shown once the server says the password was right and the account has a second factor.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  // Signed in (the app, or its setup steps, or why it could not open, is behind the sign-in).
  if (state.status !== 'anonymous' && state.status !== 'loading') return <Navigate to={safeNext(search.get('next'))} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email, password, askCode ? code : undefined);
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : undefined;
      if (failure?.code === 'second_factor_required') {
        setAskCode(true);
        return;
      }
      const retry = (failure?.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      setError(
        failure?.code === 'invalid_credentials'
          ? t(failure.field === 'code' ? 'signIn.wrongCode' : 'signIn.invalid')
          : failure?.code === 'too_many_attempts'
            ? t('signIn.tooMany', { minutes: Math.max(1, Math.ceil((retry ?? 60) / 60)) })
            : failure?.code === 'validation_failed'
              ? t('signIn.missing')
              : failure
                ? errorText(t, failure)
                : t('errors.genericTitle'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <main id="main" className="sign-in-card">
        <p className="sign-in-language">
          <LanguageSwitch />
        </p>
        <div className="brand-mark brand-mark-large" aria-hidden="true">
          R
        </div>
        <h1>{t('app.title')}</h1>
        <p className="sign-in-intro">{t('app.intro')}</p>
        {state.status === 'anonymous' && state.expired ? (
          <p className="notice notice-info" role="status">
            {t('signIn.expired')}
          </p>
        ) : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field label={t('signIn.email')} required>
            {(control) => (
              <input {...control} type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} />
            )}
          </Field>
          <Field label={t('signIn.password')} required>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          {askCode ? (
            <Field label={t('signIn.code')} hint={t('signIn.codeHint')} required>
              {(control) => (
                <input
                  {...control}
                  autoComplete="one-time-code"
                  inputMode="text"
                  autoFocus
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                />
              )}
            </Field>
          ) : null}
          {error ? (
            <p className="action-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="button button-primary button-wide" disabled={busy}>
            {busy ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
        </form>
        <p className="sign-in-footer">
          <a href="/api/docs">{t('app.apiDocs')}</a>
        </p>
      </main>
    </div>
  );
}
