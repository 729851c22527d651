import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The nature of the matter and the lawful channel (issue 12, items 1–2; Regulations 2022 Art. 29–31,
 * 36): the class the office gave the case (core/matter.ts) and, for a report, the discipline
 * inspection unit it went to; the lawful channel of Art. 31 (1)–(5) the office recorded; a
 * suggestion's adoption and its note; and the earlier concluded case whose conclusion stands
 * (Art. 36), by its reference. The timeline keeps every change (class.set, channel.recorded …).
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('cases').addColumn('matter_class', 'text').execute();
  await db.schema.alterTable('cases').addColumn('discipline_unit_id', 'text').execute();
  await db.schema.alterTable('cases').addColumn('lawful_channel', 'text').execute();
  await db.schema.alterTable('cases').addColumn('lawful_channel_at', adapter.timestamp).execute();
  await db.schema.alterTable('cases').addColumn('adoption', 'text').execute();
  await db.schema.alterTable('cases').addColumn('adoption_note', 'text').execute();
  await db.schema.alterTable('cases').addColumn('earlier_reference', 'text').execute();
}
