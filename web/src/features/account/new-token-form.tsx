import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { CreateTokenBody } from '../../../../src/contract/account-bodies.js';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { FormFailure } from '../../forms/form-failure';
import { useSchemaForm } from '../../forms/use-schema-form';
import { Field } from '../../ui/field';

interface Values {
  name: string;
  /** As typed (a number field gives '' for what is not a number, which is then 0: too few). */
  days: string;
}

const empty: Values = { name: '', days: '90' };
const toBody = ({ name, days }: Values): Static<typeof CreateTokenBody> => ({ name, expiresInDays: Number(days) });
const fieldOf = (path: string) => (path === 'expiresInDays' ? 'days' : path === 'name' ? 'name' : undefined);

/** Make a token of one's own; its secret is shown once. */
export function NewTokenForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string>();
  const make = useMutation({
    mutationFn: (body: Static<typeof CreateTokenBody>) => ok(client.POST('/api/v1/users/{id}/tokens', { params: { path: { id: userId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.credentials(userId, 'token') }),
  });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: CreateTokenBody,
    defaultValues: empty,
    toBody,
    fieldOf,
    send: async (body) => {
      setSecret((await make.mutateAsync(body)).token);
      form.reset({ ...form.getValues(), name: '' });
    },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form className="account-form account-inline" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('account.tokens.name')} hint={t('account.tokens.nameHint')} error={errors.name} required>
        {(control) => <input {...control} maxLength={100} {...form.register('name')} />}
      </Field>
      <Field label={t('account.tokens.days')} error={errors.days ? t('account.tokens.daysRule') : undefined} required>
        {(control) => <input {...control} type="number" min={1} max={366} {...form.register('days')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
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
