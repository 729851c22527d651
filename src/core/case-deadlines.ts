import { deadline, nextDueAt, type Deadline } from './deadlines.js';

/** The due and done times of the statutory clocks, as the case row stores them. */
export interface CaseDueTimes {
  acceptDueAt: string | null;
  acceptedAt: string | null;
  concludeDueAt: string | null;
  concludedAt: string | null;
  reviewRequestDueAt: string | null;
  reviewStartedAt: string | null;
  reviewDueAt: string | null;
  reviewConcludedAt: string | null;
  /** When the open clock pause began (core/pauses.ts), or null: the handling clocks stand `paused` while it lasts. */
  pausedAt: string | null;
}

export interface CaseDeadlines {
  /** Decide whether to accept the petition (15 days by default). */
  accept: Deadline;
  /** Conclude an accepted petition with a written answer (60 days by default). */
  conclude: Deadline;
  /** The petitioner's window to request a review of the latest answer. */
  reviewRequest: Deadline;
  /** Conclude a requested review (30 days by default). */
  review: Deadline;
}

/** Every clock of a case with its standing at `now`. */
export function caseDeadlines(times: CaseDueTimes, now: string): CaseDeadlines {
  const reviewRequestDone =
    times.reviewStartedAt !== null && times.reviewRequestDueAt !== null && times.reviewConcludedAt === null
      ? times.reviewStartedAt
      : null;
  // A pause stops the handling clocks (conclude, review) still owed: the time it lasts is not counted.
  const handling = (clock: Deadline): Deadline =>
    times.pausedAt !== null && clock.dueAt !== null && clock.doneAt === null ? { ...clock, status: 'paused' } : clock;
  return {
    accept: deadline(times.acceptDueAt, times.acceptedAt, now),
    conclude: handling(deadline(times.concludeDueAt, times.concludedAt, now)),
    reviewRequest: deadline(times.reviewRequestDueAt, reviewRequestDone, now),
    review: handling(deadline(times.reviewDueAt, times.reviewConcludedAt, now)),
  };
}

/**
 * The earliest deadline the office still owes on a case; what the overdue filter, the queue's
 * order and the dashboard's counts use. A paused clock is owed no time while the pause lasts.
 */
export function caseNextDueAt(times: CaseDueTimes): string | null {
  const owed = caseDeadlines(times, '');
  return nextDueAt([owed.accept, owed.conclude, owed.review].filter((clock) => clock.status !== 'paused'));
}
