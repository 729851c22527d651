import type { Kysely } from 'kysely';

/**
 * A webhook subscribes to topics (the notices of core/notices.ts): `all`, or the topics it names,
 * comma-separated (repositories/webhooks.ts reads and writes them). Every webhook registered
 * before topics existed received every notice, and keeps doing so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('webhooks').addColumn('topics', 'text', (column) => column.notNull().defaultTo('all')).execute();
}
