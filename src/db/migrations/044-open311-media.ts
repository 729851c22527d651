import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * An Open311 request's `media_url` is fetched by the worker into an attachment of the petition
 * (commands/public/open311-media.ts): `media_state` pending → fetched or failed (with the reason's
 * code), tried at most three times, the next try not before `media_next_at`. Requests already on
 * record with a media_url are left as they were (no state): their photo stays a link.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('open311_requests').addColumn('media_state', 'text').execute();
  await db.schema.alterTable('open311_requests').addColumn('media_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('open311_requests').addColumn('media_next_at', adapter.timestamp).execute();
  await db.schema.alterTable('open311_requests').addColumn('media_failure', 'text').execute();
  await db.schema.alterTable('open311_requests').addColumn('media_attachment_id', 'text').execute();
  await db.schema
    .createIndex('open311_requests_media_pending')
    .on('open311_requests')
    .column('media_next_at')
    .where(sql.ref('media_state'), '=', 'pending')
    .execute();
}
