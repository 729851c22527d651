import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { TotpDisableBody } from '../../../../src/contract/account-bodies.js';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { TotpStatus } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { useSchemaForm } from '../../forms/use-schema-form';
import { useAuth } from '../../session/session';
import { Field } from '../../ui/field';
import { Loading } from '../../ui/states';
import { passwordWords } from './password-words';
import { holdRefusal, refusalText } from './refusals';
import { TotpSetup } from './totp-setup';

const totpQuery = queryOptions({
  queryKey: queryKeys.totp,
  queryFn: ({ signal }): Promise<TotpStatus> => ok(client.GET('/api/v1/auth/totp', { signal })),
});

const toBody = (values: { password: string }): Static<typeof TotpDisableBody> => ({ password: values.password });

/** Turning the second factor off takes one's password. */
function TurnOff({ onOff }: { onOff: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const off = useMutation({ mutationFn: (body: Static<typeof TotpDisableBody>) => ok(client.DELETE('/api/v1/auth/totp', { body })) });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: TotpDisableBody,
    defaultValues: { password: '' },
    toBody,
    send: async (body) => {
      try {
        await off.mutateAsync(body);
      } catch (caught) {
        if (holdRefusal(form, caught, ['password'])) return;
        throw caught;
      }
      form.reset({ password: '' });
      await onOff();
    },
  });
  return (
    <form className="account-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('account.password.current')} error={refusalText(form.formState.errors.password, (reason) => passwordWords(t, reason))} required>
        {(control) => <input {...control} type="password" autoComplete="current-password" {...form.register('password')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        {t('account.totp.turnOff')}
      </button>
    </form>
  );
}

/** The second factor: its state, setting it up, or turning it off with one's password. */
export function SecondFactor() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const queryClient = useQueryClient();
  const status = useQuery(totpQuery);
  const reload = () => queryClient.invalidateQueries({ queryKey: queryKeys.totp });

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
      {status.data.required ? <p className="muted">{t('account.totp.requiredNote')}</p> : <TurnOff onOff={reload} />}
    </>
  );
}
