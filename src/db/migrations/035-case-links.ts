import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Cases on the same issue (issue 13 item 7; core/case-links.ts).
 * - `case_links`: one row per pair of cases a person decided about (the lower id first): linked as
 *   the same issue, dismissed as not, or merged (one a duplicate of the other). Suggestions are not
 *   stored: they are worked out when asked for, leaving out every pair with a row here.
 * - `cases.merged_into_id`: a duplicate merged into the case that survives it. Its reference and
 *   access code still find the survivor (portal, /public/v1); the staff read of it answers with
 *   the survivor; nothing more is written to it.
 * The candidates for a suggestion are the cases of one category received near the case, read from
 * `cases_category_received` (migration 019) before their area and words are compared.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('case_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('low_case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('high_case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('score', 'real')
    .addColumn('decided_at', adapter.timestamp, (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('case_links_pair').on('case_links').columns(['low_case_id', 'high_case_id']).unique().execute();
  await db.schema.createIndex('case_links_high').on('case_links').column('high_case_id').execute();
  await db.schema.alterTable('cases').addColumn('merged_into_id', 'text').execute();
  await db.schema.createIndex('cases_merged_into').on('cases').column('merged_into_id').execute();
}
