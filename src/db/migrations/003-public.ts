import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The petitioner's side: access codes (stored only as digests), ratings of answers, flags a
 * coordinator must see (suspected spam), Open311 API keys and what an Open311 client sent.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;

  // A JSON array such as ["suspected_spam"]; shown in the queue so nothing flagged passes unseen.
  await db.schema.alterTable('cases').addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  await db.schema
    .createTable('access_codes')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('answer_id', 'text', (c) => c.notNull().references('answers.id'))
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    // One rating per answer: the petitioner rates each answer they are given once.
    .addUniqueConstraint('feedback_answer', ['answer_id'])
    .execute();
  await db.schema.createIndex('feedback_case').on('feedback').column('case_id').execute();

  await db.schema
    .createTable('open311_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('revoked_at', time)
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .addColumn('last_used_at', time)
    .execute();

  await db.schema
    .createTable('open311_requests')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('key_id', 'text', (c) => c.notNull().references('open311_keys.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('address_string', 'text')
    .addColumn('address_id', 'text')
    .addColumn('media_url', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('open311_requests_key').on('open311_requests').column('key_id').execute();
}
