import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Clock pauses (issue 12, item 8): a hearing, an expert assessment or a mediation pauses the case's
 * handling clock from `started_at` until the office ends it (`ended_at`, null while it is open).
 * Rules in core/pauses.ts; the writes in commands/pauses.ts. At most one open pause per case.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('pauses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('planned_end', adapter.timestamp, (c) => c.notNull())
    .addColumn('started_at', adapter.timestamp, (c) => c.notNull())
    .addColumn('ended_at', adapter.timestamp)
    .addColumn('started_by', 'text', (c) => c.references('users.id'))
    .addColumn('ended_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('pauses_case').on('pauses').columns(['case_id', 'started_at']).execute();
}
