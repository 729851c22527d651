import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { ensureBuiltinPlan } from '../../src/commands/setup.js';
import { createUnit } from '../../src/commands/units.js';
import { createToken, createUser } from '../../src/commands/users.js';
import { loadConfig } from '../../src/config.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';

/**
 * A PostgreSQL primary and a streaming replica made with `pg_basebackup -R`, each a cluster of its
 * own on this machine (ports 18190 and 18191, as the postgres user), with Redress configured as an
 * operator would: REDRESS_DATABASE_URL for the primary, REDRESS_DATABASE_READ_URL for the replica.
 * (A fresh primary rather than the machine's own: replication needs a `replication` line in
 * pg_hba.conf, which initdb writes and the machine's cluster may not have.)
 */
const run = promisify(execFile);
const binDir = (() => {
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort();
    return join('/usr/lib/postgresql', versions.at(-1) ?? '', 'bin');
  } catch {
    return null;
  }
})();
const canRun = binDir !== null && userInfo().uid === 0;
const ports = { primary: 18190, replica: 18191 };
const primaryUrl = `postgres://postgres@127.0.0.1:${ports.primary}/postgres`;
const replicaUrl = `postgres://postgres@127.0.0.1:${ports.replica}/postgres`;

const asPostgres = (command: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', join(binDir ?? '', command), ...args], { timeout: 60_000 });

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function eventually(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Still waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether the replica has replayed everything the primary has written so far. */
async function caughtUp(): Promise<boolean> {
  const [primary] = await query<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn');
  const [replica] = await query<{ behind: boolean }>(replicaUrl, `select pg_last_wal_replay_lsn() < '${primary?.lsn ?? '0/0'}'::pg_lsn as behind`);
  return replica?.behind === false;
}

describe.skipIf(!canRun)('the dashboard and reports from a streaming replica', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redress-replica-'));
  const [primaryDir, replicaDir] = [join(dir, 'primary'), join(dir, 'replica')];
  const started: string[] = [];
  let runtime: Runtime;
  let app: FastifyInstance;
  let token = '';

  beforeAll(async () => {
    chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
    const serverOptions = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await asPostgres('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
    await asPostgres('pg_ctl', ['-D', primaryDir, '-l', join(dir, 'primary.log'), '-o', serverOptions(ports.primary), '-w', 'start']);
    started.push(primaryDir);
    // -R writes standby.signal and primary_conninfo: the copy starts as a replica streaming from the primary.
    await asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(ports.primary), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream']);
    await asPostgres('pg_ctl', ['-D', replicaDir, '-l', join(dir, 'replica.log'), '-o', serverOptions(ports.replica), '-w', 'start']);
    started.push(replicaDir);

    runtime = await openRuntime(
      loadConfig({ REDRESS_DATABASE_URL: primaryUrl, REDRESS_DATABASE_READ_URL: replicaUrl, REDRESS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }),
      () => {},
    );
    const ctx = runtime.ctx;
    await ensureBuiltinPlan(ctx);
    const office = await createUnit(ctx, { actor: null, name: '县信访局', nameEn: 'County petition bureau', kind: 'office' });
    const coordinator = await createUser(ctx, {
      actor: null,
      email: 'coordinator@replica.test',
      name: 'Coordinator',
      role: 'coordinator',
      unitId: office.id,
      password: 'amber lantern river 42',
    });
    token = (await createToken(ctx, { email: coordinator.email, name: 'test' })).token;
    app = await buildApp({ ctx, webRoot: null });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    for (const data of started.reverse()) await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const openCases = async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/stats', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    return response.json<{ open: { total: number } }>().open.total;
  };
  const openLetter = async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${token}` },
      payload: { kind: 'individual', channel: 'letter', category: 'wage-arrears', title: 'Unpaid wages', description: 'Three months unpaid.' },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };

  it('serves the dashboard from the replica while writes go to the primary', async () => {
    await openLetter();
    await eventually('the replica to catch up', caughtUp);
    expect(await openCases()).toBe(1);

    // Hold the replica where it is: what the dashboard shows now can only come from it.
    await query(replicaUrl, 'select pg_wal_replay_pause()');
    const id = await openLetter();
    const [onPrimary] = await query<{ count: number }>(primaryUrl, `select count(*)::int as count from cases where id = '${id}'`);
    expect(onPrimary?.count).toBe(1);
    const [onReplica] = await query<{ count: number }>(replicaUrl, `select count(*)::int as count from cases where id = '${id}'`);
    expect(onReplica?.count).toBe(0);
    expect(await openCases()).toBe(1);
    // The case itself is read from the primary, as every read that is not a report is.
    const read = await app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { authorization: `Bearer ${token}` } });
    expect(read.statusCode).toBe(200);

    await query(replicaUrl, 'select pg_wal_replay_resume()');
    await eventually('the replica to replay the new case', caughtUp);
    // The counts computed while the replica lagged are shared for up to a second (commands/stats.ts).
    await eventually('the dashboard to show the new case', async () => (await openCases()) === 2, 5_000);

    // The accountability report reads there too and answers.
    const report = await app.inject({ method: 'GET', url: '/api/v1/reports/accountability', headers: { authorization: `Bearer ${token}` } });
    expect(report.statusCode).toBe(200);
  });

  it('refuses a replica URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ REDRESS_DATABASE_READ_URL: 'sqlite:./replica.db', REDRESS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') })).toThrow(
      /REDRESS_DATABASE_READ_URL must be a postgres:\/\/ URL/,
    );
  });
});
