/**
 * The dashboard and the queue at scale, over HTTP against the built server, and PostgreSQL intake
 * with and without one hot tally row (issue 11, item 3):
 *   npm run bench -- --only dashboard [--cases N] [--dashboard-db sqlite:PATH|postgres://…] [--schema NAME] [--pg postgres://…] [--seconds 5]
 * The cases are seeded once and kept (bench/seed.ts). The server is pinned to core 0, the load
 * generator (autocannon) to core 1. Printed: the queue in every order with each filter, and the
 * dashboard's stats, at 8 connections (p50, p99); the queue while the dashboard is polled four
 * times a second; the query plans of the stats' overdue count and of the queue in every order with
 * each filter (bench/queue-plans.ts); and, with --pg, intake at 1, 8 and
 * 32 connections with migration 015's sharded tallies and with 002's single rows put back.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql, type Kysely } from 'kysely';
import { createChangeFeed } from '../src/context/change-feed.js';
import { calendarSource, type Context } from '../src/context/context.js';
import { ensureBuiltinPlan } from '../src/commands/setup.js';
import { createToken } from '../src/commands/sign-in.js';
import { createUnit } from '../src/commands/units.js';
import { createUser } from '../src/commands/users.js';
import { emptyCalendar } from '../src/core/calendar.js';
import { queueOrders } from '../src/core/queue.js';
import { openStore, type Store } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { createSealer } from '../src/security/sealer.js';
import { stats } from '../src/commands/stats.js';
import { printQueuePlans } from './queue-plans.js';
import { seededStore } from './seed.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

export interface DashboardOptions {
  db: string;
  schema: string;
  cases: number;
  pg: string;
  seconds: number;
  redress: string;
  basePort: number;
}

function commandContext(store: Pick<Store, 'db' | 'adapter'>): Context {
  return {
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
}

/** A coordinator and their token on the bench database (a new one each run). */
async function benchToken(ctx: Context): Promise<string> {
  await ensureBuiltinPlan(ctx);
  const email = `bench-${randomBytes(4).toString('hex')}@county.test`;
  const office = await createUnit(ctx, { actor: null, name: `县信访局 ${email}`, nameEn: 'County petition bureau', kind: 'office' });
  await createUser(ctx, { actor: null, email, name: 'Bench coordinator', role: 'coordinator', unitId: office.id, password: 'correct horse battery staple' });
  return (await createToken(ctx, { email, name: 'bench', days: 1 })).token;
}

function pin(pid: number, core: number): void {
  execFileSync('taskset', ['-cp', String(core), String(pid)], { stdio: 'ignore' });
}

async function startServer(options: DashboardOptions, url: string, port: number, folder: string, extra: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  const { spawn } = await import('node:child_process');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? folder,
    PORT: String(port),
    HOST: '127.0.0.1',
    REDRESS_DATABASE_URL: url,
    REDRESS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    REDRESS_ENCRYPTION_KEY_FILE: join(folder, `${port}.key`),
    REDRESS_WORKER: 'off',
    REDRESS_ADMIN_TOTP: 'optional',
    NODE_ENV: 'production',
    ...extra,
  };
  const child = spawn('taskset', ['-c', '0', process.execPath, options.redress, 'serve'], { env, cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  child.on('exit', (code) => {
    if (code) process.stderr.write(`redress serve exited ${code}: ${errors}\n`);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, base };
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${base} did not come up: ${errors}`);
}

interface Figure {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

async function load(url: string, token: string, connections: number, seconds: number, post?: string): Promise<Figure> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: post === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(post === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(post === undefined ? {} : { body: post }),
  });
  return { rps: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, bad: result.non2xx + result.errors + result.timeouts };
}

const row = (name: string, figure: Figure, target?: string) =>
  print(`${name.padEnd(46)} ${figure.rps.toFixed(0).padStart(6)} req/s  p50 ${figure.p50.toFixed(1).padStart(6)} ms  p99 ${figure.p99.toFixed(1).padStart(6)} ms${figure.bad ? `  (${figure.bad} errors or non-2xx)` : ''}${target ? `  ${target}` : ''}`);
const verdict = (p99: number, limit: number) => `target p99 < ${limit} ms: ${p99 < limit ? 'met' : 'not met'}`;
// A scenario whose requests outlast the window answers nothing: that is a miss, not a met target.
const judged = (figure: Figure, limit: number) => (figure.rps === 0 ? `no answer within the window: target p99 < ${limit} ms not met` : verdict(figure.p99, limit));

/** Polls the dashboard `perSecond` times a second until stopped; returns how many polls answered. */
function pollDashboard(base: string, token: string, perSecond: number): () => Promise<number> {
  let answered = 0;
  const timer = setInterval(() => {
    void fetch(`${base}/api/v1/stats`, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => {
      await response.arrayBuffer();
      if (response.ok) answered += 1;
    }, () => {});
  }, 1000 / perSecond);
  return async () => {
    clearInterval(timer);
    await new Promise((done) => setTimeout(done, 300));
    return answered;
  };
}

async function explainOverdue(db: Kysely<Database>, adapter: Store['adapter']): Promise<void> {
  const now = new Date().toISOString();
  const hour = now.slice(0, 13);
  const open = "('prevention', 'reception', 'decision', 'resolution', 'review')";
  const prefix = adapter.name === 'sqlite' ? 'explain query plan ' : 'explain ';
  const queries = [
    `select lead_unit_id, sum(count) from case_due_tallies where due_hour < '${hour}' group by lead_unit_id`,
    `select lead_unit_id, count(*) from cases where stage in ${open} and coalesce(next_due_at, '9999-12-31T23:59:59.999Z') >= '${hour}:00:00.000Z' and coalesce(next_due_at, '9999-12-31T23:59:59.999Z') < '${now}' group by lead_unit_id`,
    `select stage, urgency, category, lead_unit_id, sum(count) from case_tallies where stage in ${open} group by stage, urgency, category, lead_unit_id having sum(count) > 0`,
  ];
  print('the overdue count and open tallies, their plans:');
  for (const query of queries) {
    const result = await sql.raw<Record<string, unknown>>(prefix + query).execute(db);
    print(`  ${query.slice(0, 110)}…`);
    print(`    ${result.rows.map((line) => String(line.detail ?? line['QUERY PLAN'])).join('\n    ')}`);
  }
  const rows = await sql.raw<{ n: number }>(`select count(*) as n from case_due_tallies where due_hour < '${hour}'`).execute(db);
  const overdue = await sql.raw<{ n: number }>(`select count(*) as n from cases where stage in ${open} and next_due_at < '${now}'`).execute(db);
  print(`  (${Number(overdue.rows[0]?.n)} overdue cases, counted from ${Number(rows.rows[0]?.n)} due-hour rows)`);
}

async function benchScale(options: DashboardOptions, folder: string, port: number): Promise<void> {
  const started = performance.now();
  const store = await seededStore(options.db, options.cases, options.schema, print);
  print(`${store.adapter.name}, ${options.cases} cases (opened and migrated in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const token = await benchToken(commandContext(store));
  await explainOverdue(store.db, store.adapter);
  print(`the queue's first page in every order and filter, in process (median of 5), with its plan (load: ${execFileSync('uptime').toString().trim()}):`);
  await printQueuePlans(store.db, store.adapter, store.unitIds[0] ?? '', print);
  // What each computation of the dashboard's counts costs (over HTTP one is shared): in process, unshared.
  const times: number[] = [];
  for (let run = 0; run < 25; run += 1) {
    const begun = performance.now();
    await stats(commandContext(store), { actor: { id: 'bench', role: 'coordinator', unitId: null } });
    times.push(performance.now() - begun);
  }
  times.sort((a, b) => a - b);
  const computedStats = `dashboard stats computed afresh, in process (25 runs): median ${(times[12] ?? 0).toFixed(2)} ms, slowest ${(times[24] ?? 0).toFixed(2)} ms`;
  await store.close();
  // The server runs in a folder of its own: name the SQLite file absolutely.
  const db = options.db.startsWith('sqlite:') ? `sqlite:${resolve(options.db.slice('sqlite:'.length))}` : options.db;
  const url = options.schema ? `${db}${options.db.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${options.schema}`)}` : db;
  const { child, base } = await startServer(options, url, port, folder);
  try {
    const seconds = options.seconds;
    const queue = (query: string) => `${base}/api/v1/cases?${query}`;
    for (const path of ['/api/v1/cases?sort=deadline', '/api/v1/stats']) {
      const probe = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!probe.ok) throw new Error(`GET ${path} answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
    }
    // Warm the routes, the caches and the page cache.
    await load(queue(''), token, 8, 2);
    await load(`${base}/api/v1/stats`, token, 8, 2);
    print(`\nat 8 connections, ${seconds} s each (load: ${execFileSync('uptime').toString().trim()})`);
    const worst = { queue: 0 };
    const filters = ['', 'stage=decision', 'stage=open', 'overdue=true', `unit=${store.unitIds[0] ?? ''}`, 'urgency=major', 'category=housing', 'objection=true', 'flag=suspected_spam'];
    for (const sort of queueOrders) {
      for (const filter of filters) {
        const figure = await load(queue(`sort=${sort}${filter ? `&${filter}` : ''}`), token, 8, seconds);
        worst.queue = Math.max(worst.queue, figure.rps === 0 ? Infinity : figure.p99);
        row(`queue ${sort}${filter ? `, ${filter.replace(/=[0-9a-f-]{36}$/, '=<unit>')}` : ''}`, figure, judged(figure, 10));
      }
    }
    for (const q of ['2027-AAAA', 'aaaa']) {
      const figure = await load(queue(`q=${q}`), token, 8, seconds);
      worst.queue = Math.max(worst.queue, figure.rps === 0 ? Infinity : figure.p99);
      row(`queue reference "${q}"`, figure, judged(figure, 10));
    }
    print(`worst queue p99 ${worst.queue.toFixed(1)} ms: ${verdict(worst.queue, 10)}`);
    const dashboard = await load(`${base}/api/v1/stats`, token, 8, seconds);
    row('dashboard stats (shared: one computation until a case changes or a second passes)', dashboard, judged(dashboard, 20));
    print(computedStats);
    const quiet = await load(queue('sort=deadline'), token, 8, seconds);
    const stop = pollDashboard(base, token, 4);
    const polled = await load(queue('sort=deadline'), token, 8, seconds);
    const polls = await stop();
    row('queue (deadline), dashboard not polled', quiet);
    row(`queue (deadline), dashboard polled 4/s (${polls} polls)`, polled, `p99 ${(polled.p99 - quiet.p99 >= 0 ? '+' : '')}${(polled.p99 - quiet.p99).toFixed(1)} ms`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 500));
  }
}

/** 002's tallies put back: one row per key and per hour (shard 0), which every intake locks; or 015's again. */
const shardedBodies = new Map<string, string>();
async function hotRowTriggers(db: Kysely<Database>, hot: boolean): Promise<void> {
  if (shardedBodies.size === 0) {
    const source = await sql<{ name: string; body: string }>`select proname as name, prosrc as body from pg_proc where proname in ('cases_tally', 'cases_flow', 'cases_due') and pronamespace = current_schema()::regnamespace`.execute(db);
    for (const fn of source.rows) shardedBodies.set(fn.name, fn.body);
  }
  for (const [name, body] of shardedBodies) {
    await sql.raw(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $body$${hot ? body.replaceAll('pg_backend_pid()', '0') : body}$body$`).execute(db);
  }
}

async function benchIntake(options: DashboardOptions, folder: string, port: number): Promise<void> {
  const admin = openStore(options.pg);
  const database = `bench_intake_${randomBytes(4).toString('hex')}`;
  await sql`create database ${sql.id(database)}`.execute(admin.db);
  const url = new URL(options.pg);
  url.pathname = `/${database}`;
  try {
    const store = openStore(url.toString());
    await migrateToLatest(store.db, store.adapter);
    const token = await benchToken(commandContext(store));
    const { child, base } = await startServer(options, url.toString(), port, folder);
    const letter = JSON.stringify({ kind: 'individual', channel: 'letter', category: 'wage-arrears', title: 'Unpaid wages', description: 'Three months unpaid.', petitioner: { name: '张三', contact: '13800000000' } });
    try {
      await load(`${base}/api/v1/cases`, token, 8, 2, letter);
      print(`\nPostgreSQL intake over HTTP, ${options.seconds} s each; "waiting" = backends seen waiting on a lock (sampled every 50 ms)`);
      for (const [label, hot] of [['after (015: a shard per backend)', false], ['before (002: one row per key and hour)', true], ['after, again', false]] as const) {
        await hotRowTriggers(store.db, hot);
        for (const connections of [1, 8, 32]) {
          let samples = 0;
          let waiting = 0;
          const watch = setInterval(() => {
            void sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${database} and wait_event_type = 'Lock'`
              .execute(admin.db)
              .then((result) => {
                samples += 1;
                waiting += Number(result.rows[0]?.n ?? 0);
              }, () => {});
          }, 50);
          const figure = await load(`${base}/api/v1/cases`, token, connections, options.seconds, letter);
          clearInterval(watch);
          row(`intake ${label}, ${connections} conn`, figure, `waiting ${(waiting / Math.max(1, samples)).toFixed(1)}`);
        }
      }
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      await store.close();
    }
  } finally {
    await sql`drop database if exists ${sql.id(database)} with (force)`.execute(admin.db);
    await admin.close();
  }
}

export async function benchDashboard(options: DashboardOptions): Promise<void> {
  pin(process.pid, 1);
  const folder = mkdtempSync(join(tmpdir(), 'redress-dashboard-'));
  try {
    await benchScale(options, folder, options.basePort);
    if (options.pg) await benchIntake(options, folder, options.basePort + 1);
    else print('(PostgreSQL intake skipped: give --pg postgres://…)');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
