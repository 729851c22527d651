/**
 * Supervision by the leadership group (督办, Art. 40; issue 13 item 2): a written supervision notice
 * to the lead unit with a due date for its written feedback, which is clocked like every clock
 * (reminded and escalated by the supervision ladder, core/ladder.ts); or named, listed supervision
 * (挂牌督办). The unit gives its feedback once; the leader ends the supervision.
 */
export const supervisionKinds = ['supervised', 'listed'] as const;
export type SupervisionKind = (typeof supervisionKinds)[number];

/** The unit's days for its written feedback when the plan's supervision.feedbackDays is left out (core/ladder.ts). */
export const defaultFeedbackDays = 10;

/** The clock of the unit's written feedback, a row of `deadlines` whose subject is the supervision. */
export const feedbackClockKind = 'supervision_feedback';

export function isSupervisionKind(value: unknown): value is SupervisionKind {
  return supervisionKinds.includes(value as SupervisionKind);
}
