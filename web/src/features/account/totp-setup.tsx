import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../api/client';
import type { TotpEnrolment } from '../../api/types';
import { Field } from '../../ui/field';
import { ActionError } from '../../ui/states';

/** The recovery codes, shown once, with a reminder to keep them somewhere safe. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="recovery-codes" role="status">
      <h3>{t('account.totp.recoveryTitle')}</h3>
      <p>{t('account.totp.recoveryIntro')}</p>
      <ul className="mono">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <button type="button" className="button button-primary" onClick={onDone}>
        {t('account.totp.recoverySaved')}
      </button>
    </div>
  );
}

/** Setting up a second factor: the QR code and secret, then a code from the app to confirm, then the recovery codes. */
export function TotpSetup({ onEnabled }: { onEnabled: () => void | Promise<void> }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  // Starting answers the secret to scan; confirming a code from the app answers the recovery codes.
  const begin = useMutation({ mutationFn: (): Promise<TotpEnrolment> => ok(client.POST('/api/v1/auth/totp')) });
  const finish = useMutation({ mutationFn: (code: string) => ok(client.POST('/api/v1/auth/totp/confirm', { body: { code } })) });
  const enrolment = begin.data;
  const codes = finish.data?.recoveryCodes;
  const error = (enrolment ? finish.error : begin.error) ?? undefined;
  const busy = begin.isPending || finish.isPending;

  const start = () => begin.mutate();
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    finish.mutate(code);
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={() => void onEnabled()} />;
  if (!enrolment) {
    return (
      <>
        <ActionError error={error} />
        <button type="button" className="button button-primary" disabled={busy} onClick={start}>
          {t('account.totp.start')}
        </button>
      </>
    );
  }
  return (
    <form className="account-form totp-setup" onSubmit={confirm} noValidate>
      <ol className="totp-steps">
        <li>
          {t('account.totp.scan')}
          <img className="totp-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t('account.totp.qrAlt')} width={180} height={180} />
          <p className="small">
            {t('account.totp.orType')} <code className="totp-secret">{enrolment.secret}</code>
          </p>
        </li>
        <li>
          <Field label={t('account.totp.code')} error={error?.field === 'code' ? t('account.totp.wrongCode') : undefined} required>
            {(control) => (
              <input {...control} inputMode="numeric" autoComplete="one-time-code" maxLength={8} value={code} onChange={(event) => setCode(event.target.value)} />
            )}
          </Field>
        </li>
      </ol>
      <ActionError error={error?.field === 'code' ? undefined : error} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('account.totp.confirm')}
      </button>
    </form>
  );
}
