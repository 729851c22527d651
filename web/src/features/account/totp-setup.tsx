import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { TotpConfirmBody } from '../../../../src/contract/account-bodies.js';
import { client, ok } from '../../api/client';
import type { TotpEnrolment } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { useSchemaForm } from '../../forms/use-schema-form';
import { Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { holdRefusal, refusalText } from './refusals';

const toBody = (values: { code: string }): Static<typeof TotpConfirmBody> => ({ code: values.code.trim() });

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
  // Starting answers the secret to scan; confirming a code from the app answers the recovery codes.
  const begin = useMutation({ mutationFn: (): Promise<TotpEnrolment> => ok(client.POST('/api/v1/auth/totp')) });
  const finish = useMutation({ mutationFn: (body: Static<typeof TotpConfirmBody>) => ok(client.POST('/api/v1/auth/totp/confirm', { body })) });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: TotpConfirmBody,
    defaultValues: { code: '' },
    toBody,
    send: async (body) => {
      try {
        await finish.mutateAsync(body);
      } catch (caught) {
        if (!holdRefusal(form, caught, ['code'])) throw caught;
      }
    },
  });
  const enrolment = begin.data;
  const codes = finish.data?.recoveryCodes;
  const start = () => begin.mutate();

  if (codes) return <RecoveryCodes codes={codes} onDone={() => void onEnabled()} />;
  if (!enrolment) {
    return (
      <>
        <ActionError error={begin.error ?? undefined} />
        <button type="button" className="button button-primary" disabled={begin.isPending} onClick={start}>
          {t('account.totp.start')}
        </button>
      </>
    );
  }
  return (
    <form className="account-form totp-setup" onSubmit={(event) => void onSubmit(event)} noValidate>
      <ol className="totp-steps">
        <li>
          {t('account.totp.scan')}
          <img className="totp-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t('account.totp.qrAlt')} width={180} height={180} />
          <p className="small">
            {t('account.totp.orType')} <code className="totp-secret">{enrolment.secret}</code>
          </p>
        </li>
        <li>
          <Field label={t('account.totp.code')} error={refusalText(form.formState.errors.code, () => t('account.totp.wrongCode'))} required>
            {(control) => <input {...control} inputMode="numeric" autoComplete="one-time-code" maxLength={8} {...form.register('code')} />}
          </Field>
        </li>
      </ol>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <button type="submit" className="button button-primary" disabled={form.formState.isSubmitting}>
        {t('account.totp.confirm')}
      </button>
    </form>
  );
}
