import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { stats, statsWeeks, type Stats } from '../commands/stats.js';
import { openStages, urgencies, type Stage } from '../core/types.js';
import { caseReference } from '../core/reference.js';
import { databaseKinds } from '../../test/databases.js';
import { testContext } from '../../test/world.js';
import { openStore, type Store } from './connect.js';
import { migrateToLatest } from './migrate.js';
import type { CasesTable, Database } from './schema.js';
import { foldTallies } from './tallies.js';

const postgresUrl = process.env.REDRESS_TEST_POSTGRES_URL ?? '';
const now = '2026-11-20T10:30:00.000Z';
const hour = 3_600_000;
const admin = { id: 'admin', role: 'admin' as const, unitId: null };

interface Fixture extends Store {
  schema?: string;
  planId: string;
  units: string[];
  dispose(): Promise<void>;
}

/** A database migrated up to (not including) `before`, with a plan and three units. */
async function openFixture(kind: 'sqlite' | 'postgres', before?: string): Promise<Fixture> {
  let store: Store;
  let schema: string | undefined;
  if (kind === 'sqlite') store = openStore('sqlite::memory:');
  else {
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = openStore(postgresUrl);
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.close();
    store = openStore(postgresUrl, { schema });
  }
  await migrateToLatest(store.db, store.adapter, schema, before);
  const planId = randomUUID();
  await store.db.insertInto('plans').values({ id: planId, key: 'p', version: 1, status: 'published', name: 'p', document: '{}', created_at: now, created_by: null, published_at: now, published_by: null }).execute();
  const units = [randomUUID(), randomUUID(), randomUUID()];
  await store.db.insertInto('units').values(units.map((id, i) => ({ id, name: `Unit ${i}`, name_en: null, kind: 'township', parent_id: null, created_at: now }))).execute();
  return {
    ...store,
    ...(schema ? { schema } : {}),
    planId,
    units,
    dispose: async () => {
      if (schema) await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}

const stagesCycle: Stage[] = ['prevention', 'reception', 'decision', 'resolution', 'review', 'closed', 'not_accepted'];

/** Cases across stages, urgencies, categories and units, received over 14 weeks, due around now. */
function fixtureCases(fixture: Fixture, count: number, seed = 0): CasesTable[] {
  return Array.from({ length: count }, (_, n) => {
    const i = n + seed;
    const stage = stagesCycle[i % stagesCycle.length] ?? 'closed';
    const open = openStages.includes(stage);
    const received = new Date(Date.parse(now) - (i * 37 % (14 * 7 * 24)) * hour).toISOString();
    // Due from 50 hours ago to 30 hours ahead, a few earlier this hour (10:00–10:30).
    const due = i % 9 === 0 ? '2026-11-20T10:05:00.000Z' : new Date(Date.parse(now) + ((i * 13) % 80 - 50) * hour).toISOString();
    return {
      id: randomUUID(), reference: caseReference(2026, randomBytes(8)), plan_id: fixture.planId, kind: 'individual', channel: 'letter',
      urgency: urgencies[i % 3] ?? 'normal', category: ['housing', 'wage-arrears'][i % 2] ?? 'housing', title: `Case ${i}`, description: '.',
      location: null, headcount: 1, stage, stage_changed_at: received, not_accepted_reason: null, receive_together: 0,
      received_at: received, created_at: received, created_by: null, updated_at: received, accept_due_at: due, accepted_at: null,
      conclude_due_at: null, concluded_at: null, review_request_due_at: null, review_count: 0, review_started_at: null,
      review_due_at: null, review_concluded_at: null, next_due_at: open && i % 11 !== 0 ? due : null,
      closed_at: open ? null : new Date(Date.parse(received) + 30 * hour).toISOString(),
      petitioner_name_sealed: null, petitioner_contact_sealed: null, lead_unit_id: i % 4 === 3 ? null : (fixture.units[i % 3] ?? null),
      extension_days: null, extension_reason: null, extended_at: null, flags: '[]',
      extension_request_days: null, extension_request_reason: null, extension_requested_at: null, extension_requested_by: null, paused_at: null,
    };
  });
}

/** The dashboard's figures counted the slow way, from the cases themselves: what the tallies must equal. */
async function countedFromCases(db: Kysely<Database>, timeZone: string): Promise<Omit<Stats, 'generatedAt' | 'open' | 'overdue'> & { open: unknown; overdue: unknown }> {
  const rows = await db.selectFrom('cases').select(['stage', 'urgency', 'category', 'lead_unit_id', 'next_due_at', 'received_at', 'closed_at', 'supervision']).execute();
  const open = rows.filter((row) => openStages.includes(row.stage as never));
  const tally = (key: (row: (typeof rows)[number]) => string, of = open) => {
    const counts: Record<string, number> = {};
    for (const row of of) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
    return counts;
  };
  const byUnit = (counts: Record<string, number>) =>
    Object.entries(counts).filter(([unitId]) => unitId !== '').map(([unitId, count]) => ({ unitId, count })).sort((a, b) => b.count - a.count || a.unitId.localeCompare(b.unitId));
  const overdue = open.filter((row) => row.next_due_at !== null && Date.parse(row.next_due_at) < Date.parse(now));
  const firstWeek = DateTime.fromISO(now, { zone: 'utc' }).setZone(timeZone).startOf('week').minus({ weeks: statsWeeks - 1 });
  const weekOf = (time: string | null) => (time === null ? -1 : Math.floor(DateTime.fromISO(time).diff(firstWeek, 'weeks').weeks));
  const weekly = Array.from({ length: statsWeeks }, (_, week) => ({
    weekStart: firstWeek.plus({ weeks: week }).toISODate() ?? '',
    received: rows.filter((row) => weekOf(row.received_at) === week).length,
    closed: rows.filter((row) => weekOf(row.closed_at) === week).length,
    missed: 0,
  }));
  return {
    open: {
      total: open.length,
      byStage: tally((row) => row.stage),
      byUrgency: tally((row) => row.urgency),
      byUnit: byUnit(tally((row) => row.lead_unit_id ?? '')),
      byCategory: Object.entries(tally((row) => row.category)).map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    },
    overdue: { total: overdue.length, byUnit: byUnit(tally((row) => row.lead_unit_id ?? '', overdue)) },
    supervised: { total: rows.filter((row) => row.supervision != null).length, listed: rows.filter((row) => row.supervision === 'listed').length },
    weekly,
  };
}

/** The dashboard as served, in the same order as countedFromCases (ties broken by key). */
async function dashboard(store: Store): Promise<unknown> {
  const served = await stats(testContext(store, () => now), { actor: admin });
  const units = (list: { unitId: string; count: number }[]) => list.map(({ unitId, count }) => ({ unitId, count })).sort((a, b) => b.count - a.count || a.unitId.localeCompare(b.unitId));
  return {
    open: { ...served.open, byUnit: units(served.open.byUnit), byCategory: [...served.open.byCategory].sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)) },
    overdue: { total: served.overdue.total, byUnit: units(served.overdue.byUnit) },
    supervised: served.supervised,
    weekly: served.weekly,
  };
}

/** Moves, closes, reopens and re-dates some cases, as the commands' updates would (no code deletes a case). */
async function churn(db: Kysely<Database>, ids: string[], units: string[]): Promise<void> {
  for (const [index, id] of ids.entries()) {
    if (index % 5 === 0) await db.updateTable('cases').set({ stage: 'decision', urgency: 'major' }).where('id', '=', id).execute();
    else if (index % 5 === 1) await db.updateTable('cases').set({ stage: 'closed', closed_at: now, next_due_at: null }).where('id', '=', id).execute();
    else if (index % 5 === 2) await db.updateTable('cases').set({ stage: 'review', closed_at: null, next_due_at: '2026-11-19T01:00:00.000Z' }).where('id', '=', id).execute();
    else if (index % 5 === 3) await db.updateTable('cases').set({ lead_unit_id: units[index % units.length] ?? null, next_due_at: '2026-11-21T00:00:00.000Z' }).where('id', '=', id).execute();
    else await db.updateTable('cases').set({ stage: 'reception', closed_at: null, next_due_at: '2026-11-20T10:10:00.000Z' }).where('id', '=', id).execute();
  }
}

describe.each(databaseKinds)('dashboard tallies on %s', (kind) => {
  let fixture: Fixture | null = null;
  afterEach(async () => {
    await fixture?.dispose();
    fixture = null;
  });

  it('shows the same figures before and after the tallies are sharded (migration 015), after more writes, and after folding', async () => {
    fixture = await openFixture(kind);
    const cases = fixtureCases(fixture, 300);
    await fixture.db.insertInto('cases').values(cases).execute();
    const before = await countedFromCases(fixture.db, 'Asia/Shanghai');
    // The fixture reaches every figure: several stages, overdue cases, flow in several weeks.
    expect(Object.keys(before.open as object).length).toBeGreaterThan(0);
    expect((before.overdue as { total: number }).total).toBeGreaterThan(20);
    expect(before.weekly.filter((week) => week.received > 0 && week.closed > 0).length).toBeGreaterThan(5);

    await migrateToLatest(fixture.db, fixture.adapter, fixture.schema);
    expect(await dashboard(fixture)).toEqual(before);

    // More writes; on PostgreSQL from a second pool too, so the counts lie in several shards.
    const other = fixture.adapter.name === 'postgres' ? openStore(postgresUrl, { schema: fixture.schema ?? '' }) : null;
    try {
      const more = fixtureCases(fixture, 120, 1000);
      await fixture.db.insertInto('cases').values(more.slice(0, 60)).execute();
      await (other?.db ?? fixture.db).insertInto('cases').values(more.slice(60)).execute();
      await churn(fixture.db, cases.slice(0, 40).map((row) => row.id), fixture.units);
      await churn(other?.db ?? fixture.db, more.slice(0, 60).map((row) => row.id), fixture.units);
    } finally {
      await other?.close();
    }
    const after = await countedFromCases(fixture.db, 'Asia/Shanghai');
    expect(after).not.toEqual(before);
    expect(await dashboard(fixture)).toEqual(after);
    if (fixture.adapter.name === 'postgres') {
      const shards = await fixture.db.selectFrom('case_tallies').select('shard').distinct().where('shard', '<>', 0).execute();
      expect(shards.length).toBeGreaterThanOrEqual(1);
    }

    await foldTallies(fixture.db, fixture.adapter, now);
    expect(await dashboard(fixture)).toEqual(after);
    for (const table of ['case_tallies', 'case_flow', 'case_due_tallies'] as const) {
      const unfolded = await fixture.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('shard', '<>', 0).executeTakeFirstOrThrow();
      expect(Number(unfolded.n), table).toBe(0);
    }
    // Due hours before the last one are one row per unit now.
    const pastRows = await fixture.db.selectFrom('case_due_tallies').select('due_hour').where('due_hour', '<', '2026-11-20T09').execute();
    expect(new Set(pastRows.map((row) => row.due_hour))).toEqual(new Set(['0000-00-00T00']));
    // A case due in a folded hour that moves still comes off the count.
    const overdueCase = await fixture.db
      .selectFrom('cases')
      .select('id')
      .where('stage', 'in', [...openStages])
      .where('next_due_at', '<', '2026-11-20T00:00:00.000Z')
      .executeTakeFirstOrThrow();
    await fixture.db.updateTable('cases').set({ next_due_at: '2026-12-20T00:00:00.000Z' }).where('id', '=', overdueCase.id).execute();
    expect(await dashboard(fixture)).toEqual(await countedFromCases(fixture.db, 'Asia/Shanghai'));
    // Two migrations' worth of schema and a few hundred writes one by one: slow on a loaded machine.
  }, 120_000);

  it.skipIf(kind !== 'postgres')('lets two intakes run at once: the second does not wait for the first to commit', async () => {
    fixture = await openFixture(kind);
    const [first, second] = fixtureCases(fixture, 2).map((row) => ({ ...row, stage: 'reception' as const, urgency: 'normal' as const, category: 'housing', lead_unit_id: fixture?.units[0] ?? null, received_at: now, closed_at: null, next_due_at: '2026-11-21T00:00:00.000Z' }));
    const options = `-c search_path=${fixture.schema ?? ''}`;
    const a = new pg.Client({ connectionString: postgresUrl, options });
    const b = new pg.Client({ connectionString: postgresUrl, options });
    await a.connect();
    await b.connect();
    const insert = (client: pg.Client, row: CasesTable | undefined) => {
      const compiled = fixture?.db.insertInto('cases').values(row as CasesTable).compile();
      return client.query(compiled?.sql ?? '', [...(compiled?.parameters ?? [])]);
    };
    try {
      await a.query('begin');
      await insert(a, first);
      // The same stage, urgency, category, unit, hour and due hour: under the old tallies the second
      // insert waited on the row the first had locked, and here would fail on the lock timeout.
      await b.query("set lock_timeout = '2s'");
      await b.query('begin');
      await insert(b, second);
      await b.query('commit');
      await a.query('commit');
    } finally {
      await a.end();
      await b.end();
    }
    const served = await stats(testContext(fixture, () => now), { actor: admin });
    expect(served.open.byStage).toEqual({ reception: 2 });
    expect(served.weekly.at(-1)?.received).toBe(2);
  });
});
