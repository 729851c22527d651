import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { forbidden } from '../core/errors.js';
import { can } from '../core/policy.js';
import { openStages, type Actor } from '../core/types.js';
import { hourKey } from '../db/tallies.js';
import { noDeadline } from '../db/repositories/cases.js';
import type { ChangeFeed } from '../context/change-feed.js';
import { reportReads, type Context } from '../context/context.js';

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
  supervised: { total: number; listed: number };
  weekly: { weekStart: string; received: number; closed: number; missed: number }[];
}

export const statsWeeks = 12;

// Literal stage names let the planner use the partial indexes on open cases.
const openLiterals = () => openStages.map((stage) => sql.lit(stage));

/** When the clock of a `deadline.missed` (or `deadline.voided`) event was due, from its data. */
function dueOf(data: string): string | null {
  try {
    const dueAt = (JSON.parse(data) as { dueAt?: unknown }).dueAt;
    return typeof dueAt === 'string' ? new Date(dueAt).toISOString() : null;
  } catch {
    return null;
  }
}

/**
 * Counts for the dashboard: open cases by stage, urgency, lead unit and category; overdue; weekly
 * flow. Open, overdue and weekly counts come from the trigger-kept tallies (db/tallies.ts), misses
 * from a range of the timeline, so none of them scans the case table or grows with the backlog.
 */
export async function stats(ctx: Context, props: { actor: Actor }): Promise<Stats> {
  checkReader(props.actor);
  return computeStats(ctx);
}

function checkReader(actor: Actor): void {
  if (!can(actor, 'report.read')) throw forbidden('Statistics are for the petition office, leaders, auditors and admins.');
}

/** How long one computation of the counts serves every dashboard, unless a case changes first. */
export const statsFreshForMs = 1000;

/**
 * The dashboard's counts as a server shares them: computed once and served to every reader until a
 * case changes (the change feed; on PostgreSQL it carries other servers' changes too) or a second
 * has passed on the context's clock, so that a hundred dashboards refreshing on each live change
 * cost one computation, and readers arriving while it runs wait for that one. What changes with
 * no case event (a unit renamed, a clock passing its due time) shows within the second.
 */
export function sharedStats(changes: ChangeFeed): { stats: (ctx: Context, props: { actor: Actor }) => Promise<Stats>; close: () => void } {
  let generation = 0;
  let kept: { at: number; generation: number; counts: Promise<Stats> } | null = null;
  const close = changes.subscribe(() => {
    generation += 1;
  });
  return {
    close,
    stats: (ctx, props) => {
      checkReader(props.actor);
      const at = Date.parse(ctx.now());
      if (kept && kept.generation === generation && at >= kept.at && at - kept.at < statsFreshForMs) return kept.counts;
      const computing = { at, generation, counts: computeStats(ctx) };
      kept = computing;
      // A failed computation is not kept: the next reader tries again.
      computing.counts.catch(() => {
        if (kept === computing) kept = null;
      });
      return computing.counts;
    },
  };
}

async function computeStats(ctx: Context): Promise<Stats> {
  const now = ctx.now();
  const db = reportReads(ctx);
  // Each key's shards summed (a key may count +1 in one backend's shard and −1 in another's).
  const tallies = await db
    .selectFrom('case_tallies')
    .select(['stage', 'urgency', 'category', 'lead_unit_id', (eb) => eb.fn.sum<number>('count').as('count')])
    .where('stage', 'in', openLiterals())
    .groupBy(['stage', 'urgency', 'category', 'lead_unit_id'])
    .having((eb) => eb.fn.sum('count'), '>', 0)
    .execute();
  const sumBy = (key: (row: (typeof tallies)[number]) => string) => {
    const sums = new Map<string, number>();
    for (const row of tallies) sums.set(key(row), (sums.get(key(row)) ?? 0) + Number(row.count));
    return sums;
  };
  const unitNames = new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((unit) => [unit.id, unit.name]));
  const perUnit = (sums: Map<string, number>) =>
    [...sums]
      .filter(([unitId]) => unitId !== '')
      .map(([unitId, count]) => ({ unitId, unitName: unitNames.get(unitId) ?? '', count }))
      .sort((a, b) => b.count - a.count);
  // Overdue: open cases whose next deadline fell in an hour before this one, from the due-hour
  // tallies (hours long past folded into one row per unit), plus those due earlier this hour,
  // from the due index. Neither walks the overdue cases, however many there are.
  const thisHour = hourKey(now);
  const pastDue = await db
    .selectFrom('case_due_tallies')
    .select(['lead_unit_id', (eb) => eb.fn.sum<number>('count').as('count')])
    .where('due_hour', '<', thisHour)
    .groupBy('lead_unit_id')
    .execute();
  const dueKey = sql<string>`coalesce(${sql.ref('next_due_at')}, ${sql.lit(noDeadline)})`;
  const dueThisHour = await db
    .selectFrom('cases')
    .select(['lead_unit_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('stage', 'in', openLiterals())
    .where(dueKey, '>=', `${thisHour}:00:00.000Z`)
    .where(dueKey, '<', now)
    .groupBy('lead_unit_id')
    .execute();
  const overdueByUnit = new Map<string, number>();
  for (const row of [...pastDue, ...dueThisHour]) {
    const unitId = row.lead_unit_id ?? '';
    overdueByUnit.set(unitId, (overdueByUnit.get(unitId) ?? 0) + Number(row.count));
  }
  for (const [unitId, count] of overdueByUnit) if (count <= 0) overdueByUnit.delete(unitId);

  // Cases under supervision, from migration 032's partial index on them alone (few, whatever the backlog).
  const supervised = await db
    .selectFrom('cases')
    .select(['supervision', (eb) => eb.fn.countAll<number>().as('count')])
    .where('supervision', 'is not', null)
    .groupBy('supervision')
    .execute();
  const supervisedCount = (kind?: string) => supervised.filter((row) => kind === undefined || row.supervision === kind).reduce((sum, row) => sum + Number(row.count), 0);

  const local = DateTime.fromISO(now, { zone: 'utc' }).setZone(ctx.timeZone);
  const firstWeek = local.startOf('week').minus({ weeks: statsWeeks - 1 });
  const since = firstWeek.toUTC().toISO() ?? now;
  // Each week's start as a UTC instant, so an hour is placed in its local week by comparing numbers.
  const weeks = Array.from({ length: statsWeeks }, (_, week) => {
    const start = firstWeek.plus({ weeks: week });
    return { startsAt: start.toMillis(), row: { weekStart: start.toISODate() ?? '', received: 0, closed: 0, missed: 0 } };
  });
  const bucket = (hour: string) => {
    const at = Date.parse(`${hour}:00:00Z`);
    for (let index = weeks.length - 1; index >= 0; index -= 1) {
      const week = weeks[index];
      if (week && at >= week.startsAt) return week.row;
    }
    return null;
  };
  // Summed per week in SQL, not sent hour by hour (two thousand rows, most of a refresh's time):
  // an hour belongs to the last week whose first whole hour it is at or after.
  const firstHours = weeks.map((week) => hourKey(new Date(Math.ceil(week.startsAt / 3_600_000) * 3_600_000).toISOString()));
  const weekOf = sql<number>`case ${sql.join(
    firstHours.map((hour, index) => sql`when hour >= ${hour} then ${sql.lit(index)}`).reverse(),
    sql` `,
  )} end`;
  const flow = await db
    .selectFrom('case_flow')
    .select([weekOf.as('week'), (eb) => eb.fn.sum<number>('received').as('received'), (eb) => eb.fn.sum<number>('closed').as('closed')])
    .where('hour', '>=', firstHours[0] ?? hourKey(since))
    .groupBy(sql`1`)
    .execute();
  // Misses are charted by the week their clock ran out, not the week the scanner noticed: a miss
  // due in these weeks cannot be recorded before it was due, so `at >= since` finds every one.
  // A voided miss (the case had stopped the clock before it ran out) is taken back from its week.
  const misses = await db
    .selectFrom('events')
    .select(['type', 'data'])
    .where('type', 'in', ['deadline.missed', 'deadline.voided'])
    .where('at', '>=', since)
    .execute();
  for (const row of flow) {
    const week = weeks[Number(row.week)]?.row;
    if (!week) continue;
    week.received += Number(row.received);
    week.closed += Number(row.closed);
  }
  for (const row of misses) {
    const dueAt = dueOf(row.data);
    const week = dueAt && dueAt >= since ? bucket(dueAt.slice(0, 13)) : null;
    if (week) week.missed += row.type === 'deadline.missed' ? 1 : -1;
  }

  return {
    generatedAt: now,
    open: {
      total: tallies.reduce((sum, row) => sum + Number(row.count), 0),
      byStage: Object.fromEntries(sumBy((row) => row.stage)),
      byUrgency: Object.fromEntries(sumBy((row) => row.urgency)),
      byUnit: perUnit(sumBy((row) => row.lead_unit_id)),
      byCategory: [...sumBy((row) => row.category)].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count),
    },
    overdue: {
      total: [...overdueByUnit.values()].reduce((sum, count) => sum + count, 0),
      byUnit: perUnit(overdueByUnit),
    },
    supervised: { total: supervisedCount(), listed: supervisedCount('listed') },
    weekly: weeks.map((week) => week.row),
  };
}
