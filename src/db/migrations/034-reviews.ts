import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Review by the body above (issue 13 item 5; Art. 35–36; core/reviews.ts): one row per round of a
 * case — the review (1) and the second review (2) — naming the jurisdiction that answered, the body
 * the round went to (an office in the tree, or a body outside the system by name) and, once the body
 * has concluded, its outcome (upheld, changed, revoked). The round's clock is the case's review clock.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('requested_at', time, (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('answered_by_root_id', 'text', (c) => c.references('units.id'))
    .addColumn('body_root_id', 'text', (c) => c.references('units.id'))
    .addColumn('body_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('outside_body', 'text')
    .addColumn('outside_body_at', time)
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('outcome_at', time)
    .addColumn('outcome_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('reviews_case_round', ['case_id', 'round'])
    .execute();
  await db.schema.createIndex('reviews_body_unit').on('reviews').columns(['body_unit_id', 'requested_at']).execute();
}
