import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Account security: a password that must be changed after a reset, a second factor (TOTP, with
 * single-use recovery codes), where each session signed in from, and the sign-in failure counts
 * the throttle reads (in the database, so every server process counts the same failures).
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;
  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The TOTP secret is sealed like personal data; a pending one waits for its first code.
  await db.schema.alterTable('users').addColumn('totp_secret_sealed', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_pending_sealed', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled_at', time).execute();
  // The last 30-second step a code was accepted for, so that one code never signs in twice.
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();

  await db.schema.alterTable('credentials').addColumn('client', 'text').execute();
  await db.schema.alterTable('credentials').addColumn('user_agent', 'text').execute();
  await db.schema
    .createIndex('credentials_expiring')
    .on('credentials')
    .column('expires_at')
    .where(sql.ref('expires_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('digest', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('used_at', time)
    .execute();
  await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();

  // One row per throttled key: an (account, client) pair, a client, or an account.
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_at', time, (c) => c.notNull())
    .execute();
}
