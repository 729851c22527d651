import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { databaseKinds, openTestStore } from '../../test/databases.js';
import { openStore } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { subscribedWebhooks, topicsOf } from './repositories/webhooks.js';
import type { Database } from './schema.js';
import { buildWorld } from '../../test/world.js';
import { chainAndVerify } from '../../test/audit.js';

describe.each(databaseKinds)('storage on %s', (kind) => {
  it('migrates, loads the built-in plan and keeps an intact audit chain', async () => {
    const world = await buildWorld(kind);
    try {
      const plans = await world.ctx.db.selectFrom('plans').selectAll().execute();
      expect(plans.map((plan) => [plan.key, plan.status])).toEqual([['county-major-urgent', 'published']]);
      const verdict = await chainAndVerify(world.ctx);
      expect(verdict.ok).toBe(true);
      expect(verdict.entries).toBeGreaterThan(5);
    } finally {
      await world.dispose();
    }
  });
});

describe.runIf(databaseKinds.includes('postgres'))('migrating PostgreSQL beside other schemas', () => {
  it('creates its own bookkeeping in the schema it works in, not finding another schema’s', async () => {
    const url = process.env.REDRESS_TEST_POSTGRES_URL ?? '';
    // Another migrated schema exists already (as another test run or Redress on the same server would).
    const other = await openTestStore('postgres');
    const schema = `m_${randomBytes(6).toString('hex')}`;
    const admin = openStore(url);
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    const store = openStore(url, { schema });
    try {
      // As `redress serve` does: no schema named, only the connection's search_path.
      const result = await migrateToLatest(store.db, store.adapter);
      expect(result.results?.every((item) => item.status === 'Success')).toBe(true);
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${schema} and table_name = 'kysely_migration'`.execute(admin.db);
      expect(tables.rows[0]?.n).toBe(1);
    } finally {
      await store.close();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
      await other.dispose();
    }
  });
});

describe.runIf(databaseKinds.includes('postgres'))('migrating PostgreSQL while other schemas come and go', () => {
  it('migrates even when a schema is dropped while Kysely lists every schema’s tables', async () => {
    const url = process.env.REDRESS_TEST_POSTGRES_URL ?? '';
    // Another installation, or a parallel test run, creating and dropping schemas all the while.
    const churner = openStore(url);
    let churning = true;
    const churn = (async () => {
      for (let round = 0; churning && round < 2000; round += 1) {
        const other = `c_${randomBytes(6).toString('hex')}`;
        await sql`create schema ${sql.id(other)}`.execute(churner.db);
        await sql`create table ${sql.id(other)}.t (id serial primary key, a text, b text, c text)`.execute(churner.db);
        await sql`drop schema ${sql.id(other)} cascade`.execute(churner.db);
      }
    })();
    try {
      for (let run = 0; run < 4; run += 1) {
        const store = await openTestStore('postgres');
        const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${store.schema ?? ''} and table_name = 'cases'`.execute(store.db);
        expect(tables.rows[0]?.n).toBe(1);
        await store.dispose();
      }
    } finally {
      churning = false;
      await churn;
      await churner.close();
    }
  }, 60_000);
});

describe.each(databaseKinds)('a webhook registered before topics existed (migration 018, %s)', (kind) => {
  it('keeps receiving every notice', async () => {
    const url = kind === 'sqlite' ? 'sqlite::memory:' : (process.env.REDRESS_TEST_POSTGRES_URL ?? '');
    const schema = kind === 'postgres' ? `m_${randomBytes(6).toString('hex')}` : undefined;
    if (schema) {
      const admin = openStore(url);
      await sql`create schema ${sql.id(schema)}`.execute(admin.db);
      await admin.close();
    }
    const store = openStore(url, schema ? { schema } : {});
    try {
      await migrateToLatest(store.db, store.adapter, schema, '018-webhook-topics');
      const db = store.db as unknown as Kysely<{ webhooks: Omit<Database['webhooks'], 'topics'> }>;
      await db.insertInto('webhooks').values({ id: 'old', url: 'https://hooks.example.test/', secret: 's', description: null, created_at: '2026-01-01T00:00:00.000Z', created_by: null, disabled_at: null }).execute();
      await migrateToLatest(store.db, store.adapter, schema);
      const row = await store.db.selectFrom('webhooks').select('topics').where('id', '=', 'old').executeTakeFirstOrThrow();
      expect(topicsOf(row.topics)).toBe('all');
      expect(await subscribedWebhooks(store.db, 'audit.checkpoint')).toEqual([{ id: 'old' }]);
      expect(await subscribedWebhooks(store.db, 'deadline.missed')).toEqual([{ id: 'old' }]);
    } finally {
      if (schema) await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    }
  });
});
