import { DateTime } from 'luxon';
import { isWorkingDay } from './calendar.js';
import { defaultEscalateAfterMinutes, type Jurisdiction } from './deadlines.js';
import { defaultFeedbackDays } from './supervision.js';

/**
 * The supervision ladder (Art. 39–40, issue 13 item 2): reminders before a clock runs out, at the
 * points the plan sets, and after it the escalation that climbs the chain step by step on the
 * plan's schedule. Pure: the deadline scanner (jobs/deadline-scanner.ts) applies it to every
 * clock of the `deadlines` table, whichever command wrote it.
 */

/** A reminder point: a share of the clock's time ("2/3"), or the start of the last working day before it runs out. */
export const lastWorkingDay = 'last-working-day';
export const reminderPointPattern = '^([1-9][0-9]?/[1-9][0-9]?|last-working-day)$';

/** What the plan's `supervision` section says, with the defaults for what it leaves out. */
export interface LadderSettings {
  remindAt: readonly string[];
  /** Minutes from the miss to the first step up, then from each step to the next. */
  escalateAfterMinutes: readonly number[];
  /** The unit's time to give its written feedback on a supervision notice (Art. 40), in the plan's days. */
  feedbackDays: number;
}

export const defaultRemindAt = ['2/3', lastWorkingDay] as const;
/** Two hours, a day, three days: the built-in plan carries the same. */
export const defaultEscalationMinutes = [defaultEscalateAfterMinutes, 60 * 24, 60 * 24 * 3] as const;
/** Kept in core/supervision.ts, which the web app reads without the ladder's time arithmetic. */
export { defaultFeedbackDays };

interface PlanLadderFields {
  deadlines: { escalateAfterMinutes?: number | undefined };
  supervision?: { remindAt?: string[] | undefined; escalateAfterMinutes?: number[] | undefined; feedbackDays?: number | undefined } | undefined;
}

/**
 * The ladder a plan sets. A plan written before the ladder existed keeps its one step up after
 * `deadlines.escalateAfterMinutes` and climbs on with the built-in schedule's later steps.
 */
export function ladderOf(plan: PlanLadderFields): LadderSettings {
  const own = plan.supervision;
  const first = plan.deadlines.escalateAfterMinutes;
  const escalation = own?.escalateAfterMinutes ?? (first === undefined ? [...defaultEscalationMinutes] : [first, ...defaultEscalationMinutes.slice(1)]);
  return { remindAt: own?.remindAt ?? [...defaultRemindAt], escalateAfterMinutes: escalation, feedbackDays: own?.feedbackDays ?? defaultFeedbackDays };
}

/** A point's problem, or null when it is one: "3/2" is not before the deadline, "0/3" not after the start. */
export function reminderPointProblem(point: string): string | null {
  if (point === lastWorkingDay) return null;
  const [top, bottom] = point.split('/').map(Number) as [number, number];
  return top > 0 && top < bottom ? null : 'a share of the time must lie between the start and the deadline';
}

function iso(time: DateTime): string {
  const text = time.toUTC().toISO();
  if (text === null) throw new Error('Reminder arithmetic produced an invalid time.');
  return text;
}

/**
 * The times a clock started at `startedAt` and due at `dueAt` is reminded, in order: each point the
 * plan sets that falls strictly between the start and the deadline (a 30-minute clock has no last
 * working day of its own), the same time named twice once.
 */
export function reminderTimes(startedAt: string, dueAt: string, points: readonly string[], where: Jurisdiction): string[] {
  const start = DateTime.fromISO(startedAt, { zone: 'utc' });
  const due = DateTime.fromISO(dueAt, { zone: 'utc' });
  const span = due.toMillis() - start.toMillis();
  if (span <= 0) return [];
  const times = new Set<string>();
  for (const point of points) {
    if (reminderPointProblem(point) !== null) continue;
    if (point === lastWorkingDay) {
      // The start of the last working day that begins before the deadline, in the jurisdiction's zone.
      let day = due.setZone(where.timeZone).startOf('day');
      for (let guard = 0; guard < 60 && !isWorkingDay(where.calendar, day.toISODate() ?? ''); guard += 1) day = day.minus({ days: 1 });
      if (day.toMillis() >= due.toMillis()) continue;
      if (day.toMillis() > start.toMillis()) times.add(iso(day));
      continue;
    }
    const [top, bottom] = point.split('/').map(Number) as [number, number];
    times.add(iso(start.plus({ milliseconds: Math.round((span * top) / bottom) })));
  }
  return [...times].sort();
}

/** The first reminder time after `after`, or null when none is left. */
export function nextReminder(times: readonly string[], after: string): string | null {
  return times.find((time) => time > after) ?? null;
}

/** Someone a step of the ladder tells: the officers of a unit above the late one, the office, or the leadership group. */
export type Rung = { unitId: string; unitName: string } | 'office' | 'leadership_group';

/** A unit above the late one, nearest first, as the unit tree holds it. */
export interface AncestorUnit {
  id: string;
  name: string;
  kind: string;
}

/**
 * The chain a missed clock climbs. A unit's clock: the units above it in the tree (nearest first;
 * the office and the leadership group themselves excepted), then the office, then the leadership
 * group. The case's own clocks are the office's: they go to the leadership group.
 */
export function ladderRungs(subject: string, ancestors: readonly AncestorUnit[]): Rung[] {
  if (subject === 'case') return ['leadership_group'];
  const units: Rung[] = ancestors.filter((unit) => unit.kind !== 'office' && unit.kind !== 'leadership_group').map((unit) => ({ unitId: unit.id, unitName: unit.name }));
  return [...units, 'office', 'leadership_group'];
}

/**
 * Who step `step` tells (0 is the miss itself, 1 the first step up): the rung that far up the chain;
 * past its top, the top again, so a clock long missed is pressed at the top on every later step.
 */
export function rungAt(rungs: readonly Rung[], step: number): Rung {
  const top = rungs[rungs.length - 1];
  if (top === undefined) throw new Error('A ladder has at least one rung.');
  return rungs[Math.min(step, rungs.length - 1)] ?? top;
}

/** When step `step` + 1 is due after step `step` was taken at `at`, or null when the plan's schedule has no more steps. */
export function nextStepAt(schedule: readonly number[], step: number, at: string): string | null {
  const minutes = schedule[step];
  if (minutes === undefined) return null;
  return iso(DateTime.fromISO(at, { zone: 'utc' }).plus({ minutes }));
}
