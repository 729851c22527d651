import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Deadlines that run themselves: one row per clock (so the scanner's cost follows the number of
 * due items, not cases), the notification outbox, webhooks, settings (the holiday calendar),
 * extensions and objections.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('deadlines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // 'case' for the case's own clocks, otherwise the assignment the clock belongs to.
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('due_at', time, (c) => c.notNull())
    .addColumn('done_at', time)
    .addColumn('missed_at', time)
    .addColumn('escalate_at', time)
    .addColumn('escalated_at', time)
    .addUniqueConstraint('deadlines_case_subject_kind', ['case_id', 'subject', 'kind'])
    .execute();
  // The scanner's two questions, each over open clocks only.
  await db.schema
    .createIndex('deadlines_pending_due')
    .on('deadlines')
    .column('due_at')
    .where(sql<boolean>`done_at is null and missed_at is null`)
    .execute();
  await db.schema
    .createIndex('deadlines_escalation_due')
    .on('deadlines')
    .column('escalate_at')
    .where(sql<boolean>`done_at is null and escalated_at is null and escalate_at is not null`)
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('webhook_id', 'text')
    // A petitioner's email address, sealed like all personal data, for notices they are owed.
    .addColumn('address_sealed', 'text')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', time)
    .addColumn('claimed_until', time)
    .addColumn('last_error', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('sent_at', time)
    .addColumn('read_at', time)
    .execute();
  await db.schema
    .createIndex('notifications_pending')
    .on('notifications')
    .column('next_attempt_at')
    .where(sql<boolean>`status = 'pending'`)
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('disabled_at', time)
    .execute();

  // Reports and stats read timelines by kind of event and time.
  await db.schema.createIndex('events_type_at').on('events').columns(['type', 'at']).execute();
  await db.schema.createIndex('cases_closed_at').on('cases').column('closed_at').execute();

  await db.schema.alterTable('users').addColumn('language', 'text', (c) => c.notNull().defaultTo('zh')).execute();

  await db.schema.alterTable('cases').addColumn('extension_days', 'integer').execute();
  await db.schema.alterTable('cases').addColumn('extension_reason', 'text').execute();
  await db.schema.alterTable('cases').addColumn('extended_at', time).execute();

  await db.schema.alterTable('assignments').addColumn('objection_due_at', time).execute();
  await db.schema.alterTable('assignments').addColumn('objected_at', time).execute();
  await db.schema.alterTable('assignments').addColumn('objection_reason', 'text').execute();
  await db.schema.alterTable('assignments').addColumn('released_at', time).execute();
}
