import { clocksIn } from './clock-stops.js';
import { commitmentKeeping } from './commitments.js';
import { stages, type Stage } from './types.js';

/**
 * Accountability, derived from the case timelines and never typed in: for each unit and period,
 * how it answered its notifications, arrivals, proposals and deadlines.
 */
export interface ReportEvent {
  caseId: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export interface Period {
  from: string;
  to: string;
}

export const figureNames = [
  'casesAssigned',
  'acknowledgedLate',
  'neverAcknowledged',
  'arrivedLate',
  'neverArrived',
  'proposalsLate',
  'casesOverdue',
  'extensionsUsed',
  /** Cases in which the office recorded the unit's acknowledgement, arrival or proposal for it. */
  'recordedByOffice',
  /** Cases with a commitment (承诺事项) due in the period and done after its due time. */
  'commitmentsKeptLate',
  /** Cases with a commitment due in the period not done by its end, or dropped after it was overdue (core/commitments.ts `commitmentKeeping`). */
  'commitmentsNotKept',
  /** Cases sent back to the unit for rework (发回重办) after an unsatisfied call-back or rating (core/callbacks.ts). */
  'reworks',
  /** Cases whose rework the unit reported late or not at all by its due time. */
  'reworksLate',
] as const;
export type FigureName = (typeof figureNames)[number];

export interface UnitAccountability {
  unitId: string;
  counts: Record<FigureName, number>;
  /** The cases behind each figure, so every number can be checked. */
  cases: Record<FigureName, string[]>;
  medianMinutesToAcknowledge: number | null;
  p90MinutesToAcknowledge: number | null;
  medianMinutesToArrive: number | null;
  p90MinutesToArrive: number | null;
  /** Calendar days from receipt to the first written answer, less the time a pause held the clock (lead units). */
  medianDaysToConclude: number | null;
  p90DaysToConclude: number | null;
}

interface AssignmentFacts {
  id: string;
  caseId: string;
  unitId: string;
  role: string;
  notifiedAt: string;
  acknowledgeDueAt: string | null;
  onSceneDueAt: string | null;
  proposalDueAt: string | null;
  acknowledgedAt: string | null;
  arrivedAt: string | null;
  proposedAt: string | null;
  releasedAt: string | null;
  /** When the case came to rest and stopped the unit's clocks for good (core/clock-stops.ts). */
  stoppedAt: string | null;
}

/** Nearest-rank percentile (p in 0–1) of the values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // The small allowance keeps floating-point error (0.07 × 100 = 7.000000000000001) from skipping a rank.
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[rank - 1] ?? null;
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
const str = (value: unknown) => (typeof value === 'string' ? value : null);
const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

const restsIn = (stage: unknown) => stages.includes(stage as Stage) && clocksIn[stage as Stage] === 'stop';

/**
 * Whether a clock ran out: done after it was due, or not done by `now` — unless it stopped first
 * (the unit was rerouted away, or the case came to rest) before it was due.
 */
function late(dueAt: string | null, doneAt: string | null, facts: AssignmentFacts, now: string): 'late' | 'never' | null {
  if (dueAt === null) return null;
  if (doneAt !== null) return doneAt > dueAt ? 'late' : null;
  for (const stop of [facts.releasedAt, facts.stoppedAt]) if (stop !== null && stop <= dueAt) return null;
  return now > dueAt ? 'never' : null;
}

/** Computes every unit's figures for a period from the timelines of the cases involved. */
export function accountability(events: readonly ReportEvent[], period: Period, now: string): UnitAccountability[] {
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const assignments = new Map<string, AssignmentFacts>();
  const leadOf = new Map<string, string>();
  const receivedAt = new Map<string, string>();
  const firstAnswerAt = new Map<string, string>();
  const pausedBeforeAnswer = new Map<string, number>();
  const units = new Map<string, UnitAccountability>();
  const commitments = new Map<string, { caseId: string; unitId: string; dueAt: string; doneAt: string | null; droppedAt: string | null }>();
  const unit = (unitId: string): UnitAccountability => {
    let found = units.get(unitId);
    if (!found) {
      found = {
        unitId,
        counts: Object.fromEntries(figureNames.map((name) => [name, 0])) as Record<FigureName, number>,
        cases: Object.fromEntries(figureNames.map((name) => [name, [] as string[]])) as Record<FigureName, string[]>,
        medianMinutesToAcknowledge: null,
        p90MinutesToAcknowledge: null,
        medianMinutesToArrive: null,
        p90MinutesToArrive: null,
        medianDaysToConclude: null,
        p90DaysToConclude: null,
      };
      units.set(unitId, found);
    }
    return found;
  };
  const count = (unitId: string, figure: FigureName, caseId: string) => {
    const target = unit(unitId);
    // Each figure counts cases, so a number always equals the cases it links to (a case whose
    // clock is missed again after an extension is still one case overdue).
    if (target.cases[figure].includes(caseId)) return;
    target.cases[figure].push(caseId);
    target.counts[figure] += 1;
  };
  const inPeriod = (at: string) => at >= period.from && at < period.to;
  // Misses voided afterwards (the case had stopped the clock before it ran out) are left out.
  const voided = new Set(
    sorted.filter((event) => event.type === 'deadline.voided').map((event) => `${str(event.data.deadlineId)}|${str(event.data.missedAt)}`),
  );

  for (const event of sorted) {
    const data = event.data;
    const assignmentId = str(data.assignmentId);
    if (event.type === 'case.opened') receivedAt.set(event.caseId, str(data.receivedAt) ?? event.at);
    // The written answer stops the units' clocks as coming to rest does (answerStops in clock-stops.ts).
    if ((event.type === 'stage.changed' && restsIn(data.to)) || event.type === 'answer.given') {
      for (const facts of assignments.values()) {
        if (facts.caseId === event.caseId && facts.stoppedAt === null && facts.releasedAt === null) facts.stoppedAt = event.at;
      }
    }
    if (event.type === 'assignment.rerouted') {
      const from = assignments.get(str(data.fromAssignmentId) ?? '');
      if (from) from.releasedAt = event.at;
    }
    if ((event.type === 'assignment.notified' || event.type === 'assignment.rerouted') && assignmentId) {
      const facts: AssignmentFacts = {
        id: assignmentId,
        caseId: event.caseId,
        unitId: str(data.unitId) ?? '',
        role: str(data.role) ?? 'assisting',
        notifiedAt: event.at,
        acknowledgeDueAt: str(data.acknowledgeDueAt),
        onSceneDueAt: str(data.onSceneDueAt),
        proposalDueAt: str(data.proposalDueAt),
        acknowledgedAt: null,
        arrivedAt: null,
        proposedAt: null,
        releasedAt: null,
        stoppedAt: null,
      };
      assignments.set(assignmentId, facts);
      if (facts.role === 'lead') leadOf.set(event.caseId, facts.unitId);
    }
    const facts = assignmentId ? assignments.get(assignmentId) : undefined;
    if (facts && ['assignment.acknowledged', 'assignment.arrived', 'assignment.proposed'].includes(event.type)) {
      // Arriving or proposing counts as acknowledging, as the commands record it; an arrival the
      // office records afterwards carries the time the unit really arrived.
      const at = (event.type === 'assignment.arrived' ? str(data.arrivedAt) : null) ?? event.at;
      facts.acknowledgedAt ??= at;
      if (event.type === 'assignment.arrived') facts.arrivedAt ??= at;
      if (event.type === 'assignment.proposed') facts.proposedAt ??= event.at;
      if (data.onBehalf === true && inPeriod(event.at)) count(facts.unitId, 'recordedByOffice', event.caseId);
    }
    // Time a pause (hearing, assessment, mediation) held the clock is not time taken to conclude.
    if (event.type === 'pause.ended' && !firstAnswerAt.has(event.caseId)) {
      pausedBeforeAnswer.set(event.caseId, (pausedBeforeAnswer.get(event.caseId) ?? 0) + (Number(data.pausedMs) || 0));
    }
    if (event.type === 'answer.given' && !firstAnswerAt.has(event.caseId)) firstAnswerAt.set(event.caseId, event.at);
    if (event.type === 'deadline.missed' && data.subject === 'case' && inPeriod(event.at) && !voided.has(`${str(data.deadlineId)}|${event.at}`)) {
      const unitId = str(data.unitId);
      if (unitId) count(unitId, 'casesOverdue', event.caseId);
    }
    const commitment = commitments.get(str(data.commitmentId) ?? '');
    if (event.type === 'commitment.added') {
      const unitId = str(data.unitId);
      const dueAt = str(data.dueAt);
      if (unitId && dueAt) commitments.set(str(data.commitmentId) ?? '', { caseId: event.caseId, unitId, dueAt, doneAt: null, droppedAt: null });
    }
    if (commitment && event.type === 'commitment.done') commitment.doneAt ??= event.at;
    if (commitment && event.type === 'commitment.dropped') commitment.droppedAt ??= event.at;
    if (event.type === 'case.rework' && inPeriod(event.at)) {
      const unitId = str(data.unitId);
      if (unitId) count(unitId, 'reworks', event.caseId);
    }
    if (event.type === 'deadline.missed' && data.kind === 'rework' && inPeriod(event.at)) {
      const unitId = str(data.unitId);
      if (unitId) count(unitId, 'reworksLate', event.caseId);
    }
    if (event.type === 'deadline.extended' && inPeriod(event.at)) {
      const lead = leadOf.get(event.caseId);
      if (lead) count(lead, 'extensionsUsed', event.caseId);
    }
  }

  // A commitment counts in the period it falls due in, judged as of `now` (the end of the period).
  for (const item of commitments.values()) {
    if (!inPeriod(item.dueAt)) continue;
    const keeping = commitmentKeeping(item, now);
    if (keeping === 'late') count(item.unitId, 'commitmentsKeptLate', item.caseId);
    if (keeping === 'not_kept') count(item.unitId, 'commitmentsNotKept', item.caseId);
  }

  const toAcknowledge = new Map<string, number[]>();
  const toArrive = new Map<string, number[]>();
  const toConclude = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, value: number) => map.set(key, [...(map.get(key) ?? []), value]);

  for (const facts of assignments.values()) {
    if (!inPeriod(facts.notifiedAt) || facts.unitId === '') continue;
    count(facts.unitId, 'casesAssigned', facts.caseId);
    const acknowledged = late(facts.acknowledgeDueAt, facts.acknowledgedAt, facts, now);
    if (acknowledged === 'late') count(facts.unitId, 'acknowledgedLate', facts.caseId);
    if (acknowledged === 'never') count(facts.unitId, 'neverAcknowledged', facts.caseId);
    const arrived = late(facts.onSceneDueAt, facts.arrivedAt, facts, now);
    if (arrived === 'late') count(facts.unitId, 'arrivedLate', facts.caseId);
    if (arrived === 'never') count(facts.unitId, 'neverArrived', facts.caseId);
    if (late(facts.proposalDueAt, facts.proposedAt, facts, now) !== null) count(facts.unitId, 'proposalsLate', facts.caseId);
    if (facts.acknowledgedAt) push(toAcknowledge, facts.unitId, minutesBetween(facts.notifiedAt, facts.acknowledgedAt));
    if (facts.arrivedAt) push(toArrive, facts.unitId, minutesBetween(facts.notifiedAt, facts.arrivedAt));
    const answered = firstAnswerAt.get(facts.caseId);
    const received = receivedAt.get(facts.caseId);
    if (facts.role === 'lead' && facts.releasedAt === null && answered && received) {
      const paused = (pausedBeforeAnswer.get(facts.caseId) ?? 0) / 60_000;
      push(toConclude, facts.unitId, (minutesBetween(received, answered) - paused) / 1440);
    }
  }

  for (const [unitId, figures] of units) {
    const ack = toAcknowledge.get(unitId) ?? [];
    const arrive = toArrive.get(unitId) ?? [];
    const conclude = toConclude.get(unitId) ?? [];
    figures.medianMinutesToAcknowledge = round(percentile(ack, 0.5), 1);
    figures.p90MinutesToAcknowledge = round(percentile(ack, 0.9), 1);
    figures.medianMinutesToArrive = round(percentile(arrive, 0.5), 1);
    figures.p90MinutesToArrive = round(percentile(arrive, 0.9), 1);
    figures.medianDaysToConclude = round(percentile(conclude, 0.5), 2);
    figures.p90DaysToConclude = round(percentile(conclude, 0.9), 2);
  }
  return [...units.values()];
}
