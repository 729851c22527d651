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
  return {
    accept: deadline(times.acceptDueAt, times.acceptedAt, now),
    conclude: deadline(times.concludeDueAt, times.concludedAt, now),
    reviewRequest: deadline(times.reviewRequestDueAt, reviewRequestDone, now),
    review: deadline(times.reviewDueAt, times.reviewConcludedAt, now),
  };
}

/** The earliest deadline the office still owes on a case; what the overdue filter and index use. */
export function caseNextDueAt(times: CaseDueTimes): string | null {
  const owed = caseDeadlines(times, '');
  return nextDueAt([owed.accept, owed.conclude, owed.review]);
}
