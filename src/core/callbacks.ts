/**
 * The office's call-back (回访) and rework (发回重办; issue 13 item 3, after the hotline practice of
 * 接诉即办): after a written answer a call-back is due within the plan's `callback.days`; the officer
 * records its outcome and what was said; an unsatisfied outcome for a reason the unit can fix sends
 * the case back to the lead unit for rework, on a new clock of `callback.reworkDays`, reminded and
 * escalated by the ladder (core/ladder.ts) and counted against the unit (core/accountability.ts).
 * The petitioner's own unsatisfied rating on the portal lets the office send the case back the same way.
 */
export const callbackOutcomes = ['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'] as const;
export type CallbackOutcome = (typeof callbackOutcomes)[number];

/**
 * Why a petitioner is unsatisfied. The first four the unit can put right, and so send the case back
 * for rework; a demand beyond what law and policy allow, or a matter outside the unit's remit, is
 * not the unit's to fix (the petitioner's way on is the review, Art. 35).
 */
export const unsatisfiedReasons = ['not_resolved', 'not_carried_out', 'answer_unclear', 'attitude', 'beyond_policy', 'outside_remit'] as const;
export type UnsatisfiedReason = (typeof unsatisfiedReasons)[number];

const fixableReasons: readonly UnsatisfiedReason[] = ['not_resolved', 'not_carried_out', 'answer_unclear', 'attitude'];

/** Whether the unit can fix what the petitioner is unsatisfied with, so that the case goes back for rework. */
export function reworkable(reason: UnsatisfiedReason): boolean {
  return fixableReasons.includes(reason);
}

export function isCallbackOutcome(value: unknown): value is CallbackOutcome {
  return callbackOutcomes.includes(value as CallbackOutcome);
}

export function isUnsatisfiedReason(value: unknown): value is UnsatisfiedReason {
  return unsatisfiedReasons.includes(value as UnsatisfiedReason);
}

/** What sent a case back: the office's call-back, or the petitioner's own rating on the portal. */
export const reworkSources = ['callback', 'rating'] as const;
export type ReworkSource = (typeof reworkSources)[number];

/** The portal's ratings (1–5) at or below this are unsatisfied (不满意): the office may send the case back on one. */
export const unsatisfiedRating = 2;

/** The clock of a rework, a row of `deadlines` whose subject is the rework: the lead unit's. */
export const reworkClockKind = 'rework';

/** What the plan's `callback` section says, with the defaults for what it leaves out. */
export interface CallbackSettings {
  /** The office's days from a written answer (or a reported rework) to its call-back. */
  days: number;
  /** The unit's days to redo the case and report what it did, from being sent back. */
  reworkDays: number;
}

export const defaultCallbackDays = 7;
export const defaultReworkDays = 15;

/** The call-back settings a plan sets; the built-in plan carries the defaults. */
export function callbackSettingsOf(plan: { callback?: { days?: number | undefined; reworkDays?: number | undefined } | undefined }): CallbackSettings {
  return { days: plan.callback?.days ?? defaultCallbackDays, reworkDays: plan.callback?.reworkDays ?? defaultReworkDays };
}
