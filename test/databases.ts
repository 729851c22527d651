import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openStore, type Store } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';

const postgresUrl = process.env.REDRESS_TEST_POSTGRES_URL;

if (process.env.REDRESS_REQUIRE_POSTGRES === '1' && !postgresUrl) {
  throw new Error('REDRESS_REQUIRE_POSTGRES=1 but REDRESS_TEST_POSTGRES_URL is not set.');
}

/** Every database the storage tests must pass on: SQLite always, PostgreSQL when configured. */
export const databaseKinds: ('sqlite' | 'postgres')[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestStore extends Store {
  /** Drops what the test created and closes the connection. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database: in-memory SQLite, or a schema of its own on PostgreSQL. */
export async function openTestStore(kind: 'sqlite' | 'postgres'): Promise<TestStore> {
  if (kind === 'sqlite') {
    const store = openStore('sqlite::memory:');
    await migrateToLatest(store.db, store.adapter);
    return { ...store, dispose: () => store.close() };
  }
  const url = postgresUrl ?? '';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = openStore(url);
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const store = openStore(url, { schema });
  await migrateToLatest(store.db, store.adapter, schema);
  return {
    ...store,
    dispose: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}
