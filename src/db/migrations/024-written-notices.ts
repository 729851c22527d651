import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Written notices (issue 12, item 5): each notice the office sent the petitioner, as it was sent
 * (core/written-notices.ts, commands/written-notices.ts). Rows are only ever inserted. The text
 * (heading and body, zh and en) is sealed: it names the petition and may carry what they wrote.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('written_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content_sealed', 'text', (c) => c.notNull())
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('issued_at', adapter.timestamp, (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('written_notices_case').on('written_notices').columns(['case_id', 'issued_at']).execute();
}
