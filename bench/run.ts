/**
 * Queue benchmarks at scale: fills a database with synthetic cases (default one million), then
 * times the queries the queue runs on every view and prints their query plans.
 * Each order the queue offers (newest, oldest, nearest deadline, urgency) is timed on the first
 * page, a later page by cursor, a stage filter and a unit officer's queue; so are reference
 * searches, the objection and flag filters, and the received/closed week filters.
 *   npm run bench -- [--cases N] [--db sqlite:PATH|postgres://…] [--schema NAME (PostgreSQL)] [--only audit|ratios|dashboard|queue] [--pg postgres://…]
 *   --only queue: the queue's queries alone (no personal-data read bench, no ratios, no HTTP dashboard bench).
 *   --only plans [--dashboard-db …] [--dashboard-schema NAME] [--runs N] [--stats none|full (SQLite: drop or refresh sqlite_stat1 first)]: the queue's first page in every order with every
 *   filter on the dashboard bench's million cases, timed in process, each with its plan (bench/queue-plans.ts).
 * (bench/audit.ts: concurrent personal-data reads on PostgreSQL, SQLite synchronous = FULL vs NORMAL;
 * bench/ratios.ts: per-request cost over HTTP against a bare route and naive one-statement routes)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createChangeFeed } from '../src/context/change-feed.js';
import { benchPersonalDataReads, benchSqliteSync } from './audit.js';
import { benchRatios, redressBinary } from './ratios.js';
import { benchDashboard } from './dashboard.js';
import { explain, printQueuePlans } from './queue-plans.js';
import { seededStore } from './seed.js';
import { execFileSync } from 'node:child_process';
import { calendarSource, type Context } from '../src/context/context.js';
import { stats } from '../src/commands/stats.js';
import { emptyCalendar } from '../src/core/calendar.js';
import { scanDeadlines } from '../src/jobs/deadline-scanner.js';
import { createSealer } from '../src/security/sealer.js';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { listCases, listCasesQuery, type ListCasesProps } from '../src/db/repositories/cases.js';
import { queueOrders, type QueueOrder } from '../src/core/queue.js';
import { caseReference } from '../src/core/reference.js';
import type { Stage } from '../src/core/types.js';
import { openStore } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { AssignmentsTable, CasesTable, Database, DeadlinesTable } from '../src/db/schema.js';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const total = Number(option('cases', '1000000'));
const url = option('db', 'sqlite:./data/bench.db');
const schema = option('schema', '');
const stages: Stage[] = ['prevention', 'reception', 'decision', 'resolution', 'closed', 'closed', 'closed', 'closed', 'not_accepted', 'review'];
const now = Date.parse('2026-11-29T00:00:00.000Z');
const day = 86_400_000;

async function fill(db: Kysely<Database>, unitIds: string[], planId: string): Promise<void> {
  const batch = 500;
  for (let start = 0; start < total; start += batch) {
    const rows: CasesTable[] = [];
    const links: { id: string; case_id: string; unit_id: string; role: AssignmentsTable['role']; notified_at: string; acknowledge_due_at: string; proposal_due_at: string; case_received_at: string; objected_at: string | null }[] = [];
    const clocks: DeadlinesTable[] = [];
    for (let i = start; i < Math.min(total, start + batch); i += 1) {
      const received = new Date(now - (i % 1000) * day - (i % 86_400) * 1000).toISOString();
      const stage = stages[i % stages.length] ?? 'closed';
      const open = !['closed', 'not_accepted'].includes(stage);
      const due = new Date(now + ((i % 40) - 10) * day).toISOString();
      const id = randomUUID();
      rows.push({
        id, reference: caseReference(2026, randomBytes(8)), plan_id: planId, kind: i % 7 === 0 ? 'collective' : 'individual', channel: 'letter',
        urgency: i % 50 === 0 ? 'major' : i % 20 === 7 ? 'urgent' : 'normal', category: 'wage-arrears', title: `Synthetic case ${i}`, description: 'Synthetic.',
        location: null, headcount: 1, stage, stage_changed_at: received, not_accepted_reason: null, receive_together: 0,
        received_at: received, created_at: received, created_by: null, updated_at: received, accept_due_at: due, accepted_at: null,
        conclude_due_at: null, concluded_at: null, review_request_due_at: null, review_count: 0, review_started_at: null,
        review_due_at: null, review_concluded_at: null, next_due_at: open ? due : null, closed_at: open ? null : received,
        petitioner_name_sealed: null, petitioner_contact_sealed: null, lead_unit_id: unitIds[i % unitIds.length] ?? null, extension_days: null, extension_reason: null, extended_at: null,
        extension_request_days: null, extension_request_reason: null, extension_requested_at: null, extension_requested_by: null, paused_at: null,
        // A few flagged (one in 2,000) and, below, a few objected to by their unit (one in 5,000).
        flags: i % 2000 === 3 ? '["suspected_spam"]' : '[]',
      });
      // Every case carries a clock; the overdue ones were already recorded, except a hundred due now.
      const pastDue = due < new Date(now).toISOString();
      clocks.push({
        id: randomUUID(), case_id: id, subject: 'case', kind: 'accept', unit_id: null, due_at: due,
        done_at: open ? null : received, missed_at: open && pastDue && i >= 100 * stages.length ? due : null,
        escalate_at: null, escalated_at: null,
      });
      const unitId = unitIds[i % unitIds.length] ?? '';
      links.push({
        id: randomUUID(), case_id: id, unit_id: unitId, role: 'lead', notified_at: received, acknowledge_due_at: received, proposal_due_at: received, case_received_at: received,
        objected_at: open && i % 5000 === 11 ? received : null,
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('cases').values(rows).execute();
      await trx.insertInto('assignments').values(links).execute();
      await trx.insertInto('deadlines').values(clocks).execute();
    });
  }
}

async function main(): Promise<void> {
  const only = option('only', 'all');
  if (only === 'ratios' || only === 'all') {
    const pg = option('pg', url.startsWith('postgres') ? url : process.env.REDRESS_TEST_POSTGRES_URL ?? '');
    const seconds = Number(option('seconds', '3'));
    const repeats = Number(option('repeats', '3'));
    await benchRatios({ pg, seconds, repeats, redress: redressBinary(option('redress', '')), basePort: Number(option('port', '41500')) });
    if (only === 'ratios') return;
  }
  if (only === 'plans') {
    // The queue's plans alone, on the dashboard bench's million cases (seeded once, kept), no HTTP.
    // --stats none|full (SQLite): plan with no statistics, as a database nobody ANALYZEd, or with fresh ones.
    const dbUrl = option('dashboard-db', 'sqlite:./data/bench-dashboard.db');
    const stats = option('stats', 'keep');
    let store = await seededStore(dbUrl, Number(option('cases', '1000000')), option('dashboard-schema', ''));
    if (store.adapter.name === 'sqlite' && stats !== 'keep') {
      if (stats === 'full') await sql`analyze`.execute(store.db);
      else await sql`drop table if exists sqlite_stat1`.execute(store.db);
      // The planner reads the statistics when a connection opens.
      await store.close();
      store = await seededStore(dbUrl, Number(option('cases', '1000000')), option('dashboard-schema', ''));
    }
    process.stdout.write(`${store.adapter.name}, the queue's first pages with their plans, statistics: ${stats} (load: ${execFileSync('uptime').toString().trim()})\n`);
    const { worst } = await printQueuePlans(store.db, store.adapter, store.unitIds[0] ?? '', (line) => process.stdout.write(`${line}\n`), { runs: Number(option('runs', '5')) });
    process.stdout.write(`slowest first page: ${worst.toFixed(2)} ms (median)\n`);
    await store.close();
    return;
  }
  if (only === 'dashboard' || only === 'all') {
    // The dashboard and queue over HTTP at a million cases (kept between runs), and PostgreSQL intake.
    const pg = option('pg', url.startsWith('postgres') ? url : process.env.REDRESS_TEST_POSTGRES_URL ?? '');
    await benchDashboard({
      db: option('dashboard-db', 'sqlite:./data/bench-dashboard.db'),
      schema: option('dashboard-schema', ''),
      cases: Number(option('cases', '1000000')),
      pg,
      seconds: Number(option('seconds', '3')),
      redress: redressBinary(option('redress', '')),
      basePort: Number(option('dashboard-port', '41600')),
    });
    if (only === 'dashboard') return;
  }
  // --only queue: the queue's queries alone (no personal-data read bench, no ratios, no HTTP dashboard bench).
  if (only === 'audit' || only === 'all') {
    // The personal-data read bench needs PostgreSQL: --pg, or the --db URL when it is one.
    const pg = option('pg', url.startsWith('postgres') ? url : process.env.REDRESS_TEST_POSTGRES_URL ?? '');
    if (pg) await benchPersonalDataReads(pg);
    else process.stdout.write('(skipping the personal-data read bench: give --pg postgres://…)\n');
    benchSqliteSync();
    if (only === 'audit') return;
  }
  if (url.startsWith('sqlite:')) rmSync(url.slice('sqlite:'.length), { force: true });
  if (schema) {
    // A schema of its own, so a benchmark never touches another database's tables; kept for reruns.
    const admin = openStore(url);
    await sql`create schema if not exists ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
  }
  const store = openStore(url, schema ? { schema } : {});
  const { db, adapter } = store;
  await migrateToLatest(db, adapter, schema || undefined);
  const existing = Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const planId = randomUUID();
  const unitIds = Array.from({ length: 40 }, () => randomUUID());
  if (existing === 0) {
    await db.insertInto('plans').values({ id: planId, key: 'bench', version: 1, status: 'published', name: 'bench', document: '{}', created_at: new Date(now).toISOString(), created_by: null, published_at: null, published_by: null }).execute();
    await db.insertInto('units').values(unitIds.map((id, i) => ({ id, name: `Unit ${i}`, name_en: null, kind: 'township', parent_id: null, created_at: new Date(now).toISOString() }))).execute();
    const started = performance.now();
    await fill(db, unitIds, planId);
    process.stdout.write(`filled ${total} cases on ${adapter.name} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    await sql`analyze`.execute(db);
  }
  const someUnit = (await db.selectFrom('units').select('id').limit(1).executeTakeFirstOrThrow()).id;
  const nowIso = new Date(now).toISOString();
  const ago = (days: number) => new Date(now - days * day).toISOString();
  const all = { all: true } as const;
  const base = { now: nowIso, limit: 51 };
  // A later page: where each order's cursor stands after a few hundred cases.
  const laterPage: Record<QueueOrder, (string | number)[]> = {
    newest: [ago(30), 'ffffffff'],
    oldest: [ago(970), '00000000'],
    deadline: [ago(9), ago(500), 'ffffffff'],
    urgency: [2, ago(600), 'ffffffff'],
  };
  const scenarios: [string, ListCasesProps][] = [];
  for (const order of queueOrders) {
    scenarios.push(
      [`${order}: first page (coordinator)`, { ...base, scope: all, filters: {}, order, after: null }],
      [`${order}: later page via cursor`, { ...base, scope: all, filters: {}, order, after: { order, key: laterPage[order] } }],
      [`${order}: stage = decision`, { ...base, scope: all, filters: { stage: 'decision' }, order, after: null }],
      [`${order}: unit officer`, { ...base, scope: { all: false, unitId: someUnit }, filters: {}, order, after: null }],
      [`${order}: overdue open cases`, { ...base, scope: all, filters: { overdue: true }, order, after: null }],
    );
  }
  // A reference from the middle of the table, typed as people type it.
  const known = await db.selectFrom('cases').select('reference').orderBy('id').offset(Math.floor(total / 2)).limit(1).executeTakeFirstOrThrow();
  const [year, first, second] = known.reference.split('-') as [string, string, string];
  const fragments = [
    `${year}-${first}`,
    `${first}-${second}`.toLowerCase(),
    `${first}${second}`.toLowerCase(),
    second.toLowerCase(),
    // Fragments across the dashes (migration 017): from inside the first group, and from inside the year.
    `${first.slice(2)}-${second.slice(0, 2)}`,
    `${first.slice(1)}${second.slice(0, 1)}`.toLowerCase(),
    `${year.slice(2)}-${first}`,
  ];
  for (const q of fragments) {
    scenarios.push([`reference "${q}"`, { ...base, scope: all, filters: { q }, after: null }]);
  }
  // A week's bar on the dashboard opens the queue of the cases received, or closed, in it.
  const week = { receivedFrom: ago(14), receivedTo: ago(7) };
  const closedWeek = { closedFrom: ago(14), closedTo: ago(7) };
  scenarios.push(
    ['newest: received in one week', { ...base, scope: all, filters: week, order: 'newest', after: null }],
    ['deadline: received in one week', { ...base, scope: all, filters: week, order: 'deadline', after: null }],
    ['newest: received in one week, unit', { ...base, scope: { all: false, unitId: someUnit }, filters: week, order: 'newest', after: null }],
    ['newest: closed in one week', { ...base, scope: all, filters: closedWeek, order: 'newest', after: null }],
    ['deadline: closed in one week', { ...base, scope: all, filters: closedWeek, order: 'deadline', after: null }],
  );
  for (const order of ['newest', 'deadline'] as const) {
    scenarios.push(
      [`${order}: open objections`, { ...base, scope: all, filters: { objection: true }, order, after: null }],
      [`${order}: flag suspected_spam`, { ...base, scope: all, filters: { flag: 'suspected_spam' }, order, after: null }],
    );
  }
  process.stdout.write(`${adapter.name}, ${total} cases; each query run 20 times, then its plan\n`);
  for (const [name, props] of scenarios) {
    const runs = 20;
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      found = (await listCases(db, adapter, props)).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(runs / 2)] ?? 0;
    const p95 = times[Math.floor(runs * 0.95)] ?? 0;
    process.stdout.write(`${name.padEnd(40)} median ${median.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms  (${found} rows)\n`);
    const compiled = listCasesQuery(db, adapter, props).compile();
    process.stdout.write(`    ${await explain(db, adapter, compiled)}\n`);
  }
  const ctx: Context = {
    db,
    adapter,
    now: () => nowIso,
    newId: randomUUID,
    timeZone: 'Asia/Shanghai',
    calendar: calendarSource(emptyCalendar),
    sealer: createSealer(randomBytes(32)),
    changes: createChangeFeed(),
    channels: { email: false },
  };
  const admin = { id: 'bench', role: 'admin' as const, unitId: null };
  await time('dashboard stats', 10, () => stats(ctx, { actor: admin }));
  const due = await db
    .selectFrom('deadlines')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('done_at', 'is', null)
    .where('missed_at', 'is', null)
    .where('due_at', '<', nowIso)
    .executeTakeFirstOrThrow();
  const started = performance.now();
  const scanned = await scanDeadlines(ctx);
  process.stdout.write(`deadline scanner: ${scanned.missed} clocks due (${Number(due.n)} expected) among ${total} cases in ${(performance.now() - started).toFixed(1)} ms\n`);
  await time('deadline scanner, nothing due', 10, () => scanDeadlines(ctx));
  await store.close();
}

async function time(name: string, runs: number, work: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`${name.padEnd(34)} median ${(times[Math.floor(runs / 2)] ?? 0).toFixed(2)} ms  max ${(times[runs - 1] ?? 0).toFixed(2)} ms\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
