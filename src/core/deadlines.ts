import { DateTime } from 'luxon';
import { addWorkingDays, type Calendar } from './calendar.js';
import { calendarDays, fromLocalDay } from './local-days.js';

/** How a plan counts time. Statutory defaults come from the national regulations on petitions. */
export interface DeadlinePolicy {
  dayKind: 'calendar' | 'working';
  acceptDays: number;
  concludeDays: number;
  extensionMaxDays: number;
  reviewRequestDays: number;
  reviewConcludeDays: number;
  acknowledgeMinutes: number;
  onSceneMinutes: number;
  proposalDays: number;
  escalateAfterMinutes?: number;
  /** The receiving body's time to say whether it accepts a transferred case (Art. 23). */
  transferReplyDays?: number;
}

export const statutoryDefaults: DeadlinePolicy = {
  dayKind: 'calendar',
  acceptDays: 15,
  concludeDays: 60,
  extensionMaxDays: 30,
  reviewRequestDays: 30,
  reviewConcludeDays: 30,
  acknowledgeMinutes: 30,
  onSceneMinutes: 120,
  proposalDays: 5,
  transferReplyDays: 15,
};

function parseUtc(iso: string): DateTime {
  const parsed = DateTime.fromISO(iso, { zone: 'utc' });
  if (!parsed.isValid) throw new Error(`Not an ISO 8601 time: ${iso}`);
  return parsed;
}

function toIso(time: DateTime): string {
  const iso = time.toUTC().toISO();
  if (iso === null) throw new Error('Deadline arithmetic produced an invalid time.');
  return iso;
}

/**
 * The end of the Nth day after `fromIso`, counted in the jurisdiction's time zone: the day the
 * clock starts is not counted, and the deadline falls at the last millisecond of the final day.
 */
export function addDays(fromIso: string, days: number, timeZone: string): string {
  return fromLocalDay(
    fromIso,
    days,
    timeZone,
    calendarDays,
    (first, count) => toIso(first.plus({ days: count }).endOf('day')),
    () => parseUtc(fromIso).setZone(timeZone).startOf('day'),
  );
}

/** An exact number of minutes after `fromIso` (on-scene and acknowledgement clocks). */
export function addMinutes(fromIso: string, minutes: number): string {
  return toIso(parseUtc(fromIso).plus({ minutes }));
}

/** Where deadlines are counted: the jurisdiction's time zone and its holiday calendar. */
export interface Jurisdiction {
  timeZone: string;
  calendar: Calendar;
}

/** N days after `fromIso` as the plan counts them: calendar days, or working days on the jurisdiction's calendar. */
export function countDays(policy: Pick<DeadlinePolicy, 'dayKind'>, fromIso: string, days: number, where: Jurisdiction): string {
  return policy.dayKind === 'working'
    ? addWorkingDays(fromIso, days, where.timeZone, where.calendar)
    : addDays(fromIso, days, where.timeZone);
}

/** The last moment to decide whether to accept a petition received at `receivedAt`. */
export function acceptDueAt(policy: DeadlinePolicy, receivedAt: string, where: Jurisdiction): string {
  return countDays(policy, receivedAt, policy.acceptDays, where);
}

/** The last moment to conclude a petition accepted at `acceptedAt`. */
export function concludeDueAt(policy: DeadlinePolicy, acceptedAt: string, where: Jurisdiction): string {
  return countDays(policy, acceptedAt, policy.concludeDays, where);
}

/** The last moment the petitioner may request a review of an answer given at `answeredAt`. */
export function reviewRequestDueAt(policy: DeadlinePolicy, answeredAt: string, where: Jurisdiction): string {
  return countDays(policy, answeredAt, policy.reviewRequestDays, where);
}

/** The last moment to conclude a review requested at `requestedAt`. */
export function reviewDueAt(policy: DeadlinePolicy, requestedAt: string, where: Jurisdiction): string {
  return countDays(policy, requestedAt, policy.reviewConcludeDays, where);
}

/** A unit's missed clock goes up from the office to the leadership group after this long, unless the plan says otherwise. */
export const defaultEscalateAfterMinutes = 120;

/** Statutory: a body sent a case outside its remit objects within 5 working days, whatever the plan counts. */
const objectionWorkingDays = 5;

export function objectionDueAt(notifiedAt: string, where: Jurisdiction): string {
  return addWorkingDays(notifiedAt, objectionWorkingDays, where.timeZone, where.calendar);
}

interface AssignmentDeadlines {
  acknowledgeDueAt: string;
  onSceneDueAt: string | null;
  proposalDueAt: string;
}

/** What a notified unit owes and by when; on-scene applies only where people are physically present. */
export function assignmentDeadlines(
  policy: DeadlinePolicy,
  notifiedAt: string,
  onSceneExpected: boolean,
  where: Jurisdiction,
): AssignmentDeadlines {
  return {
    acknowledgeDueAt: addMinutes(notifiedAt, policy.acknowledgeMinutes),
    onSceneDueAt: onSceneExpected ? addMinutes(notifiedAt, policy.onSceneMinutes) : null,
    proposalDueAt: countDays(policy, notifiedAt, policy.proposalDays, where),
  };
}

/**
 * `stopped`: the case came to rest (or the unit was rerouted away) before the clock ran out, so nothing is owed.
 * `paused`: a clock pause is open (core/pauses.ts); the time until it ends is not counted.
 */
type DeadlineStatus = 'pending' | 'overdue' | 'met' | 'missed' | 'stopped' | 'paused';

export interface Deadline {
  dueAt: string | null;
  doneAt: string | null;
  status: DeadlineStatus | null;
}

/** A deadline's standing at `now`: met or missed once done; pending or overdue while open. */
export function deadline(dueAt: string | null, doneAt: string | null, now: string): Deadline {
  if (dueAt === null) return { dueAt, doneAt, status: null };
  if (doneAt !== null) return { dueAt, doneAt, status: doneAt <= dueAt ? 'met' : 'missed' };
  return { dueAt, doneAt, status: now <= dueAt ? 'pending' : 'overdue' };
}

/** The earliest deadline still open among those given, or null when nothing is owed. */
export function nextDueAt(deadlines: readonly Deadline[]): string | null {
  const open = deadlines
    .filter((item) => item.dueAt !== null && item.doneAt === null)
    .map((item) => item.dueAt as string);
  if (open.length === 0) return null;
  return open.reduce((earliest, due) => (due < earliest ? due : earliest));
}
