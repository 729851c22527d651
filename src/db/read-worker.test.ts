import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stats } from '../commands/stats.js';
import { accountabilityReport } from '../commands/reports.js';
import { buildCase, buildWorld, type World } from '../../test/world.js';
import { openStore, type Store } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { openReadWorker, type ReadWorker } from './read-worker.js';

/**
 * SQLite only: PostgreSQL has many connections (and a replica, REDRESS_DATABASE_READ_URL); an
 * SQLite file gets a read-only connection in a worker thread for the dashboard and reports.
 */
describe('the dashboard and reports read from a worker thread on an SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redress-read-worker-'));
  const path = join(dir, 'redress.db');
  let store: Store;
  let reader: ReadWorker;
  let world: World;

  beforeAll(async () => {
    // The world's cases, copied into a file the worker can open beside the main connection.
    world = await buildWorld('sqlite');
    for (const urgency of ['normal', 'urgent', 'major'] as const) await buildCase(world, { urgency });
    await sql`vacuum into ${path}`.execute(world.store.db);
    store = openStore(`sqlite:${path}`);
    await migrateToLatest(store.db, store.adapter);
    reader = openReadWorker(path);
  });
  afterAll(async () => {
    await reader.close();
    await store.close();
    await world.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const admin = { id: 'admin', role: 'admin' as const, unitId: null };
  const on = (replica?: ReadWorker) => ({ ...world.ctx, db: store.db, ...(replica ? { replica: replica.db } : {}) });

  it('shows the same dashboard and report as the main connection, and what committed since', async () => {
    const direct = await stats(on(), { actor: admin });
    expect(direct.open.total).toBe(3);
    expect(await stats(on(reader), { actor: admin })).toEqual(direct);
    expect(await accountabilityReport(on(reader), { actor: admin })).toEqual(await accountabilityReport(on(), { actor: admin }));
    // A case committed on the main connection is in the worker's next read.
    await store.db.updateTable('cases').set({ urgency: 'major' }).where('urgency', '=', 'normal').execute();
    expect((await stats(on(reader), { actor: admin })).open.byUrgency).toEqual({ urgent: 1, major: 2 });
  });

  it('answers the main connection while a slow read runs in the worker', async () => {
    const order: string[] = [];
    // Long enough to be unmistakable: three million steps of a recursive count.
    const slow = sql<{ n: number }>`with recursive c(n) as (select 1 union all select n + 1 from c where n < 3000000) select count(*) as n from c`
      .execute(reader.db)
      .then(() => order.push('slow read in the worker'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.db.selectFrom('cases').select('id').limit(1).execute();
    order.push('queue read on the main connection');
    await slow;
    expect(order).toEqual(['queue read on the main connection', 'slow read in the worker']);
  }, 120_000);

  it('never writes', async () => {
    await expect(reader.db.updateTable('cases').set({ urgency: 'normal' }).execute()).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
  });
});
