import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { PageTitle } from '../../ui/page-title';
import { CredentialsList } from './credentials-list';
import { NewTokenForm } from './new-token-form';
import { PasswordForm } from './password-form';
import { SecondFactor } from './second-factor';
import './account.css';

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
        <NewTokenForm userId={user.id} />
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
