import type { Kysely } from 'kysely';

/**
 * Rate limits and the guess throttle count here, so that several server processes on one
 * database enforce one limit. A row is one key's count in its current window (times in epoch ms).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('limit_counters')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('count', 'integer', (column) => column.notNull())
    .addColumn('window_ends_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('limit_counters_by_end').on('limit_counters').column('window_ends_at').execute();
}
