import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { Webhook } from '../../../api/types';
import { errorFor } from '../../../ui/field';
import { ActionError } from '../../../ui/states';
import { TopicPicker } from './topic-picker';

/** Changes the topics an existing webhook receives; `onDone` when saved or cancelled. */
export function TopicsEditor({ hook, onDone }: { hook: Webhook; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [topics, setTopics] = useState(hook.topics);
  const save = useMutation({
    mutationFn: () => ok(client.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: hook.id } }, body: { topics } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhooks });
      onDone();
    },
  });
  const error = save.error ?? undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('adminWebhooks.editTopicsOf', { url: hook.url })}>
      <TopicPicker value={topics} onChange={setTopics} error={errorFor(error, 'topics')} />
      <ActionError error={error && !errorFor(error, 'topics') ? error : undefined} />
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending || (topics !== 'all' && topics.length === 0)}>
          {save.isPending ? t('common.saving') : t('adminWebhooks.saveTopics')}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
