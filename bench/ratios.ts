/**
 * Per-request cost over HTTP, as a share of what the framework and the driver cost alone:
 *   npm run bench -- --only ratios [--pg postgres://…] [--seconds 3] [--repeats 3] [--redress PATH/bin/redress.js]
 * Starts, each pinned to core 0 with taskset: a bare Fastify route with naive one-statement
 * better-sqlite3 and pg routes beside it (bench/baseline-server.ts), and the built Redress server
 * on SQLite and on PostgreSQL (worker off). This process, the load generator (autocannon), pins
 * itself to core 1. Each scenario runs at 1, 8 and 32 connections, the rounds interleaved so that
 * what the machine does meanwhile falls on all of them alike; the median of the rounds is printed
 * with p50 and p99, then the ratios issue 11 sets targets for:
 *   SQLite: intake >= 30% of the bare route, case read >= 50%, the queue's first page >= 40%;
 *   PostgreSQL: intake >= 60% of the naive pg INSERT route, case read >= 60% of the naive SELECT.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createChangeFeed } from '../src/context/change-feed.js';
import { calendarSource, type Context } from '../src/context/context.js';
import { ensureBuiltinPlan } from '../src/commands/setup.js';
import { createToken } from '../src/commands/sign-in.js';
import { createUnit } from '../src/commands/units.js';
import { createUser } from '../src/commands/users.js';
import { emptyCalendar } from '../src/core/calendar.js';
import { openStore } from '../src/db/connect.js';
import { createSealer } from '../src/security/sealer.js';

const print = (line: string) => process.stdout.write(`${line}\n`);
const here = dirname(fileURLToPath(import.meta.url));
const connectionCounts = [1, 8, 32] as const;

interface Options {
  pg: string;
  seconds: number;
  repeats: number;
  redress: string;
  basePort: number;
}

interface Figure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

interface Scenario {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

function pin(pid: number, core: number): void {
  execFileSync('taskset', ['-cp', String(core), String(pid)], { stdio: 'ignore' });
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, core: number): ChildProcess {
  const child = spawn('taskset', ['-c', String(core), command, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  child.on('exit', (code) => {
    if (code && code !== 0) process.stderr.write(`${command} ${args.join(' ')} exited ${code}: ${errors}\n`);
  });
  child.stdout?.resume();
  return child;
}

async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} did not come up.`);
}

async function load(scenario: Scenario, connections: number, seconds: number): Promise<Figure> {
  const result = await autocannon({
    url: scenario.url,
    method: scenario.method,
    connections,
    duration: seconds,
    ...(scenario.headers ? { headers: scenario.headers } : {}),
    ...(scenario.body !== undefined ? { body: scenario.body } : {}),
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, errors: bad };
}

/**
 * A coordinator and their token on a Redress server's database. The server has migrated it with
 * its own code first, so an older build (--redress) is measured on the schema it knows.
 */
async function prepareRedress(url: string): Promise<{ token: string }> {
  const store = openStore(url);
  try {
    const ctx: Context = {
      db: store.db,
      adapter: store.adapter,
      now: () => new Date().toISOString(),
      newId: randomUUID,
      timeZone: 'Asia/Shanghai',
      calendar: calendarSource(emptyCalendar),
      sealer: createSealer(randomBytes(32)),
      changes: createChangeFeed(),
      channels: { email: false },
    };
    await ensureBuiltinPlan(ctx);
    const office = await createUnit(ctx, { actor: null, name: '县信访局', nameEn: 'County petition bureau', kind: 'office' });
    await createUser(ctx, { actor: null, email: 'bench@county.test', name: 'Bench coordinator', role: 'coordinator', unitId: office.id, password: 'correct horse battery staple' });
    const { token } = await createToken(ctx, { email: 'bench@county.test', name: 'bench', days: 1 });
    return { token };
  } finally {
    await store.close();
  }
}

const letter = JSON.stringify({
  kind: 'individual',
  channel: 'letter',
  category: 'wage-arrears',
  title: 'Unpaid wages at a construction site',
  description: 'Three months of wages unpaid since August.',
  petitioner: { name: '张三', contact: '13800000000' },
});

async function redressScenarios(prefix: string, base: string, token: string): Promise<Scenario[]> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const opened = await fetch(`${base}/api/v1/cases`, { method: 'POST', headers, body: letter });
  if (opened.status !== 201) throw new Error(`Opening a case on ${prefix} answered ${opened.status}: ${await opened.text()}`);
  const { id } = (await opened.json()) as { id: string };
  const read = { authorization: `Bearer ${token}` };
  return [
    { name: `${prefix} intake`, url: `${base}/api/v1/cases`, method: 'POST', headers, body: letter },
    { name: `${prefix} case read`, url: `${base}/api/v1/cases/${id}`, method: 'GET', headers: read },
    { name: `${prefix} queue page`, url: `${base}/api/v1/cases`, method: 'GET', headers: read },
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export async function benchRatios(options: Options): Promise<void> {
  pin(process.pid, 1);
  const folder = mkdtempSync(join(tmpdir(), 'redress-ratios-'));
  const children: ChildProcess[] = [];
  const pgDatabases: string[] = [];
  const admin = options.pg ? openStore(options.pg) : null;
  try {
    const pgUrl = async (name: string) => {
      if (!admin) return '';
      const database = `bench_${name}_${randomBytes(4).toString('hex')}`;
      await sql`create database ${sql.id(database)}`.execute(admin.db);
      pgDatabases.push(database);
      const url = new URL(options.pg);
      url.pathname = `/${database}`;
      return url.toString();
    };
    const basePort = options.basePort;
    const baselinePg = await pgUrl('naive');
    children.push(start(process.execPath, [join(here, 'baseline-server.js'), String(basePort), join(folder, 'naive.db'), baselinePg], process.env, folder, 0));
    const baseline = `http://127.0.0.1:${basePort}`;

    const servers: { prefix: string; url: string; port: number }[] = [{ prefix: 'SQLite', url: `sqlite:${join(folder, 'redress.db')}`, port: basePort + 1 }];
    if (admin) servers.push({ prefix: 'PostgreSQL', url: await pgUrl('redress'), port: basePort + 2 });
    const scenarios: Scenario[] = [
      { name: 'bare route', url: `${baseline}/bare`, method: 'GET' },
      { name: 'naive SQLite insert', url: `${baseline}/sqlite/insert`, method: 'POST' },
      { name: 'naive SQLite select', url: `${baseline}/sqlite/select`, method: 'GET' },
      ...(admin
        ? [
            { name: 'naive pg insert', url: `${baseline}/pg/insert`, method: 'POST' as const },
            { name: 'naive pg select', url: `${baseline}/pg/select`, method: 'GET' as const },
          ]
        : []),
    ];
    for (const server of servers) {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? folder,
        PORT: String(server.port),
        HOST: '127.0.0.1',
        REDRESS_DATABASE_URL: server.url,
        REDRESS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        REDRESS_ENCRYPTION_KEY_FILE: join(folder, `${server.prefix}.key`),
        REDRESS_WORKER: 'off',
        REDRESS_ADMIN_TOTP: 'optional',
        NODE_ENV: 'production',
      };
      children.push(start(process.execPath, [options.redress, 'serve'], env, folder, 0));
      const base = `http://127.0.0.1:${server.port}`;
      await waitFor(`${base}/health`);
      const { token } = await prepareRedress(server.url);
      scenarios.push(...(await redressScenarios(server.prefix, base, token)));
    }
    await waitFor(`${baseline}/bare`);

    print(`Per-request cost over HTTP: servers on core 0, autocannon on core 1; ${options.repeats} interleaved rounds of ${options.seconds} s per scenario and connection count.`);
    print(`Redress: ${options.redress} (worker off). Load now: ${execFileSync('uptime').toString().trim()}`);
    // Warm every route (JIT, statement and plan caches, the pool's connections).
    for (const scenario of scenarios) await load(scenario, 8, 1);
    const figures = new Map<string, Figure[]>();
    for (let round = 0; round < options.repeats; round += 1) {
      for (const connections of connectionCounts) {
        for (const scenario of scenarios) {
          const figure = await load(scenario, connections, options.seconds);
          const key = `${scenario.name}|${connections}`;
          figures.set(key, [...(figures.get(key) ?? []), figure]);
        }
      }
    }
    const summary = (name: string, connections: number) => {
      const runs = figures.get(`${name}|${connections}`) ?? [];
      return { rps: median(runs.map((run) => run.rps)), p50: median(runs.map((run) => run.p50)), p99: median(runs.map((run) => run.p99)), errors: runs.reduce((sum, run) => sum + run.errors, 0), all: runs.map((run) => run.rps) };
    };
    print('');
    print(`${'scenario'.padEnd(24)} ${'conns'.padStart(5)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  rounds (req/s)`);
    for (const scenario of scenarios) {
      for (const connections of connectionCounts) {
        const figure = summary(scenario.name, connections);
        const errors = figure.errors > 0 ? `  (${figure.errors} errors or non-2xx)` : '';
        print(
          `${scenario.name.padEnd(24)} ${String(connections).padStart(5)} ${figure.rps.toFixed(0).padStart(8)} ${figure.p50.toFixed(1).padStart(7)} ${figure.p99.toFixed(1).padStart(7)}  ${figure.all.map((value) => value.toFixed(0)).join(' / ')}${errors}`,
        );
      }
    }
    const targets: [string, string, number][] = [
      ['SQLite intake', 'bare route', 0.3],
      ['SQLite case read', 'bare route', 0.5],
      ['SQLite queue page', 'bare route', 0.4],
      ...(admin
        ? ([
            ['PostgreSQL intake', 'naive pg insert', 0.6],
            ['PostgreSQL case read', 'naive pg select', 0.6],
          ] as [string, string, number][])
        : []),
    ];
    print('');
    print(`ratios (median req/s over median req/s)  ${connectionCounts.map((count) => `${count} conn`.padStart(9)).join(' ')}   target`);
    for (const [name, against, target] of targets) {
      const ratios = connectionCounts.map((connections) => summary(name, connections).rps / summary(against, connections).rps);
      const verdict = ratios.every((ratio) => ratio >= target) ? 'met' : ratios.some((ratio) => ratio >= target) ? 'met at some' : 'not met';
      print(`${`${name} / ${against}`.padEnd(40)} ${ratios.map((ratio) => `${(ratio * 100).toFixed(1)}%`.padStart(9)).join(' ')}   >= ${(target * 100).toFixed(0)}%: ${verdict}`);
    }
    if (!admin) print('(PostgreSQL skipped: give --pg postgres://…)');
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 500));
    if (admin) {
      for (const database of pgDatabases) await sql`drop database if exists ${sql.id(database)} with (force)`.execute(admin.db);
      await admin.close();
    }
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The built server beside this bench, unless another build is named (to measure a before and an after). */
export function redressBinary(given: string): string {
  const path = resolve(given || join(here, '..', '..', 'bin', 'redress.js'));
  if (!existsSync(path)) throw new Error(`No Redress server at ${path}: run npm run build.`);
  return path;
}
