import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Units are run for years: each names its responsible leader (责任领导) and that leader's duty, and
 * a unit that is merged or dissolved is deactivated, never deleted, so its history stays readable.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('units').addColumn('leader_name', 'text').execute();
  await db.schema.alterTable('units').addColumn('leader_duty', 'text').execute();
  await db.schema.alterTable('units').addColumn('deactivated_at', adapter.timestamp).execute();
  await db.schema.alterTable('units').addColumn('updated_at', adapter.timestamp).execute();
}
