import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The case row knows when its open clock pause began (`paused_at`, null when none is open), so every
 * reader of its stored due times — the queue's deadline badge and overdue filter, the dashboard's
 * counts, `next_due_at` and its index — sees the handling clock stopped while the pause lasts,
 * not running on towards its old due time. Kept by commands/pauses.ts with the `pauses` row.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('cases').addColumn('paused_at', adapter.timestamp).execute();
  await sql`update cases set paused_at = (select p.started_at from pauses p where p.case_id = cases.id and p.ended_at is null)`.execute(db);
}
