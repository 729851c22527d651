import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Attachments (issue 12, item 6): files on a case — a scanned letter, photos, documents. The row
 * says what the file is (its name sealed: it may name the petitioner); the sealed bytes live in
 * `attachment_blobs` by default, so backups and several servers need nothing else, or in an
 * S3-compatible store when one is configured (`storage`).
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // The order the case received its files in (several arrive in one request, at one time).
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_sealed', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uploaded_via', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('created_at', adapter.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_case').unique().on('attachments').columns(['case_id', 'position']).execute();
  await db.schema
    .createTable('attachment_blobs')
    .addColumn('attachment_id', 'text', (c) => c.primaryKey().references('attachments.id'))
    .addColumn('sealed', adapter.bytes, (c) => c.notNull())
    .execute();
}
