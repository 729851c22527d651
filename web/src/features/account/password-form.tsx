import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { PasswordBody } from '../../../../src/contract/account-bodies.js';
import { client, ok } from '../../api/client';
import { FormFailure } from '../../forms/form-failure';
import { useSchemaForm } from '../../forms/use-schema-form';
import { Field } from '../../ui/field';
import { passwordWords } from './password-words';
import { holdRefusal, refusalText } from './refusals';

interface Values {
  currentPassword: string;
  newPassword: string;
  again: string;
}

const empty: Values = { currentPassword: '', newPassword: '', again: '' };
const toBody = ({ currentPassword, newPassword }: Values): Static<typeof PasswordBody> => ({ currentPassword, newPassword });

/** Change one's own password: the current one, the new one twice. */
export function PasswordForm({ onChanged, currentLabel }: { onChanged: () => void | Promise<void>; currentLabel?: string }) {
  const { t } = useTranslation();
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const change = useMutation({ mutationFn: (body: Static<typeof PasswordBody>) => ok(client.POST('/api/v1/auth/password', { body })) });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: PasswordBody,
    defaultValues: empty,
    toBody,
    send: async (body) => {
      if (form.getValues('again') !== body.newPassword) return;
      try {
        await change.mutateAsync(body);
      } catch (caught) {
        if (holdRefusal(form, caught, ['currentPassword', 'newPassword'])) return;
        throw caught;
      }
      form.reset(empty);
      setDone(true);
      await onChanged();
    },
  });
  const { errors, isSubmitting } = form.formState;
  // The repeat is checked here, beside every problem the schema finds, all at once.
  const submit = (event: FormEvent) => {
    const { newPassword, again } = form.getValues();
    setMismatch(newPassword !== again);
    setDone(false);
    void onSubmit(event);
  };
  const words = (reason: string) => passwordWords(t, reason);

  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <Field label={currentLabel ?? t('account.password.current')} error={refusalText(errors.currentPassword, words)} required>
        {(control) => <input {...control} type="password" autoComplete="current-password" {...form.register('currentPassword')} />}
      </Field>
      <Field label={t('account.password.new')} hint={t('account.password.rule')} error={refusalText(errors.newPassword, words)} required>
        {(control) => <input {...control} type="password" autoComplete="new-password" {...form.register('newPassword')} />}
      </Field>
      <Field label={t('account.password.again')} error={mismatch ? t('account.password.mismatch') : undefined} required>
        {(control) => <input {...control} type="password" autoComplete="new-password" {...form.register('again')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      {done ? (
        <p className="notice notice-info" role="status">
          {t('account.password.changed')}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? t('common.saving') : t('account.password.submit')}
      </button>
    </form>
  );
}
