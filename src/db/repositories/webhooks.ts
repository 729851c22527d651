import { noticeTopics, subscribes, type NoticeTopic, type WebhookTopics } from '../../core/notices.js';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A webhook's topics as stored (migration 018): `all`, or the topics comma-separated. */
export function storedTopics(topics: WebhookTopics): string {
  return topics === 'all' ? 'all' : noticeTopics.filter((topic) => topics.includes(topic)).join(',');
}

/** A webhook's topics from the stored text; a topic this version no longer sends is left out. */
export function topicsOf(stored: string): WebhookTopics {
  if (stored === 'all') return 'all';
  const named = stored.split(',');
  return noticeTopics.filter((topic) => named.includes(topic));
}

/** The enabled webhooks that receive a notice of `topic`. */
export async function subscribedWebhooks(db: Kysely<Database>, topic: NoticeTopic): Promise<{ id: string }[]> {
  const rows = await db.selectFrom('webhooks').select(['id', 'topics']).where('disabled_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  return rows.filter((row) => subscribes(topicsOf(row.topics), topic)).map((row) => ({ id: row.id }));
}
