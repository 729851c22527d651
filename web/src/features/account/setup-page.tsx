import { useTranslation } from 'react-i18next';
import type { PendingStep, User } from '../../api/types';
import { useAuth } from '../../session/session';
import { LanguageSwitch } from '../../ui/language-switch';
import { PasswordForm } from './password-form';
import { TotpSetup } from './totp-setup';
import './account.css';

/** What a session must do before the app opens: choose a new password, then set up a second factor. */
export function AccountSetupPage({ user, pending }: { user: User; pending: PendingStep[] }) {
  const { t } = useTranslation();
  const { refresh, signOut } = useAuth();
  const step = pending[0] ?? 'password_change';
  return (
    <div className="sign-in">
      <main id="main" className="sign-in-card account-setup">
        <p className="sign-in-language">
          <LanguageSwitch />
        </p>
        <h1>{t(step === 'password_change' ? 'account.setup.passwordTitle' : 'account.setup.totpTitle')}</h1>
        <p className="sign-in-intro">
          {t(step === 'password_change' ? 'account.setup.passwordIntro' : 'account.setup.totpIntro', { email: user.email })}
        </p>
        {step === 'password_change' ? (
          <PasswordForm currentLabel={t('account.setup.currentPassword')} onChanged={refresh} />
        ) : (
          <TotpSetup onEnabled={refresh} />
        )}
        <p className="sign-in-footer">
          <button type="button" className="button button-quiet" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </p>
      </main>
    </div>
  );
}
