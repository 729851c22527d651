import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The routing catalogue and transfers across bodies (issue 12, items 3–4).
 * - `catalogue_entries`: category × area → lead and assisting units, seeded from a plan's
 *   `catalogue` when it is published and edited one entry at a time after that; each entry counts
 *   the objections to and reroutes of the assignments its proposals made (how many it proposed,
 *   and how many of those the office confirmed or changed, the proposals themselves tell).
 * - `routing_proposals`: what the catalogue proposed for a case at registration, one per case, and
 *   whether the office confirmed it or changed it.
 * - `transfers`: a case transferred (转送) or assigned (交办) to a unit of the tree or a body outside
 *   (by name); the receiver's reply (Art. 23) and, for an assignment, its result report. Their
 *   clocks are rows of `deadlines` (subject: the transfer's id), watched by the deadline scanner.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('catalogue_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_key', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('area_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('lead_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('assisting_unit_ids', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('objections', 'integer', (c) => c.notNull())
    .addColumn('reroutes', 'integer', (c) => c.notNull())
    .addColumn('created_at', adapter.timestamp, (c) => c.notNull())
    .addColumn('updated_at', adapter.timestamp, (c) => c.notNull())
    .addColumn('edited_at', adapter.timestamp)
    .addColumn('edited_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('catalogue_entries_category').on('catalogue_entries').columns(['plan_key', 'category']).execute();

  await db.schema
    .createTable('routing_proposals')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('catalogue_entries.id'))
    .addColumn('area_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('lead_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('assisting_unit_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_at', adapter.timestamp, (c) => c.notNull())
    .addColumn('decided_at', adapter.timestamp)
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('final_lead_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('final_assisting_unit_ids', 'text')
    .execute();

  await db.schema
    .createTable('transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('body_name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('assignment_id', 'text', (c) => c.references('assignments.id'))
    .addColumn('notice_id', 'text', (c) => c.references('written_notices.id'))
    .addColumn('reply_due_at', adapter.timestamp, (c) => c.notNull())
    .addColumn('result_due_at', adapter.timestamp)
    .addColumn('created_at', adapter.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('reply', 'text')
    .addColumn('reply_note', 'text')
    .addColumn('replied_at', adapter.timestamp)
    .addColumn('replied_by', 'text', (c) => c.references('users.id'))
    .addColumn('report', 'text')
    .addColumn('reported_at', adapter.timestamp)
    .addColumn('reported_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('transfers_case').on('transfers').columns(['case_id', 'created_at']).execute();
}
