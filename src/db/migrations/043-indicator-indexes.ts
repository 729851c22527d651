import type { Kysely } from 'kysely';

/**
 * The indicators (issue 13 item 4; core/indicators.ts) read a period's cases by when their
 * acceptance fell due and by when they were concluded: one range scan each, not a walk of every
 * case. `lead_unit_id` rides along so a unit's figures (and the cases behind one) are read from the
 * index before the rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('cases_accept_due').on('cases').columns(['accept_due_at', 'lead_unit_id']).execute();
  await db.schema.createIndex('cases_concluded').on('cases').columns(['concluded_at', 'lead_unit_id']).execute();
}
