/**
 * Every notice Redress sends, in-app, by email and to webhooks. These are also the topics a
 * webhook subscribes to: a new notice here is a new topic, and a webhook on `all` receives it.
 */
export const noticeTopics = [
  'case.assigned',
  'deadline.reminded',
  'deadline.missed',
  'deadline.escalated',
  'assignment.objected',
  'case.extended',
  'extension.requested',
  'extension.decided',
  'personal_data.revealed',
  'audit.checkpoint',
  'notice.issued',
  'supervision.started',
  'supervision.feedback',
  'supervision.ended',
  'rework.started',
  'rework.reported',
] as const;
export type NoticeTopic = (typeof noticeTopics)[number];

/** What a webhook receives: every notice (including any added later), or the topics it names. */
export type WebhookTopics = 'all' | NoticeTopic[];

/** Whether a webhook subscribed to `topics` receives a notice of `topic`. */
export function subscribes(topics: 'all' | readonly NoticeTopic[], topic: NoticeTopic): boolean {
  return topics === 'all' || topics.includes(topic);
}
