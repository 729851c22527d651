import type { Kysely } from 'kysely';

/**
 * A failed delivery keeps why it failed as a code the admin pages translate (`timeout`,
 * `unreachable`, `http_status` with the receiver's status, …), beside the receiver's own words
 * in `last_error`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('last_error_code', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('last_http_status', 'integer').execute();
  // The admin's list of a webhook's recent deliveries reads by webhook, newest first.
  await db.schema.createIndex('notifications_webhook').on('notifications').columns(['webhook_id', 'created_at']).execute();
}
