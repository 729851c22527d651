import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The commitments ledger (承诺事项, issue 13 item 1; core/commitments.ts): one row per commitment a
 * meeting or a decision made on a case, with its owner unit, its due time and its status (`open`,
 * `done` with its evidence, `dropped` with its reason; overdue is an open one past `due_at`). Its
 * clock is a row of `deadlines` (kind `commitment`, subject the commitment's id), which the ladder
 * reminds and escalates. The indicators read "kept on time" from `due_at`, `done_at`, `status` and
 * `owner_unit_id` here; `commitments_owner_due` serves a unit's commitments by due time.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;
  await db.schema
    .createTable('commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // 'meeting' (meeting_id names it) or 'decision'.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('due_at', time, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', time)
    .addColumn('done_by', 'text', (c) => c.references('users.id'))
    .addColumn('evidence', 'text')
    .addColumn('dropped_at', time)
    .addColumn('dropped_by', 'text', (c) => c.references('users.id'))
    .addColumn('drop_reason', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('commitments_case').on('commitments').columns(['case_id', 'due_at']).execute();
  await db.schema.createIndex('commitments_owner_due').on('commitments').columns(['owner_unit_id', 'due_at']).execute();
}
