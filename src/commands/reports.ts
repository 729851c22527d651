import { accountability, figureNames, type FigureName, type ReportEvent } from '../core/accountability.js';
import { forbidden, invalid } from '../core/errors.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { reportReads, type Context } from '../context/context.js';

const reportEventTypes = [
  'case.opened',
  'assignment.notified',
  'assignment.rerouted',
  'assignment.acknowledged',
  'assignment.arrived',
  'assignment.proposed',
  'answer.given',
  'deadline.missed',
  'deadline.extended',
  // When a case came to rest, which stops its units' clocks (core/clock-stops.ts).
  'stage.changed',
  'deadline.voided',
  // The commitments ledger (core/commitments.ts): each commitment's owner, due time and settling.
  'commitment.added',
  'commitment.done',
  'commitment.dropped',
  // A case sent back to its unit for rework (commands/callbacks.ts).
  'case.rework',
];

export interface UnitReport {
  unitId: string;
  unitName: string;
  casesAssigned: number;
  acknowledgedLate: number;
  neverAcknowledged: number;
  arrivedLate: number;
  neverArrived: number;
  proposalsLate: number;
  casesOverdue: number;
  extensionsUsed: number;
  recordedByOffice: number;
  commitmentsKeptLate: number;
  commitmentsNotKept: number;
  reworks: number;
  reworksLate: number;
  medianMinutesToAcknowledge: number | null;
  p90MinutesToAcknowledge: number | null;
  medianMinutesToArrive: number | null;
  p90MinutesToArrive: number | null;
  medianDaysToConclude: number | null;
  p90DaysToConclude: number | null;
  cases: Record<FigureName, { id: string; reference: string }[]>;
}

export interface AccountabilityReport {
  from: string;
  to: string;
  generatedAt: string;
  units: UnitReport[];
}

// A date (2026-01-01) or an ISO 8601 time with a four-digit year: Date.parse also reads years
// such as +275760, which no database column can hold.
const isoDateOrTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function parseTime(field: string, value: string): string {
  const time = Date.parse(value);
  if (!isoDateOrTime.test(value) || Number.isNaN(time)) throw invalid(field, 'is not an ISO 8601 date or time, such as 2026-01-01 or 2026-01-01T00:00:00Z.');
  return new Date(time).toISOString();
}

/** A report's period from its query: `to` (default now) and `from` (default 30 days before it), each checked on its field. */
export function reportPeriod(ctx: Pick<Context, 'now'>, props: { from?: string | undefined; to?: string | undefined }): { from: string; to: string; now: string } {
  const now = ctx.now();
  const to = props.to ? parseTime('to', props.to) : now;
  const from = props.from ? parseTime('from', props.from) : new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
  if (from > to) throw invalid('from', 'the period starts after it ends; from must be before to.');
  return { from, to, now };
}

/** The accountability report for a period (default: the last 30 days), per unit, from the timelines. */
export async function accountabilityReport(
  ctx: Context,
  props: { actor: Actor; from?: string; to?: string; unitId?: string },
): Promise<AccountabilityReport> {
  if (!can(props.actor, 'report.read')) {
    throw forbidden('The accountability report is for the petition office, leaders, auditors and admins.');
  }
  const { from, to, now } = reportPeriod(ctx, props);

  const db = reportReads(ctx);
  const caseRows = await db
    .selectFrom('events')
    .select('case_id')
    .distinct()
    .where('type', 'in', reportEventTypes)
    .where('at', '>=', from)
    .where('at', '<', to)
    .execute();
  const caseIds = caseRows.map((row) => row.case_id);
  const events: ReportEvent[] = [];
  const references = new Map<string, string>();
  for (let start = 0; start < caseIds.length; start += 500) {
    const chunk = caseIds.slice(start, start + 500);
    const rows = await db
      .selectFrom('events')
      .select(['case_id', 'type', 'at', 'data'])
      .where('case_id', 'in', chunk)
      .where('type', 'in', reportEventTypes)
      // A miss voided later than the period still does not count in it: the void corrects the record.
      .where((eb) => eb.or([eb('at', '<', to), eb('type', '=', 'deadline.voided')]))
      .orderBy('id')
      .execute();
    for (const row of rows) events.push({ caseId: row.case_id, type: row.type, at: row.at, data: JSON.parse(row.data) as Record<string, unknown> });
    const refs = await db.selectFrom('cases').select(['id', 'reference']).where('id', 'in', chunk).execute();
    for (const ref of refs) references.set(ref.id, ref.reference);
  }
  const units = new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((row) => [row.id, row.name]));
  // Judge the clocks as of the end of the period: its events stop at `to`, so a clock still
  // running then is not "never" done merely because what happened next lies outside the period.
  const asOf = to < now ? to : now;
  const figures = accountability(events, { from, to }, asOf).filter((item) => !props.unitId || item.unitId === props.unitId);
  return {
    from,
    to,
    generatedAt: now,
    units: figures
      .map((item) => ({
        unitId: item.unitId,
        unitName: units.get(item.unitId) ?? item.unitId,
        ...item.counts,
        medianMinutesToAcknowledge: item.medianMinutesToAcknowledge,
        p90MinutesToAcknowledge: item.p90MinutesToAcknowledge,
        medianMinutesToArrive: item.medianMinutesToArrive,
        p90MinutesToArrive: item.p90MinutesToArrive,
        medianDaysToConclude: item.medianDaysToConclude,
        p90DaysToConclude: item.p90DaysToConclude,
        cases: Object.fromEntries(
          figureNames.map((name) => [name, item.cases[name].map((id) => ({ id, reference: references.get(id) ?? id }))]),
        ) as UnitReport['cases'],
      }))
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh')),
  };
}
