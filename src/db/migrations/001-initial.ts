import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** The first schema: everything the spine needs. Same statements on SQLite and PostgreSQL. */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('units.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('disabled_at', time)
    .execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time)
    .addColumn('last_used_at', time)
    .execute();
  await db.schema.createIndex('credentials_user').on('credentials').column('user_id').execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', time)
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('plans_key_version', ['key', 'version'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('headcount', 'integer')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_changed_at', time, (c) => c.notNull())
    .addColumn('not_accepted_reason', 'text')
    .addColumn('receive_together', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', time, (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('accept_due_at', time)
    .addColumn('accepted_at', time)
    .addColumn('conclude_due_at', time)
    .addColumn('concluded_at', time)
    .addColumn('review_request_due_at', time)
    .addColumn('review_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_started_at', time)
    .addColumn('review_due_at', time)
    .addColumn('review_concluded_at', time)
    .addColumn('next_due_at', time)
    .addColumn('closed_at', time)
    .addColumn('petitioner_name_sealed', 'text')
    .addColumn('petitioner_contact_sealed', 'text')
    .execute();
  // The queue's default order, and the keyset its cursor walks.
  await db.schema.createIndex('cases_received').on('cases').columns(['received_at', 'id']).execute();
  await db.schema.createIndex('cases_stage_received').on('cases').columns(['stage', 'received_at', 'id']).execute();
  // Deadline lookups only ever look at open cases: partial indexes keep them small. The first
  // serves "what falls due next"; the second lets the overdue queue walk open cases newest first
  // and test the deadline from the index alone.
  const open = ['prevention', 'reception', 'decision', 'resolution', 'review'];
  await db.schema.createIndex('cases_open_next_due').on('cases').column('next_due_at').where(sql.ref('stage'), 'in', open).execute();
  await db.schema
    .createIndex('cases_open_received')
    .on('cases')
    .columns(['received_at', 'id', 'next_due_at'])
    .where(sql.ref('stage'), 'in', open)
    .execute();

  await db.schema
    .createTable('representatives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_sealed', 'text', (c) => c.notNull())
    .addColumn('contact_sealed', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('representatives_case').on('representatives').column('case_id').execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('notified_at', time, (c) => c.notNull())
    .addColumn('notified_by', 'text', (c) => c.references('users.id'))
    .addColumn('acknowledge_due_at', time, (c) => c.notNull())
    .addColumn('acknowledged_at', time)
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .addColumn('on_scene_due_at', time)
    .addColumn('arrived_at', time)
    .addColumn('arrived_by', 'text', (c) => c.references('users.id'))
    .addColumn('proposal_due_at', time, (c) => c.notNull())
    .addColumn('proposal_submitted_at', time)
    .addUniqueConstraint('assignments_case_unit', ['case_id', 'unit_id'])
    .execute();
  // A unit officer's queue starts from their unit's assignments.
  await db.schema.createIndex('assignments_unit_case').on('assignments').columns(['unit_id', 'case_id']).execute();

  await db.schema
    .createTable('events')
    .addColumn('id', adapter.serial, (c) => (adapter.serialNeedsAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', time, (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_case').on('events').columns(['case_id', 'id']).execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('held_at', time, (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('commitments', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_case').on('meetings').column('case_id').execute();

  await db.schema
    .createTable('answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('review_round', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('answers_case').on('answers').column('case_id').execute();

  await db.schema
    .createTable('step_completions')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text', (c) => c.references('users.id'))
    .addColumn('done_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('step_completions_pk', ['case_id', 'step_id'])
    .execute();

  await db.schema
    .createTable('audit_entries')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', time, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entries_subject').on('audit_entries').columns(['subject_type', 'subject_id']).execute();

  // One row holding the chain's head; updating it serialises audit writers on both databases.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_head' as never)
    .values({ id: 1, seq: 0, hash: '0'.repeat(64) })
    .execute();
}
