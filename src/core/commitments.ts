import { DateTime } from 'luxon';

/**
 * The commitments ledger (承诺事项, issue 13 item 1): what a meeting or a decision committed to, as
 * items each with an owner unit, a due date and a status. A commitment's clock is a row of
 * `deadlines` (subject: the commitment, kind `commitment`, unit: its owner), reminded, missed and
 * escalated by the supervision ladder (core/ladder.ts) like every other clock.
 */

/** Where a commitment was made: at a meeting recorded on the case, or in a decision on it. */
export const commitmentSources = ['meeting', 'decision'] as const;
export type CommitmentSource = (typeof commitmentSources)[number];

/** What is stored: open until done (with its evidence) or dropped (with a reason). */
export const storedCommitmentStatuses = ['open', 'done', 'dropped'] as const;
export type StoredCommitmentStatus = (typeof storedCommitmentStatuses)[number];

/** What a reader sees: an open commitment past its due time is overdue. */
export const commitmentStatuses = ['open', 'overdue', 'done', 'dropped'] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];

/** The kind of a commitment's clock in the `deadlines` table. */
export const commitmentClockKind = 'commitment';

export function isCommitmentSource(value: unknown): value is CommitmentSource {
  return commitmentSources.includes(value as CommitmentSource);
}

/** A commitment's status as of `now`: overdue once its due time has passed while it is open. */
export function commitmentStatus(stored: StoredCommitmentStatus, dueAt: string, now: string): CommitmentStatus {
  if (stored !== 'open') return stored;
  return now > dueAt ? 'overdue' : 'open';
}

/**
 * How a commitment stands for the accountability report: kept on time, kept late, or not kept — done
 * never, or dropped only after it was overdue (a commitment dropped before its due time, for its reason,
 * was not broken). Null while it is open and not yet due.
 */
export function commitmentKeeping(item: { dueAt: string; doneAt: string | null; droppedAt: string | null }, asOf: string): 'on_time' | 'late' | 'not_kept' | null {
  if (item.doneAt !== null) return item.doneAt <= item.dueAt ? 'on_time' : 'late';
  if (item.droppedAt !== null) return item.droppedAt > item.dueAt ? 'not_kept' : null;
  return asOf > item.dueAt ? 'not_kept' : null;
}

/**
 * The due time of a commitment due on `date` (YYYY-MM-DD): the end of that day in the jurisdiction's
 * zone, as every day deadline ends (core/deadlines.ts). Null when `date` is not a calendar date.
 */
export function commitmentDueAt(date: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = DateTime.fromISO(date, { zone: timeZone });
  if (!day.isValid) return null;
  return day.endOf('day').toUTC().toISO();
}
