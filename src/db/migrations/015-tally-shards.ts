import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';
import { openStageList } from '../tallies.js';

/**
 * Dashboard counts without a row that every intake locks. The trigger-kept tallies of 002 had one
 * row per (stage, urgency, category, unit) and one per hour, so on PostgreSQL every intake queued
 * on the same few rows. Now each row also names a shard: the PostgreSQL backend that wrote it
 * (`pg_backend_pid()`), so concurrent transactions never touch the same row; SQLite has one
 * writer and one shard (0). Reads sum the shards; the worker folds them back into shard 0
 * (db/tallies.ts, skipping rows a writer holds). A third tally counts open cases by lead unit and
 * the UTC hour their next deadline falls in, so the overdue count sums a few rows (the worker
 * folds hours long past into one) instead of walking every overdue case.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const shard = adapter.name === 'sqlite' ? '0' : 'pg_backend_pid()';
  const hour = (time: string) =>
    adapter.name === 'sqlite' ? `substr(${time}, 1, 13)` : `to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`;
  await dropOldTriggers(db, adapter);

  // The running counts by stage, urgency, category and lead unit, now per shard.
  await db.schema
    .createTable('case_tallies_sharded')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_tallies_shard_pk', ['stage', 'urgency', 'category', 'lead_unit_id', 'shard'])
    .execute();
  await sql
    .raw(`INSERT INTO case_tallies_sharded (stage, urgency, category, lead_unit_id, shard, count)
      SELECT stage, urgency, category, lead_unit_id, 0, count FROM case_tallies WHERE count <> 0`)
    .execute(db);
  await db.schema.dropTable('case_tallies').execute();
  await db.schema.alterTable('case_tallies_sharded').renameTo('case_tallies').execute();

  // Cases received and closed per UTC hour, now per shard.
  await db.schema
    .createTable('case_flow_sharded')
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('case_flow_shard_pk', ['hour', 'shard'])
    .execute();
  await sql.raw('INSERT INTO case_flow_sharded (hour, shard, received, closed) SELECT hour, 0, received, closed FROM case_flow').execute(db);
  await db.schema.dropTable('case_flow').execute();
  await db.schema.alterTable('case_flow_sharded').renameTo('case_flow').execute();

  // Open cases by lead unit and the hour their next deadline falls in: the overdue count.
  // The key leads with the hour, so "every hour before this one" is one range of the key.
  await db.schema
    .createTable('case_due_tallies')
    .addColumn('due_hour', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_due_tallies_pk', ['due_hour', 'lead_unit_id', 'shard'])
    .execute();
  const open = openStageList();
  const counted = (row: string) => `${row}.stage IN (${open}) AND ${row}.next_due_at IS NOT NULL`;
  await sql
    .raw(`INSERT INTO case_due_tallies (due_hour, lead_unit_id, shard, count)
      SELECT ${hour('next_due_at')}, coalesce(lead_unit_id, ''), 0, count(*) FROM cases
      WHERE stage IN (${open}) AND next_due_at IS NOT NULL GROUP BY ${hour('next_due_at')}, coalesce(lead_unit_id, '')`)
    .execute(db);

  const tally = (row: 'NEW' | 'OLD', delta: 1 | -1) => `
    INSERT INTO case_tallies (stage, urgency, category, lead_unit_id, shard, count)
    VALUES (${row}.stage, ${row}.urgency, ${row}.category, coalesce(${row}.lead_unit_id, ''), ${shard}, ${delta})
    ON CONFLICT (stage, urgency, category, lead_unit_id, shard) DO UPDATE SET count = case_tallies.count + (${delta});`;
  const flow = (column: 'received' | 'closed', time: string, delta: 1 | -1) => `
    INSERT INTO case_flow (hour, shard, ${column}) SELECT ${hour(time)}, ${shard}, ${delta} WHERE ${time} IS NOT NULL
    ON CONFLICT (hour, shard) DO UPDATE SET ${column} = case_flow.${column} + (${delta});`;
  const due = (row: 'NEW' | 'OLD', delta: 1 | -1) => `
    INSERT INTO case_due_tallies (due_hour, lead_unit_id, shard, count)
    SELECT ${hour(`${row}.next_due_at`)}, coalesce(${row}.lead_unit_id, ''), ${shard}, ${delta} WHERE ${counted(row)}
    ON CONFLICT (due_hour, lead_unit_id, shard) DO UPDATE SET count = case_due_tallies.count + (${delta});`;
  const changed = (columns: string[], distinct: string) => columns.map((column) => `OLD.${column} ${distinct} NEW.${column}`).join(' OR ');
  const tallyColumns = ['stage', 'urgency', 'category', 'lead_unit_id'];
  const dueColumns = ['stage', 'next_due_at', 'lead_unit_id'];

  if (adapter.name === 'sqlite') {
    const trigger = (name: string, event: string, body: string) => sql.raw(`CREATE TRIGGER ${name} ${event} ON cases ${body}`).execute(db);
    await trigger('cases_tally_insert', 'AFTER INSERT', `BEGIN ${tally('NEW', 1)} END`);
    await trigger('cases_tally_update', `AFTER UPDATE OF ${tallyColumns.join(', ')}`, `WHEN ${changed(tallyColumns, 'IS NOT')} BEGIN ${tally('OLD', -1)} ${tally('NEW', 1)} END`);
    await trigger('cases_tally_delete', 'AFTER DELETE', `BEGIN ${tally('OLD', -1)} END`);
    await trigger('cases_flow_insert', 'AFTER INSERT', `BEGIN ${flow('received', 'NEW.received_at', 1)} ${flow('closed', 'NEW.closed_at', 1)} END`);
    await trigger('cases_due_insert', 'AFTER INSERT', `BEGIN ${due('NEW', 1)} END`);
    await trigger('cases_due_delete', 'AFTER DELETE', `BEGIN ${due('OLD', -1)} END`);
    await trigger('cases_flow_close', 'AFTER UPDATE OF closed_at', `WHEN OLD.closed_at IS NOT NEW.closed_at BEGIN ${flow('closed', 'OLD.closed_at', -1)} ${flow('closed', 'NEW.closed_at', 1)} END`);
    await trigger('cases_due_update', `AFTER UPDATE OF ${dueColumns.join(', ')}`, `WHEN ${changed(dueColumns, 'IS NOT')} BEGIN ${due('OLD', -1)} ${due('NEW', 1)} END`);
  } else {
    await sql
      .raw(`CREATE FUNCTION cases_tally() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN ${tally('OLD', -1)} END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN ${tally('NEW', 1)} END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    await sql
      .raw(`CREATE FUNCTION cases_flow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${flow('received', 'NEW.received_at', 1)} ${flow('closed', 'NEW.closed_at', 1)}
        ELSIF OLD.closed_at IS DISTINCT FROM NEW.closed_at THEN ${flow('closed', 'OLD.closed_at', -1)} ${flow('closed', 'NEW.closed_at', 1)}
        END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    await sql
      .raw(`CREATE FUNCTION cases_due() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN ${due('OLD', -1)} END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN ${due('NEW', 1)} END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    const trigger = (name: string, event: string, fn: string, when = '') =>
      sql.raw(`CREATE TRIGGER ${name} ${event} ON cases FOR EACH ROW ${when ? `WHEN (${when})` : ''} EXECUTE FUNCTION ${fn}()`).execute(db);
    await trigger('cases_tally_insert', 'AFTER INSERT OR DELETE', 'cases_tally');
    await trigger('cases_tally_update', `AFTER UPDATE OF ${tallyColumns.join(', ')}`, 'cases_tally', changed(tallyColumns, 'IS DISTINCT FROM'));
    await trigger('cases_flow_insert', 'AFTER INSERT', 'cases_flow');
    await trigger('cases_flow_close', 'AFTER UPDATE OF closed_at', 'cases_flow', 'OLD.closed_at IS DISTINCT FROM NEW.closed_at');
    await trigger('cases_due_insert', 'AFTER INSERT OR DELETE', 'cases_due');
    await trigger('cases_due_update', `AFTER UPDATE OF ${dueColumns.join(', ')}`, 'cases_due', changed(dueColumns, 'IS DISTINCT FROM'));
  }
}

async function dropOldTriggers(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  for (const name of ['cases_tally_insert', 'cases_tally_update', 'cases_tally_delete', 'cases_flow_insert', 'cases_flow_close']) {
    await sql.raw(adapter.name === 'sqlite' ? `DROP TRIGGER IF EXISTS ${name}` : `DROP TRIGGER IF EXISTS ${name} ON cases`).execute(db);
  }
  if (adapter.name === 'postgres') {
    await sql.raw('DROP FUNCTION IF EXISTS cases_tally()').execute(db);
    await sql.raw('DROP FUNCTION IF EXISTS cases_flow()').execute(db);
  }
}
