import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The audit log without a hot row: writers append entries unsequenced (seq, prev_hash and hash
 * empty) and the sequencer chains them afterwards. The case timeline gets a chain of its own, and
 * signed checkpoints of both chains' heads anchor them outside the database.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;

  // SQLite cannot loosen a primary key in place: rebuild the table, keeping every chained entry.
  await db.schema.alterTable('audit_entries').renameTo('audit_entries_chained').execute();
  await db.schema.dropIndex('audit_entries_subject').execute();
  await db.schema
    .createTable('audit_entries')
    .addColumn('id', adapter.serial, (c) => (adapter.serialNeedsAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('seq', 'bigint', (c) => c.unique())
    .addColumn('at', time, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text')
    .execute();
  // Inserted in chain order into an empty table, so every existing entry keeps id = seq.
  await sql`insert into audit_entries (seq, at, actor_id, action, subject_type, subject_id, detail, prev_hash, hash)
    select seq, at, actor_id, action, subject_type, subject_id, detail, prev_hash, hash from audit_entries_chained order by seq`.execute(db);
  await db.schema.dropTable('audit_entries_chained').execute();
  await db.schema.createIndex('audit_entries_subject').on('audit_entries').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('audit_entries_at').on('audit_entries').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_entries_pending').on('audit_entries').column('id').where(sql.ref('seq'), 'is', null).execute();

  await db.schema.alterTable('events').addColumn('chain_seq', 'bigint').execute();
  await db.schema.alterTable('events').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('events').addColumn('hash', 'text').execute();
  await db.schema.createIndex('events_chain_seq').on('events').column('chain_seq').unique().execute();
  await db.schema.createIndex('events_pending').on('events').column('id').where(sql.ref('chain_seq'), 'is', null).execute();

  // The heads of both chains; only the sequencer touches them, never a request.
  await db.schema
    .createTable('chain_heads')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into chain_heads (chain, seq, hash) select 'audit', seq, hash from audit_head where id = 1`.execute(db);
  await sql`insert into chain_heads (chain, seq, hash) values ('events', 0, ${'0'.repeat(64)})`.execute(db);
  await db.schema.dropTable('audit_head').execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', adapter.serial, (c) => (adapter.serialNeedsAutoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('at', time, (c) => c.notNull())
    .addColumn('audit_seq', 'bigint', (c) => c.notNull())
    .addColumn('audit_hash', 'text', (c) => c.notNull())
    .addColumn('events_seq', 'bigint', (c) => c.notNull())
    .addColumn('events_hash', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('emailed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('audit_checkpoints_seq').on('audit_checkpoints').columns(['audit_seq', 'id']).execute();
}
