import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** Personal data is purged on a schedule: when it happened, and an index of what is still to purge. */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('cases').addColumn('personal_data_purged_at', adapter.timestamp).execute();
  await db.schema
    .createIndex('cases_awaiting_purge')
    .on('cases')
    .columns(['stage', 'stage_changed_at'])
    .where(sql.ref('personal_data_purged_at'), 'is', null)
    .execute();
}
