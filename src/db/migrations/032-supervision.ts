import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The supervision ladder (issue 13 item 2, Art. 39–40; core/ladder.ts):
 * - every clock of `deadlines` is reminded before it runs out at the plan's points: `started_at`
 *   (when it began counting), `remind_step` (null until the scanner has planned its reminders, then
 *   how many were sent) and `remind_at` (the next one);
 * - a missed clock climbs the chain step by step: `escalation_step` counts the steps taken,
 *   `escalate_at` is when the next is due (null when the plan's schedule has no more), `escalated_at`
 *   when the last was taken. Clocks escalated once before this migration keep that step and stop there;
 * - the leadership group's supervision (督办) and listed supervision (挂牌督办) of a case, each with its
 *   written notice and the unit's written feedback; the case carries its current kind for the queue.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;
  await db.schema.alterTable('deadlines').addColumn('started_at', time).execute();
  await db.schema.alterTable('deadlines').addColumn('remind_at', time).execute();
  await db.schema.alterTable('deadlines').addColumn('remind_step', 'integer').execute();
  await db.schema.alterTable('deadlines').addColumn('escalation_step', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Escalated once before the ladder: that was step 1, and no later step is planned for it.
  await sql`update deadlines set escalation_step = 1, escalate_at = null where escalated_at is not null`.execute(db);
  await db.schema.dropIndex('deadlines_escalation_due').execute();
  // The scanner's new questions, each over open clocks only: which to plan, which to remind, which to take a step up.
  await db.schema
    .createIndex('deadlines_unplanned')
    .on('deadlines')
    .column('due_at')
    .where(sql<boolean>`done_at is null and missed_at is null and remind_step is null`)
    .execute();
  await db.schema
    .createIndex('deadlines_remind_due')
    .on('deadlines')
    .column('remind_at')
    .where(sql<boolean>`done_at is null and remind_at is not null`)
    .execute();
  await db.schema
    .createIndex('deadlines_step_due')
    .on('deadlines')
    .column('escalate_at')
    .where(sql<boolean>`done_at is null and escalate_at is not null`)
    .execute();

  await db.schema
    .createTable('supervisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // 'supervised' (督办) or 'listed' (挂牌督办).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('written_notices.id'))
    .addColumn('feedback_due_at', time, (c) => c.notNull())
    .addColumn('started_at', time, (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.references('users.id'))
    .addColumn('feedback', 'text')
    .addColumn('feedback_at', time)
    .addColumn('feedback_by', 'text', (c) => c.references('users.id'))
    .addColumn('ended_at', time)
    .addColumn('ended_by', 'text', (c) => c.references('users.id'))
    .addColumn('end_note', 'text')
    .execute();
  await db.schema.createIndex('supervisions_case').on('supervisions').columns(['case_id', 'started_at']).execute();
  // One supervision open per case at a time.
  await db.schema.createIndex('supervisions_open_case').on('supervisions').column('case_id').unique().where(sql.ref('ended_at'), 'is', null).execute();

  await db.schema.alterTable('cases').addColumn('supervision', 'text').execute();
  // The queue's `supervised` filter walks the supervised cases newest first (and oldest first) from this index alone.
  await db.schema.createIndex('cases_supervised').on('cases').columns(['received_at', 'id']).where(sql.ref('supervision'), 'is not', null).execute();
}
