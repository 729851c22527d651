import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The office's call-back (回访) and rework (发回重办; issue 13 item 3, core/callbacks.ts):
 * - `callbacks`: one call-back task per written answer (or reported rework), due on the plan's
 *   `callback.days`; its outcome, the reason of an unsatisfied one, and what was said — sealed, as
 *   the petitioner's words are personal data — once recorded. One open per case.
 * - `reworks`: a case sent back to its lead unit, from a call-back or the petitioner's own rating,
 *   with the office's requirements, its clock (also a row of `deadlines`) and the unit's report.
 * The office's list of call-backs due walks `callbacks_due` in order of the due time.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;
  await db.schema
    .createTable('callbacks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // What the call-back follows: the answer given, or the rework reported.
    .addColumn('answer_id', 'text', (c) => c.references('answers.id'))
    .addColumn('after_rework_id', 'text')
    .addColumn('due_at', time, (c) => c.notNull())
    .addColumn('started_at', time, (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('reason', 'text')
    .addColumn('notes_sealed', 'text')
    .addColumn('recorded_at', time)
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('callbacks_case').on('callbacks').columns(['case_id', 'started_at']).execute();
  await db.schema.createIndex('callbacks_open_case').on('callbacks').column('case_id').unique().where(sql.ref('recorded_at'), 'is', null).execute();
  // The list of call-backs due: the open ones, soonest due first, from this index alone.
  await db.schema.createIndex('callbacks_due').on('callbacks').columns(['due_at', 'id']).where(sql.ref('recorded_at'), 'is', null).execute();

  await db.schema
    .createTable('reworks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // 'callback' or 'rating': the call-back or the portal rating that sent the case back.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('callback_id', 'text', (c) => c.references('callbacks.id'))
    .addColumn('feedback_id', 'text', (c) => c.references('feedback.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('due_at', time, (c) => c.notNull())
    .addColumn('started_at', time, (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.references('users.id'))
    .addColumn('report', 'text')
    .addColumn('reported_at', time)
    .addColumn('reported_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('reworks_case').on('reworks').columns(['case_id', 'started_at']).execute();
  await db.schema.createIndex('reworks_open_case').on('reworks').column('case_id').unique().where(sql.ref('reported_at'), 'is', null).execute();
  // A rating sends a case back once.
  await db.schema.createIndex('reworks_feedback').on('reworks').column('feedback_id').unique().where(sql.ref('feedback_id'), 'is not', null).execute();
}
