/**
 * Audit-log and durability benchmarks:
 *   npm run bench -- --only audit [--pg postgres://…]
 * 1. 32 concurrent reads of a case with personal data (each writes an audit entry in its own
 *    transaction) against reads of a case without, on PostgreSQL: the ratio shows no hot row.
 * 2. SQLite commits with synchronous = FULL against NORMAL.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { createChangeFeed } from '../src/context/change-feed.js';
import { calendarSource, type Context } from '../src/context/context.js';
import { getCase } from '../src/commands/get-case.js';
import { openCase } from '../src/commands/open-case.js';
import { ensureBuiltinPlan } from '../src/commands/setup.js';
import { emptyCalendar } from '../src/core/calendar.js';
import type { Actor } from '../src/core/types.js';
import { openStore } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { sealAuditLog } from '../src/jobs/audit-sequencer.js';
import { createSealer } from '../src/security/sealer.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

async function concurrentReads(ctx: Context, actor: Actor, caseId: string, concurrency: number, rounds: number): Promise<number> {
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    await Promise.all(Array.from({ length: concurrency }, () => getCase(ctx, { actor, caseId })));
  }
  return (concurrency * rounds) / ((performance.now() - started) / 1000);
}

/** Reads per second of a case with and without personal data, 32 at a time, on PostgreSQL. */
export async function benchPersonalDataReads(url: string): Promise<void> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = openStore(url);
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const store = openStore(url, { schema });
  try {
    await migrateToLatest(store.db, store.adapter, schema);
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
    const actor: Actor = { id: 'bench-coordinator', role: 'coordinator', unitId: null };
    await store.db.insertInto('users').values({ id: actor.id, email: 'bench@county.test', name: 'Bench', role: 'coordinator', unit_id: null, password_hash: 'x', created_at: ctx.now(), disabled_at: null } as never).execute();
    const base = { actor, kind: 'individual' as const, channel: 'letter' as const, category: 'wage-arrears', title: 'Bench', description: 'Bench.' };
    const withData = await openCase(ctx, { ...base, petitioner: { name: '张三', contact: '13800000000' } });
    const without = await openCase(ctx, base);
    const concurrency = 32;
    const rounds = 40;
    // Warm both paths, then alternate so neither is favoured by what runs beside it.
    await concurrentReads(ctx, actor, without.id, concurrency, 5);
    await concurrentReads(ctx, actor, withData.id, concurrency, 5);
    const plain: number[] = [];
    const personal: number[] = [];
    for (let trial = 0; trial < 3; trial += 1) {
      plain.push(await concurrentReads(ctx, actor, without.id, concurrency, rounds));
      personal.push(await concurrentReads(ctx, actor, withData.id, concurrency, rounds));
    }
    const best = (values: number[]) => Math.max(...values);
    print(`case read, 32 concurrent, no personal data:   ${best(plain).toFixed(0)} reads/s`);
    print(`case read, 32 concurrent, with personal data: ${best(personal).toFixed(0)} reads/s (each writes an audit entry)`);
    print(`ratio with/without: ${(best(personal) / best(plain)).toFixed(2)} (needs >= 0.80)`);
    const sealed = performance.now();
    const result = await sealAuditLog({ db: store.db, adapter: store.adapter, now: ctx.now, key: null, checkpointEverySeconds: 0 });
    print(`sequencer chained ${result.chained.audit} audit entries and ${result.chained.events} events in ${(performance.now() - sealed).toFixed(0)} ms`);
  } finally {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
    await store.close();
  }
}

/** Small committed transactions per second on SQLite with synchronous = FULL and NORMAL (WAL). */
export function benchSqliteSync(): void {
  const folder = mkdtempSync(join(tmpdir(), 'redress-sync-'));
  const rates: Record<string, number> = {};
  for (const mode of ['NORMAL', 'FULL']) {
    const file = join(folder, `${mode}.db`);
    const database = new SQLite(file);
    database.pragma('journal_mode = WAL');
    database.pragma(`synchronous = ${mode}`);
    database.exec('create table t (id integer primary key, at text, detail text)');
    const insert = database.prepare('insert into t (at, detail) values (?, ?)');
    const commits = 2000;
    const started = performance.now();
    for (let i = 0; i < commits; i += 1) {
      database.transaction(() => {
        insert.run(new Date().toISOString(), '{"representatives":5}');
        insert.run(new Date().toISOString(), '{}');
      })();
    }
    rates[mode] = commits / ((performance.now() - started) / 1000);
    database.close();
    print(`SQLite WAL, synchronous = ${mode.padEnd(6)}: ${(rates[mode] ?? 0).toFixed(0)} commits/s (${(1000 / (rates[mode] ?? 1)).toFixed(3)} ms each)`);
  }
  print(`synchronous = FULL runs at ${(((rates.FULL ?? 0) / (rates.NORMAL ?? 1)) * 100).toFixed(0)}% of NORMAL's commit rate`);
  rmSync(folder, { recursive: true, force: true });
}
