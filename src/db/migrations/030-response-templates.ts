import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Response templates (issue 13 item 8): the office's texts per category and use, with placeholders
 * (core/response-templates.ts). Deactivated, never deleted: an answer written from one stays explained.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('response_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('use', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', adapter.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', adapter.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('response_templates_use').on('response_templates').columns(['use', 'active']).execute();
}
