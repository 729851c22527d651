import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { CreateWebhookBody } from '../../../../../src/contract/admin-bodies.js';
import type { WebhookTopics } from '../../../../../src/core/notices.js';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { NewWebhook } from '../../../api/types';
import { FormFailure } from '../../../forms/form-failure';
import { useSchemaForm } from '../../../forms/use-schema-form';
import { Field } from '../../../ui/field';
import { TopicPicker, webhookFieldOf } from './topic-picker';

interface WebhookValues {
  url: string;
  description: string;
  topics: WebhookTopics;
}

const empty: WebhookValues = { url: '', description: '', topics: 'all' };

const toBody = (values: WebhookValues): Static<typeof CreateWebhookBody> => ({ url: values.url, description: values.description || null, topics: values.topics });

/** Adds a webhook (checked against the server's own body schema); its signing secret is handed up to be shown this once. */
export function WebhookForm({ onCreated }: { onCreated: (created: NewWebhook) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (body: Static<typeof CreateWebhookBody>): Promise<NewWebhook> => ok(client.POST('/api/v1/webhooks', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: CreateWebhookBody,
    defaultValues: empty,
    toBody,
    fieldOf: webhookFieldOf,
    send: async (body) => {
      onCreated(await add.mutateAsync(body));
      form.reset(empty);
    },
  });
  const { errors, isSubmitting, isSubmitted } = form.formState;
  const topics = form.watch('topics');
  return (
    <form className="admin-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('adminWebhooks.addTitle')}>
      <h2>{t('adminWebhooks.addTitle')}</h2>
      <Field label={t('adminWebhooks.url')} hint={t('adminWebhooks.urlHint')} error={errors.url} required>
        {(control) => <input {...control} type="url" inputMode="url" autoComplete="off" {...form.register('url')} />}
      </Field>
      <Field label={t('adminWebhooks.description')} error={errors.description}>
        {(control) => <input {...control} {...form.register('description')} />}
      </Field>
      <TopicPicker value={topics} onChange={(next) => form.setValue('topics', next, { shouldValidate: isSubmitted })} error={errors.topics} />
      <FormFailure failure={failure} problems={errors.root} />
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting || (topics !== 'all' && topics.length === 0)}>
          {isSubmitting ? t('common.saving') : t('adminWebhooks.add')}
        </button>
      </p>
    </form>
  );
}
