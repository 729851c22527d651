import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { UpdateWebhookBody } from '../../../../../src/contract/admin-bodies.js';
import type { WebhookTopics } from '../../../../../src/core/notices.js';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { Webhook } from '../../../api/types';
import { FormFailure } from '../../../forms/form-failure';
import { useSchemaForm } from '../../../forms/use-schema-form';
import { TopicPicker, webhookFieldOf } from './topic-picker';

const toBody = (values: { topics: WebhookTopics }): Static<typeof UpdateWebhookBody> => ({ topics: values.topics });

/** Changes the topics an existing webhook receives (checked against the server's own body schema); `onDone` when saved or cancelled. */
export function TopicsEditor({ hook, onDone }: { hook: Webhook; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: Static<typeof UpdateWebhookBody>) => ok(client.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: hook.id } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhooks });
      onDone();
    },
  });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: UpdateWebhookBody,
    defaultValues: { topics: hook.topics },
    toBody,
    fieldOf: webhookFieldOf,
    send: (body) => save.mutateAsync(body),
  });
  const { errors, isSubmitting, isSubmitted } = form.formState;
  const topics = form.watch('topics');
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('adminWebhooks.editTopicsOf', { url: hook.url })}>
      <TopicPicker value={topics} onChange={(next) => form.setValue('topics', next, { shouldValidate: isSubmitted })} error={errors.topics} />
      <FormFailure failure={failure} problems={errors.root} />
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting || (topics !== 'all' && topics.length === 0)}>
          {isSubmitting ? t('common.saving') : t('adminWebhooks.saveTopics')}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
