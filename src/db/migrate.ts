import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { DialectAdapter } from './adapter.js';
import * as initial from './migrations/001-initial.js';
import * as deadlines from './migrations/002-deadlines.js';
import * as publicSide from './migrations/003-public.js';
import * as retention from './migrations/004-retention.js';
import type { Database } from './schema.js';

type AdapterMigration = { up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> };

const all: Record<string, AdapterMigration> = {
  '001-initial': initial,
  '002-deadlines': deadlines,
  '003-public': publicSide,
  '004-retention': retention,
};

/** Brings the schema up to date; the same migrations run on SQLite and PostgreSQL. */
export async function migrateToLatest(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  schema?: string,
): Promise<MigrationResultSet> {
  const migrations: Record<string, Migration> = Object.fromEntries(
    Object.entries(all).map(([name, migration]) => [name, { up: (trx: Kysely<unknown>) => migration.up(trx, adapter) }]),
  );
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
