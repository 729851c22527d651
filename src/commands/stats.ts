import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { forbidden } from '../core/errors.js';
import { can } from '../core/policy.js';
import { openStages, type Actor } from '../core/types.js';
import type { Context } from './context.js';

export interface Stats {
  generatedAt: string;
  open: {
    total: number;
    byStage: Record<string, number>;
    byUrgency: Record<string, number>;
    byUnit: { unitId: string; unitName: string; count: number }[];
    byCategory: { category: string; count: number }[];
  };
  overdue: { total: number; byUnit: { unitId: string; unitName: string; count: number }[] };
  weekly: { weekStart: string; received: number; closed: number; missed: number }[];
}

export const statsWeeks = 12;

// Literal stage names let the planner use the partial indexes on open cases.
const openLiterals = () => openStages.map((stage) => sql.lit(stage));

/** Counts for the dashboard: open cases by stage, urgency, lead unit and category; overdue; weekly flow. */
export async function stats(ctx: Context, props: { actor: Actor }): Promise<Stats> {
  if (!can(props.actor, 'case.list') || props.actor.role === 'unit_officer') throw forbidden('Statistics are for the petition office, leaders, auditors and admins.');
  const now = ctx.now();
  const db = ctx.db;
  const countOpenBy = async (column: 'stage' | 'urgency' | 'category') =>
    db
      .selectFrom('cases')
      .select([column, (eb) => eb.fn.countAll<number>().as('count')])
      .where('stage', 'in', openLiterals())
      .groupBy(column)
      .execute();
  const byLeadUnit = (overdueOnly: boolean) => {
    let query = db
      .selectFrom('assignments')
      .innerJoin('cases', 'cases.id', 'assignments.case_id')
      .innerJoin('units', 'units.id', 'assignments.unit_id')
      .select(['assignments.unit_id as unitId', 'units.name as unitName', (eb) => eb.fn.countAll<number>().as('count')])
      .where('assignments.role', '=', 'lead')
      .where('assignments.released_at', 'is', null)
      .where('cases.stage', 'in', openLiterals());
    if (overdueOnly) query = query.where('cases.next_due_at', '<', now);
    return query.groupBy(['assignments.unit_id', 'units.name']).execute();
  };
  const [stages, urgencies, categories, units, overdueUnits, overdue] = await Promise.all([
    countOpenBy('stage'),
    countOpenBy('urgency'),
    countOpenBy('category'),
    byLeadUnit(false),
    byLeadUnit(true),
    db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('stage', 'in', openLiterals())
      .where('next_due_at', '<', now)
      .executeTakeFirstOrThrow(),
  ]);

  const local = DateTime.fromISO(now, { zone: 'utc' }).setZone(ctx.timeZone);
  const firstWeek = local.startOf('week').minus({ weeks: statsWeeks - 1 });
  const since = firstWeek.toUTC().toISO() ?? now;
  const weekly = new Map<string, { weekStart: string; received: number; closed: number; missed: number }>();
  for (let week = 0; week < statsWeeks; week += 1) {
    const start = firstWeek.plus({ weeks: week }).toISODate() ?? '';
    weekly.set(start, { weekStart: start, received: 0, closed: 0, missed: 0 });
  }
  const bucket = (hour: string) =>
    DateTime.fromISO(`${hour}:00:00Z`, { zone: 'utc' }).setZone(ctx.timeZone).startOf('week').toISODate() ?? '';
  const hourly = async (table: 'cases' | 'events', column: string, where: (query: ReturnType<typeof base>) => ReturnType<typeof base>) => {
    const rows = await where(base(table, column)).execute();
    return rows.map((row) => ({ week: bucket(String(row.hour)), count: Number(row.count) }));
  };
  function base(table: 'cases' | 'events', column: string) {
    return db
      .selectFrom(table)
      .select([ctx.adapter.hourOf(column).as('hour'), sql<number>`count(*)`.as('count')])
      .where(sql.ref(column), '>=', since)
      .groupBy(sql.ref('hour'));
  }
  const received = await hourly('cases', 'received_at', (query) => query);
  const closed = await hourly('cases', 'closed_at', (query) => query);
  const missed = await hourly('events', 'at', (query) => query.where(sql.ref('type'), '=', 'deadline.missed'));
  for (const [series, rows] of [['received', received], ['closed', closed], ['missed', missed]] as const) {
    for (const row of rows) {
      const target = weekly.get(row.week);
      if (target) target[series] += row.count;
    }
  }

  const record = (rows: { count: number | string }[], key: (row: never) => string) =>
    Object.fromEntries(rows.map((row) => [key(row as never), Number(row.count)]));
  return {
    generatedAt: now,
    open: {
      total: stages.reduce((sum, row) => sum + Number(row.count), 0),
      byStage: record(stages, (row: { stage: string }) => row.stage),
      byUrgency: record(urgencies, (row: { urgency: string }) => row.urgency),
      byUnit: units.map((row) => ({ unitId: row.unitId, unitName: row.unitName, count: Number(row.count) })).sort((a, b) => b.count - a.count),
      byCategory: categories.map((row) => ({ category: row.category, count: Number(row.count) })).sort((a, b) => b.count - a.count),
    },
    overdue: {
      total: Number(overdue.count),
      byUnit: overdueUnits.map((row) => ({ unitId: row.unitId, unitName: row.unitName, count: Number(row.count) })).sort((a, b) => b.count - a.count),
    },
    weekly: [...weekly.values()],
  };
}
