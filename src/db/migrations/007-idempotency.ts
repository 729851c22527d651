import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Idempotency keys: what a request that opened a case answered, kept for a day under the key the
 * client sent with it (or the portal form's one-time token), so a retry gets the same answer and
 * never a second case. In the database, so every server process sees every key.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;
  await db.schema
    .createTable('idempotency_keys')
    // Whose key it is: a staff user, a public client's address, an Open311 key, the portal.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    // SHA-256 of the method, path and body the key was first used with.
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    // The answer, sealed like personal data (it may hold an access code or a petitioner's name).
    .addColumn('result_sealed', 'text')
    // When a portal receipt was shown: from then on only its reference is kept.
    .addColumn('shown_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expiry').on('idempotency_keys').column('expires_at').execute();
}
