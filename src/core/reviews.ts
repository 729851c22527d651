/**
 * Review by the body above (Regulations 2022 Art. 35–36). A petitioner not satisfied with the written
 * answer asks, within 30 days, for a review (复查, round 1) by the body one level above the one that
 * answered; not satisfied with the review's answer, for a second review (复核, round 2) one level
 * higher again. Each is answered in writing within 30 days (a hearing's time not counted: a clock
 * pause). After the second review the same claim on the same facts and reasons is not accepted
 * again: its conclusion is final (Art. 36), and a third request is refused with that conclusion.
 */

/** The review's conclusion, as the Regulations name it: the answer upheld (维持), changed (变更) or revoked (撤销). */
export const reviewOutcomes = ['upheld', 'changed', 'revoked'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

export function isReviewOutcome(value: string): value is ReviewOutcome {
  return (reviewOutcomes as readonly string[]).includes(value);
}

/** The two rounds: 1 the review (复查), 2 the second review (复核). */
export type ReviewRound = 1 | 2;

/** The name of a round, for the API's messages (the apps word it themselves). */
export function roundName(round: number): string {
  return round === 1 ? 'review' : 'second review';
}

/** What a review's body is: an office in the system (by unit id), or a body outside it, by the name the office recorded. */
export interface ReviewBody {
  unitId: string | null;
  outsideName: string | null;
}

/** The longest name of a body outside the system the office may record. */
export const outsideBodyNameMax = 200;
