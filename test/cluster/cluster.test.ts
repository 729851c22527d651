import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream } from '../streams.js';

/**
 * A real cluster, as scripts/cluster.sh starts it for an operator: three `redress serve`
 * processes with the worker off and two `redress worker` processes on one PostgreSQL database,
 * behind HAProxy. Ports come from 18170–18179.
 */
const run = promisify(execFile);
const postgresUrl = process.env.REDRESS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ports = { balancer: 18170, servers: [18171, 18172, 18173], stats: 18174 };
const balancer = `http://127.0.0.1:${ports.balancer}`;
const admin = { email: 'admin@cluster.test', password: 'violet harbour stone 17' };
const coordinatorPassword = 'quiet meadow copper 58';

const database = `redress_cluster_${randomBytes(4).toString('hex')}`;
const databaseUrl = postgresUrl.replace(/\/[^/]*$/, `/${database}`);
const dir = mkdtempSync(join(tmpdir(), 'redress-cluster-'));
const env = {
  ...process.env,
  REDRESS_DATABASE_URL: databaseUrl,
  CLUSTER_DIR: dir,
  CLUSTER_PORT: String(ports.balancer),
  CLUSTER_SERVER_PORTS: ports.servers.join(' '),
  CLUSTER_STATS_PORT: String(ports.stats),
  CLUSTER_WORKERS: '2',
  REDRESS_ADMIN_EMAIL: admin.email,
  REDRESS_ADMIN_PASSWORD: admin.password,
  REDRESS_SCAN_INTERVAL_SECONDS: '1',
  LOG_LEVEL: 'warn',
  // The admin here is a script, not a person with an authenticator app.
  REDRESS_ADMIN_TOTP: 'optional',
};
const cluster = (command: 'start' | 'stop') => run('bash', ['scripts/cluster.sh', command], { env, timeout: 120_000 });

async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Still waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function api(base: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const letter = (title: string, receivedAt?: string) => ({
  kind: 'individual',
  channel: 'letter',
  category: 'wage-arrears',
  title,
  description: 'Three months of wages unpaid since August.',
  petitioner: { name: '张三', contact: '13800000000' },
  ...(receivedAt ? { receivedAt } : {}),
});

/** The balancer's view of each server, from its CSV status page. */
async function balancerStatus(): Promise<Record<string, string>> {
  const csv = await (await fetch(`http://127.0.0.1:${ports.stats}/stats;csv`)).text();
  const status: Record<string, string> = {};
  for (const line of csv.split('\n')) {
    const [proxy, server, ...rest] = line.split(',');
    if (proxy === 'servers' && server?.startsWith('server-')) status[server] = rest[15] ?? '';
  }
  return status;
}

describe('a cluster of three servers and two workers behind HAProxy', () => {
  let token = '';
  let webhook: Server;
  const deliveries: { id: string; type: string; caseId: string }[] = [];

  beforeAll(async () => {
    await onDatabase(postgresUrl, (client) => client.query(`create database ${database}`));
    await cluster('start');
    const login = await fetch(`${balancer}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    expect(login.status).toBe(200);
    const session = /redress_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '';
    // The admin sets up an office and a coordinator, who works the cases below.
    const office = await api(balancer, session, 'POST', '/api/v1/units', { name: '县信访局', nameEn: 'County petition bureau', kind: 'office' });
    expect(office.status).toBe(201);
    const coordinator = { email: 'coordinator@cluster.test', password: 'amber lantern river 42' };
    const created = await api(balancer, session, 'POST', '/api/v1/users', {
      ...coordinator,
      name: 'Coordinator',
      role: 'coordinator',
      unitId: office.body.id,
    });
    expect(created.status).toBe(201);
    const signIn = await fetch(`${balancer}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(coordinator),
    });
    token = /redress_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(token).not.toBe('');
    // An account an admin made must choose its own password before it may work; this session stays.
    const changed = await api(balancer, token, 'POST', '/api/v1/auth/password', { currentPassword: coordinator.password, newPassword: coordinatorPassword });
    expect(changed.status).toBe(204);

    webhook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        deliveries.push(JSON.parse(body) as { id: string; type: string; caseId: string });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const hook = await api(balancer, session, 'POST', '/api/v1/webhooks', { url: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook` });
    expect(hook.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await cluster('stop').catch(() => {});
    webhook?.close();
    await onDatabase(postgresUrl, (client) => client.query(`drop database if exists ${database} with (force)`));
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('a change made through one server reaches a live stream held by another', async () => {
    const [first, second] = ports.servers;
    const stream = await openStream(`http://127.0.0.1:${first}/api/v1/stream`, token);
    try {
      await stream.waitFor(/retry: 3000/);
      const opened = await api(`http://127.0.0.1:${second}`, token, 'POST', '/api/v1/cases', letter('Heard on another server'));
      expect(opened.status).toBe(201);
      await stream.waitFor(new RegExp(`"caseId":"${String(opened.body.id)}","type":"case.opened"`));
    } finally {
      await stream.close();
    }
  });

  it('counts sign-in failures across the servers: one throttle, not one each', async () => {
    // Each server alone lets five wrong passwords through for one account from one client; three
    // counting apart would let fifteen through. One count in the database refuses soon after five.
    const signIn = (password: string, client: string) =>
      fetch(`${balancer}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ email: 'coordinator@cluster.test', password }),
      });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 15 && !statuses.includes(429); attempt += 1) {
      statuses.push((await signIn('wrong password entirely', '198.51.100.7')).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeLessThan(10);
    // The officer at their own address still signs in.
    expect((await signIn(coordinatorPassword, '198.51.100.8')).status).toBe(200);
  });

  it('counts the public rate limit across the servers: one limit, not one each', async () => {
    // Every client address may make 120 requests a minute; round robin spreads them over three servers.
    const client = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];
    for (let request = 0; request < 121; request += 1) {
      statuses.push((await fetch(`${balancer}/petition?lang=en`, { headers: client })).status);
    }
    expect(statuses.slice(0, 120).every((status) => status === 200)).toBe(true);
    expect(statuses[120]).toBe(429);
    // Another address is counted on its own.
    expect((await fetch(`${balancer}/petition?lang=en`, { headers: { 'x-forwarded-for': '203.0.113.8' } })).status).toBe(200);
  });

  it('loses no acknowledged write when a server is killed during a burst, and the balancer takes it out', async () => {
    const writes = Array.from({ length: 60 }, (_, index) => ({ key: randomUUID(), title: `Burst ${index}` }));
    const acknowledged = new Map<string, string>();
    const failed: typeof writes = [];
    const victim = Number(readFileSync(join(dir, 'server-2.pid'), 'utf8'));
    let killed = false;
    const send = async (write: (typeof writes)[number]) => {
      try {
        const response = await api(balancer, token, 'POST', '/api/v1/cases', letter(write.title), { 'idempotency-key': write.key });
        if (response.status === 201) acknowledged.set(write.key, String(response.body.id));
        else failed.push(write);
      } catch {
        failed.push(write);
      }
      if (!killed && acknowledged.size >= 15) {
        killed = true;
        process.kill(victim, 'SIGKILL');
      }
    };
    const queue = [...writes];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let write = queue.shift(); write; write = queue.shift()) await send(write);
      }),
    );
    expect(killed).toBe(true);

    // The balancer's health check marks the killed server down; the others stay up.
    const status = await eventually('server-2 marked down and the others up', async () => {
      const now = await balancerStatus();
      return now['server-2'] === 'DOWN' && now['server-1'] === 'UP' && now['server-3'] === 'UP' ? now : null;
    });
    expect(status['server-2']).toBe('DOWN');
    // Requests now all land on live servers.
    for (let request = 0; request < 12; request += 1) expect((await fetch(`${balancer}/health`)).status).toBe(200);

    // A client retries what was not acknowledged, with the same key: no case is made twice.
    for (const write of failed) {
      const retried = await api(balancer, token, 'POST', '/api/v1/cases', letter(write.title), { 'idempotency-key': write.key });
      expect(retried.status).toBe(201);
      acknowledged.set(write.key, String(retried.body.id));
    }
    expect(acknowledged.size).toBe(writes.length);
    for (const id of acknowledged.values()) expect((await api(balancer, token, 'GET', `/api/v1/cases/${id}`)).status).toBe(200);
    const stored = await onDatabase(databaseUrl, (client) =>
      client.query<{ title: string; copies: number }>(`select title, count(*)::int as copies from cases where title like 'Burst %' group by title`),
    );
    expect(stored.rows).toHaveLength(writes.length);
    expect(stored.rows.every((row) => row.copies === 1)).toBe(true);
  });

  it('records and notifies each missed deadline once, with two workers scanning', async () => {
    // Letters that arrived 40 days ago: their 15-day acceptance clocks ran out 25 days ago.
    const receivedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const ids: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      const opened = await api(balancer, token, 'POST', '/api/v1/cases', letter(`Overdue ${index}`, receivedAt));
      expect(opened.status).toBe(201);
      ids.push(String(opened.body.id));
    }
    const missedOf = (caseIds: string[]) =>
      onDatabase(databaseUrl, (client) =>
        client.query<{ case_id: string; deadline: string; events: number }>(
          `select case_id, data::json->>'deadlineId' as deadline, count(*)::int as events
             from events where type = 'deadline.missed' and case_id = any($1) group by 1, 2`,
          [caseIds],
        ),
      );
    await eventually('every case recorded as missed and its webhooks delivered', async () => {
      const missed = await missedOf(ids);
      const cases = new Set(missed.rows.map((row) => row.case_id));
      const delivered = new Set(deliveries.filter((item) => item.type === 'deadline.missed').map((item) => item.caseId));
      return cases.size === ids.length && ids.every((id) => delivered.has(id));
    });
    // Both workers go on scanning; a later overdue case recorded and delivered means they have
    // each had passes since, which must not have repeated anything.
    for (let round = 0; round < 2; round += 1) {
      const later = await api(balancer, token, 'POST', '/api/v1/cases', letter(`Overdue later ${round}`, receivedAt));
      const laterId = String(later.body.id);
      await eventually('the later case delivered', async () => deliveries.some((item) => item.type === 'deadline.missed' && item.caseId === laterId));
    }

    const missed = await missedOf(ids);
    expect(missed.rows.length).toBeGreaterThanOrEqual(ids.length);
    expect(missed.rows.every((row) => row.events === 1)).toBe(true);
    const notifications = await onDatabase(databaseUrl, (client) =>
      client.query<{ channel: string; recipient: string; copies: number }>(
        `select channel, coalesce(user_id, webhook_id) as recipient, case_id, data::json->>'deadlineId' as deadline, count(*)::int as copies
           from notifications where template = 'deadline.missed' and case_id = any($1) group by 1, 2, 3, 4`,
        [ids],
      ),
    );
    expect(notifications.rows.some((row) => row.channel === 'webhook')).toBe(true);
    expect(notifications.rows.every((row) => row.copies === 1)).toBe(true);
    // Each webhook notification was delivered once, though two workers deliver.
    const ofTheseCases = deliveries.filter((item) => item.type === 'deadline.missed' && ids.includes(item.caseId));
    expect(new Set(ofTheseCases.map((item) => item.id)).size).toBe(ofTheseCases.length);
    expect(ofTheseCases.length).toBe(notifications.rows.filter((row) => row.channel === 'webhook').length);
  });
});
