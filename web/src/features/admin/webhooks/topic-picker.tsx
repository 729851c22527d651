import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { heldText } from '../../../forms/held-text';
import { noticeTopics, type NoticeTopic, type WebhookTopics } from '../../../../../src/core/notices.js';

const topicKeys = {
  'case.assigned': 'adminWebhooks.topicNames.case_assigned',
  'deadline.reminded': 'adminWebhooks.topicNames.deadline_reminded',
  'deadline.missed': 'adminWebhooks.topicNames.deadline_missed',
  'deadline.escalated': 'adminWebhooks.topicNames.deadline_escalated',
  'assignment.objected': 'adminWebhooks.topicNames.assignment_objected',
  'case.extended': 'adminWebhooks.topicNames.case_extended',
  'extension.requested': 'adminWebhooks.topicNames.extension_requested',
  'extension.decided': 'adminWebhooks.topicNames.extension_decided',
  'personal_data.revealed': 'adminWebhooks.topicNames.personal_data_revealed',
  'audit.checkpoint': 'adminWebhooks.topicNames.audit_checkpoint',
  'notice.issued': 'adminWebhooks.topicNames.notice_issued',
  'supervision.started': 'adminWebhooks.topicNames.supervision_started',
  'supervision.feedback': 'adminWebhooks.topicNames.supervision_feedback',
  'supervision.ended': 'adminWebhooks.topicNames.supervision_ended',
  'rework.started': 'adminWebhooks.topicNames.rework_started',
  'rework.reported': 'adminWebhooks.topicNames.rework_reported',
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

/** The field of a webhook's form a body path belongs to: everything under `topics` (`topics[2]` too) is the picker's, whose checkboxes are one field. */
export const webhookFieldOf = (path: string): string | undefined => {
  const top = path.split(/[.[]/)[0];
  return top === 'topics' || top === 'url' || top === 'description' ? top : undefined;
};

/**
 * Checkboxes for the topics a webhook receives: all of them (including any added later), or those
 * ticked; with none ticked it says so at once (the schema and the server refuse that too). `error`
 * is the field's problem from its form (forms/use-schema-form.ts), the server's among them.
 */
export function TopicPicker({ value, onChange, error }: { value: WebhookTopics; onChange: (topics: WebhookTopics) => void; error?: FieldError | undefined }) {
  const { t } = useTranslation();
  const name = useTopicName();
  const chosen = value === 'all' ? [] : value;
  const toggle = (topic: NoticeTopic, on: boolean) => onChange(noticeTopics.filter((item) => (item === topic ? on : chosen.includes(item))));
  const none = value !== 'all' && value.length === 0;
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
      {none || error ? <p className="field-error">{none ? t('adminWebhooks.noTopic') : error ? heldText(t, error) : null}</p> : null}
    </fieldset>
  );
}
