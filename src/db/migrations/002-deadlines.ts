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

  // The lead unit, kept on the case so the dashboard counts open cases per unit from an index alone.
  await db.schema.alterTable('cases').addColumn('lead_unit_id', 'text').execute();
  const open = ['prevention', 'reception', 'decision', 'resolution', 'review'];
  await db.schema.createIndex('cases_open_lead_unit').on('cases').columns(['lead_unit_id', 'next_due_at']).where(sql.ref('stage'), 'in', open).execute();
  await createTallies(db, adapter);

  await db.schema.alterTable('cases').addColumn('extension_days', 'integer').execute();
  await db.schema.alterTable('cases').addColumn('extension_reason', 'text').execute();
  await db.schema.alterTable('cases').addColumn('extended_at', time).execute();

  await db.schema.alterTable('assignments').addColumn('objection_due_at', time).execute();
  await db.schema.alterTable('assignments').addColumn('objected_at', time).execute();
  await db.schema.alterTable('assignments').addColumn('objection_reason', 'text').execute();
  await db.schema.alterTable('assignments').addColumn('released_at', time).execute();
  // A unit officer's queue walks their unit's active assignments newest case first, from an index.
  await db.schema.alterTable('assignments').addColumn('case_received_at', time).execute();
  await sql`update assignments set case_received_at = (select received_at from cases where cases.id = assignments.case_id)`.execute(db);
  await db.schema
    .createIndex('assignments_unit_queue')
    .on('assignments')
    .columns(['unit_id', 'case_received_at', 'case_id'])
    .where(sql.ref('released_at'), 'is', null)
    .execute();
}

/**
 * Running counts of cases by stage, urgency, category and lead unit, kept by triggers so that no
 * code path can forget them: the dashboard sums a few hundred rows instead of counting a million.
 */
async function createTallies(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('case_tallies')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_tallies_pk', ['stage', 'urgency', 'category', 'lead_unit_id'])
    .execute();
  const add = (row: 'NEW' | 'OLD', delta: 1 | -1) => `
    INSERT INTO case_tallies (stage, urgency, category, lead_unit_id, count)
    VALUES (${row}.stage, ${row}.urgency, ${row}.category, coalesce(${row}.lead_unit_id, ''), ${delta})
    ON CONFLICT (stage, urgency, category, lead_unit_id) DO UPDATE SET count = case_tallies.count + (${delta});`;
  if (adapter.name === 'sqlite') {
    await sql.raw(`CREATE TRIGGER cases_tally_insert AFTER INSERT ON cases BEGIN ${add('NEW', 1)} END`).execute(db);
    await sql
      .raw(`CREATE TRIGGER cases_tally_update AFTER UPDATE OF stage, urgency, category, lead_unit_id ON cases BEGIN ${add('OLD', -1)} ${add('NEW', 1)} END`)
      .execute(db);
    await sql.raw(`CREATE TRIGGER cases_tally_delete AFTER DELETE ON cases BEGIN ${add('OLD', -1)} END`).execute(db);
  } else {
    await sql
      .raw(`CREATE FUNCTION cases_tally() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN ${add('OLD', -1)} END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN ${add('NEW', 1)} END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    await sql.raw('CREATE TRIGGER cases_tally_insert AFTER INSERT OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION cases_tally()').execute(db);
    await sql
      .raw('CREATE TRIGGER cases_tally_update AFTER UPDATE OF stage, urgency, category, lead_unit_id ON cases FOR EACH ROW EXECUTE FUNCTION cases_tally()')
      .execute(db);
  }
  // Cases that exist already are counted once, here.
  await sql
    .raw(`INSERT INTO case_tallies (stage, urgency, category, lead_unit_id, count)
      SELECT stage, urgency, category, coalesce(lead_unit_id, ''), count(*) FROM cases GROUP BY stage, urgency, category, coalesce(lead_unit_id, '')`)
    .execute(db);
  await createFlow(db, adapter);
}

/**
 * Cases received and closed per UTC hour, kept by triggers: the dashboard's weekly flow reads at
 * most a few thousand rows, and places each hour in the jurisdiction's week itself.
 */
async function createFlow(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('case_flow')
    .addColumn('hour', 'text', (c) => c.primaryKey())
    .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const hour = (time: string) =>
    adapter.name === 'sqlite' ? `substr(${time}, 1, 13)` : `to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`;
  const bump = (column: 'received' | 'closed', time: string, delta: 1 | -1) => `
    INSERT INTO case_flow (hour, ${column}) SELECT ${hour(time)}, ${delta} WHERE ${time} IS NOT NULL
    ON CONFLICT (hour) DO UPDATE SET ${column} = case_flow.${column} + (${delta});`;
  if (adapter.name === 'sqlite') {
    await sql.raw(`CREATE TRIGGER cases_flow_insert AFTER INSERT ON cases BEGIN ${bump('received', 'NEW.received_at', 1)} ${bump('closed', 'NEW.closed_at', 1)} END`).execute(db);
    await sql
      .raw(`CREATE TRIGGER cases_flow_close AFTER UPDATE OF closed_at ON cases WHEN OLD.closed_at IS NOT NEW.closed_at BEGIN ${bump('closed', 'OLD.closed_at', -1)} ${bump('closed', 'NEW.closed_at', 1)} END`)
      .execute(db);
  } else {
    await sql
      .raw(`CREATE FUNCTION cases_flow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${bump('received', 'NEW.received_at', 1)} ${bump('closed', 'NEW.closed_at', 1)}
        ELSIF OLD.closed_at IS DISTINCT FROM NEW.closed_at THEN ${bump('closed', 'OLD.closed_at', -1)} ${bump('closed', 'NEW.closed_at', 1)}
        END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    await sql.raw('CREATE TRIGGER cases_flow_insert AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION cases_flow()').execute(db);
    await sql.raw('CREATE TRIGGER cases_flow_close AFTER UPDATE OF closed_at ON cases FOR EACH ROW EXECUTE FUNCTION cases_flow()').execute(db);
  }
  await sql
    .raw(`INSERT INTO case_flow (hour, received) SELECT ${hour('received_at')}, count(*) FROM cases GROUP BY ${hour('received_at')}`)
    .execute(db);
  await sql
    .raw(`INSERT INTO case_flow (hour, closed) SELECT ${hour('closed_at')}, count(*) FROM cases WHERE closed_at IS NOT NULL GROUP BY ${hour('closed_at')}
      ON CONFLICT (hour) DO UPDATE SET closed = excluded.closed`)
    .execute(db);
}
