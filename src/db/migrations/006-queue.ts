import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The queue sorted and searched by the server over every case: an index for each order (with and
 * without a stage filter), for a reference typed from its random part or second group, and for
 * the few cases with an open objection or a flag. The expressions must read exactly as the queue
 * query in repositories/cases.ts writes them, or the databases will not use these indexes.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  // Nearest deadline first; cases owing nothing (no next deadline) after all the others.
  const due = `coalesce(next_due_at, '9999-12-31T23:59:59.999Z')`;
  // Major, then urgent, then normal.
  const rank = `(case urgency when 'major' then 2 when 'urgent' then 1 else 0 end)`;
  await sql.raw(`create index cases_due on cases (${due}, received_at, id)`).execute(db);
  await sql.raw(`create index cases_stage_due on cases (stage, ${due}, received_at, id)`).execute(db);
  await sql.raw(`create index cases_urgency on cases (${rank}, received_at, id)`).execute(db);
  await sql.raw(`create index cases_stage_urgency on cases (stage, ${rank}, received_at, id)`).execute(db);
  // References read YYYY-XXXX-XXXX; the whole one is indexed already (it is unique).
  await sql.raw(`create index cases_reference_code on cases (substr(reference, 6))`).execute(db);
  await sql.raw(`create index cases_reference_group on cases (substr(reference, 11))`).execute(db);
  await db.schema
    .createIndex('assignments_open_objection')
    .on('assignments')
    .column('case_id')
    .where(sql<boolean>`objected_at is not null and released_at is null`)
    .execute();
  await db.schema.createIndex('cases_flagged').on('cases').column('id').where(sql<boolean>`flags <> '[]'`).execute();
  await unitQueueKeys(db, adapter, { due, rank });
}

/**
 * A unit's queue is walked from its assignments, so each assignment carries its case's sort keys
 * (as it carries case_received_at), kept by triggers so that no code path can forget them.
 */
async function unitQueueKeys(db: Kysely<unknown>, adapter: DialectAdapter, keys: { due: string; rank: string }): Promise<void> {
  await db.schema.alterTable('assignments').addColumn('case_due_key', adapter.timestamp).execute();
  await db.schema.alterTable('assignments').addColumn('case_urgency_rank', 'integer').execute();
  const of = (row: string) => ({ due: keys.due.replace('next_due_at', `${row}.next_due_at`), rank: keys.rank.replace('urgency', `${row}.urgency`) });
  await sql
    .raw(`update assignments set
      case_due_key = (select ${keys.due} from cases where cases.id = assignments.case_id),
      case_urgency_rank = (select ${keys.rank} from cases where cases.id = assignments.case_id)`)
    .execute(db);
  const changed = of('NEW');
  if (adapter.name === 'sqlite') {
    await sql
      .raw(`CREATE TRIGGER assignments_queue_keys AFTER INSERT ON assignments BEGIN
        UPDATE assignments SET
          case_due_key = (SELECT ${keys.due} FROM cases WHERE cases.id = NEW.case_id),
          case_urgency_rank = (SELECT ${keys.rank} FROM cases WHERE cases.id = NEW.case_id)
        WHERE id = NEW.id;
      END`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER cases_queue_keys AFTER UPDATE OF next_due_at, urgency ON cases
        WHEN OLD.next_due_at IS NOT NEW.next_due_at OR OLD.urgency IS NOT NEW.urgency BEGIN
        UPDATE assignments SET case_due_key = ${changed.due}, case_urgency_rank = ${changed.rank} WHERE case_id = NEW.id;
      END`)
      .execute(db);
  } else {
    await sql
      .raw(`CREATE FUNCTION assignments_queue_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT ${keys.due}, ${keys.rank} INTO NEW.case_due_key, NEW.case_urgency_rank FROM cases WHERE cases.id = NEW.case_id;
        RETURN NEW;
      END $$`)
      .execute(db);
    await sql.raw('CREATE TRIGGER assignments_queue_keys BEFORE INSERT ON assignments FOR EACH ROW EXECUTE FUNCTION assignments_queue_keys()').execute(db);
    await sql
      .raw(`CREATE FUNCTION cases_queue_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.next_due_at IS DISTINCT FROM NEW.next_due_at OR OLD.urgency IS DISTINCT FROM NEW.urgency THEN
          UPDATE assignments SET case_due_key = ${changed.due}, case_urgency_rank = ${changed.rank} WHERE case_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`)
      .execute(db);
    await sql.raw('CREATE TRIGGER cases_queue_keys AFTER UPDATE OF next_due_at, urgency ON cases FOR EACH ROW EXECUTE FUNCTION cases_queue_keys()').execute(db);
  }
  for (const [name, column] of [['assignments_unit_due', 'case_due_key'], ['assignments_unit_urgency', 'case_urgency_rank']] as const) {
    await db.schema
      .createIndex(name)
      .on('assignments')
      .columns(['unit_id', column, 'case_received_at', 'case_id'])
      .where(sql.ref('released_at'), 'is', null)
      .execute();
  }
}
