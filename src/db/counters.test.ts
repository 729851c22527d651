import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/databases.js';
import { buildWorld, type World } from '../../test/world.js';
import { buildApp } from '../api/app.js';
import { openStore, type Store } from './connect.js';
import { databaseCounters, memoryCounters, redisCounters, type Counters } from './counters.js';

const redisServer = '/usr/bin/redis-server';

/** A throwaway Redis on a Unix socket (no TCP port, nothing saved), or null where Redis is not installed. */
async function startRedis(): Promise<{ socket: string; stop(): void } | null> {
  if (!existsSync(redisServer)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'redress-redis-'));
  const socket = join(dir, 'redis.sock');
  const child: ChildProcess = spawn(redisServer, ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  const until = Date.now() + 5000;
  while (!existsSync(socket)) {
    if (Date.now() > until) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    socket,
    stop: () => {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const required = process.env.REDRESS_REQUIRE_REDIS === '1';

describe('shared counters', () => {
  let redis: Awaited<ReturnType<typeof startRedis>> = null;
  const clients: Redis[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    if (!redis && required) throw new Error('REDRESS_REQUIRE_REDIS=1 but redis-server is not installed.');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
    redis?.stop();
  });
  const redisClient = () => {
    const client = new Redis({ path: redis?.socket ?? '' });
    clients.push(client);
    return client;
  };

  it('count a window from its first hit and start a new one after it, in Redis as in memory', async () => {
    let now = 1_000_000;
    const places: Counters[] = [memoryCounters(() => now)];
    for (const counters of places) {
      expect(await counters.peek('k')).toBeNull();
      expect(await counters.hit('k', 1000)).toEqual({ count: 1, ttlMs: 1000 });
      now += 400;
      expect(await counters.hit('k', 1000)).toEqual({ count: 2, ttlMs: 600 });
      now += 600;
      expect(await counters.peek('k')).toBeNull();
      expect(await counters.hit('k', 1000)).toEqual({ count: 1, ttlMs: 1000 });
    }
    if (!redis) return;
    // Redis keeps its own time: the window is the key's expiry.
    const counters = redisCounters(redisClient(), `test:${Date.now()}:`);
    expect(await counters.peek('k')).toBeNull();
    const first = await counters.hit('k', 60_000);
    const second = await counters.hit('k', 60_000);
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(second.ttlMs).toBeGreaterThan(0);
    expect(second.ttlMs).toBeLessThanOrEqual(60_000);
    expect((await counters.peek('k'))?.count).toBe(2);
  });

  // Each "server" is an app with its own connection to the shared place, as separate processes have.
  const stores: Store[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });
  type Place = [string, 'sqlite' | 'postgres', (world: World) => Counters];
  const postgres: Place = [
    'PostgreSQL',
    'postgres',
    (world) => {
      const store = openStore(process.env.REDRESS_TEST_POSTGRES_URL ?? '', world.store.schema ? { schema: world.store.schema } : {});
      stores.push(store);
      return databaseCounters(store.db);
    },
  ];
  const redisPrefix = `limits:${Date.now()}:`;
  const inRedis: Place = ['Redis', 'sqlite', () => redisCounters(redisClient(), redisPrefix)];
  const shared: Place[] = databaseKinds.includes('postgres') ? [postgres, inRedis] : [inRedis];

  describe.each(shared)('three servers counting in %s', (place, kind, countersFor) => {
    it('enforce one request limit and one guess throttle, not one each', async (test) => {
      if (place === 'Redis' && !redis) return test.skip();
      const world = await buildWorld(kind);
      const apps = await Promise.all(
        [0, 1, 2].map(() =>
          buildApp({
            ctx: world.ctx,
            webRoot: null,
            counters: countersFor(world),
            public: { requestsPerMinute: 7, guesses: { freeFailures: 100, maxFailuresPerClient: 4 } },
          }),
        ),
      );
      try {
        const look = (server: number, client: string) =>
          apps[server % 3]?.inject({
            method: 'GET',
            url: '/public/v1/petitions/2026-AAAA-BBBB',
            headers: { 'x-access-code': 'AAAA-AAAA-AAAA-AAAA-AAAA' },
            remoteAddress: client,
          });
        // Four wrong guesses spread over the servers; the fifth, on any of them, is refused.
        const statuses: (number | undefined)[] = [];
        for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await look(attempt, '10.9.0.1'))?.statusCode);
        expect(statuses).toEqual([404, 404, 404, 404, 429]);
        // Seven requests a minute from one client in all, whichever server answers them.
        const pages: (number | undefined)[] = [];
        for (let request = 0; request < 8; request += 1) {
          pages.push((await apps[request % 3]?.inject({ method: 'GET', url: '/petition?lang=en', remoteAddress: '10.9.0.2' }))?.statusCode);
        }
        expect(pages).toEqual([200, 200, 200, 200, 200, 200, 200, 429]);
        // Another client is counted on its own.
        expect((await apps[0]?.inject({ method: 'GET', url: '/petition?lang=en', remoteAddress: '10.9.0.3' }))?.statusCode).toBe(200);
      } finally {
        await Promise.all(apps.map((app) => app.close()));
        await world.dispose();
      }
    });
  });
});
