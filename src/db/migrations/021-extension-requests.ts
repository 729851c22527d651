import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * An extension of the time to conclude is approved by the head of the office (Regulations on
 * Letters and Visits Work 2022, Art. 34): the office requests it, a leader approves or refuses it.
 * The one pending request is kept on the case until it is decided; the approved extension stays in
 * 002's `extension_days`, `extension_reason` and `extended_at`.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('cases').addColumn('extension_request_days', 'integer').execute();
  await db.schema.alterTable('cases').addColumn('extension_request_reason', 'text').execute();
  await db.schema.alterTable('cases').addColumn('extension_requested_at', adapter.timestamp).execute();
  await db.schema.alterTable('cases').addColumn('extension_requested_by', 'text').execute();
}
