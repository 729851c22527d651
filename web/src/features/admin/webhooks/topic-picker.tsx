import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import { errorText } from '../../../ui/server-text';
import { noticeTopics, type NoticeTopic, type WebhookTopics } from '../../../../../src/core/notices.js';

const topicKeys = {
  'case.assigned': 'adminWebhooks.topicNames.case_assigned',
  'deadline.missed': 'adminWebhooks.topicNames.deadline_missed',
  'deadline.escalated': 'adminWebhooks.topicNames.deadline_escalated',
  'assignment.objected': 'adminWebhooks.topicNames.assignment_objected',
  'case.extended': 'adminWebhooks.topicNames.case_extended',
  'personal_data.revealed': 'adminWebhooks.topicNames.personal_data_revealed',
  'audit.checkpoint': 'adminWebhooks.topicNames.audit_checkpoint',
} as const satisfies Record<NoticeTopic, string>;

/** A notice topic in the reader's language. */
export function useTopicName(): (topic: NoticeTopic) => string {
  const { t } = useTranslation();
  return (topic) => t(topicKeys[topic]);
}

/** The topics a webhook receives, in words: "all notices" or the list. */
export function TopicsText({ topics }: { topics: WebhookTopics }) {
  const { t } = useTranslation();
  const name = useTopicName();
  return <>{topics === 'all' ? t('adminWebhooks.allTopics') : topics.map(name).join(t('adminWebhooks.topicSeparator'))}</>;
}

/**
 * Checkboxes for the topics a webhook receives: all of them (including any added later), or those
 * ticked; with none ticked it says so (the server refuses that too).
 */
export function TopicPicker({ value, onChange, error }: { value: WebhookTopics; onChange: (topics: WebhookTopics) => void; error?: ApiError | undefined }) {
  const { t } = useTranslation();
  const name = useTopicName();
  const chosen = value === 'all' ? [] : value;
  const toggle = (topic: NoticeTopic, on: boolean) => onChange(noticeTopics.filter((item) => (item === topic ? on : chosen.includes(item))));
  return (
    <fieldset className="webhook-topics">
      <legend>{t('adminWebhooks.topics')}</legend>
      <label className="check">
        <input type="checkbox" checked={value === 'all'} onChange={(event) => onChange(event.target.checked ? 'all' : [])} /> {t('adminWebhooks.allTopicsLater')}
      </label>
      {value === 'all'
        ? null
        : noticeTopics.map((topic) => (
            <label key={topic} className="check">
              <input type="checkbox" checked={chosen.includes(topic)} onChange={(event) => toggle(topic, event.target.checked)} /> {name(topic)}{' '}
              <span className="muted small mono">{topic}</span>
            </label>
          ))}
      {error || (value !== 'all' && value.length === 0) ? <p className="field-error">{error ? errorText(t, error) : t('adminWebhooks.noTopic')}</p> : null}
    </fieldset>
  );
}
