import { deadline, nextDueAt, type Deadline } from './deadlines.js';

/** The statutory clocks a case carries, as stored. */
export interface CaseClock {
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
export function caseDeadlines(clock: CaseClock, now: string): CaseDeadlines {
  const reviewRequestDone =
    clock.reviewStartedAt !== null && clock.reviewRequestDueAt !== null && clock.reviewConcludedAt === null
      ? clock.reviewStartedAt
      : null;
  return {
    accept: deadline(clock.acceptDueAt, clock.acceptedAt, now),
    conclude: deadline(clock.concludeDueAt, clock.concludedAt, now),
    reviewRequest: deadline(clock.reviewRequestDueAt, reviewRequestDone, now),
    review: deadline(clock.reviewDueAt, clock.reviewConcludedAt, now),
  };
}

/** The earliest deadline the office still owes on a case; what the overdue filter and index use. */
export function caseNextDueAt(clock: CaseClock): string | null {
  const owed = caseDeadlines(clock, '');
  return nextDueAt([owed.accept, owed.conclude, owed.review]);
}
