import type { Actor } from './types.js';

/**
 * A leader's personal charge of a case (领导包案, Art. 18): one leader at a time answers for the
 * case in person. Only a leader takes it, for themselves; the leader in charge releases it.
 */

/** Why a personal charge cannot be taken or released (the refusal reasons of core/errors.ts), or null. */
export type ChargeRefusal = 'in_charge_of_other' | 'not_in_charge';

/** Whether `actor` may take charge of a case now held by `holderId` (null: no one). Taking one's own again is no refusal: it is done. */
export function takeChargeRefusal(actor: Actor, holderId: string | null): ChargeRefusal | null {
  if (holderId !== null && holderId !== actor.id) return 'in_charge_of_other';
  return null;
}

/** Whether `actor` may release the charge held by `holderId`: only the leader in charge does. */
export function releaseChargeRefusal(actor: Actor, holderId: string | null): ChargeRefusal | null {
  if (holderId === null || holderId !== actor.id) return 'not_in_charge';
  return null;
}

/** The petitioner's rating (1–5) counted as satisfied (满意 or 基本满意) in the report of cases in personal charge. */
export const satisfiedRating = 4;

/** One case in personal charge, as the report counts it. */
export interface ChargedCase {
  leaderId: string;
  concludedAt: string | null;
  concludeDueAt: string | null;
  /** The petitioner's latest rating of an answer, if any. */
  rating: number | null;
}

export interface ChargeOutcome {
  leaderId: string;
  cases: number;
  open: number;
  concluded: number;
  concludedOnTime: number;
  rated: number;
  satisfied: number;
}

/**
 * The outcomes of the cases in each leader's personal charge: how many, how many concluded and of
 * those on time (by the conclusion deadline), how many rated by the petitioner and of those
 * satisfied. `asOf` is the end of the period: a conclusion after it is not counted yet.
 */
export function chargeOutcomes(cases: readonly ChargedCase[], asOf: string): ChargeOutcome[] {
  const byLeader = new Map<string, ChargeOutcome>();
  for (const item of cases) {
    const outcome = byLeader.get(item.leaderId) ?? { leaderId: item.leaderId, cases: 0, open: 0, concluded: 0, concludedOnTime: 0, rated: 0, satisfied: 0 };
    outcome.cases += 1;
    const concluded = item.concludedAt !== null && item.concludedAt < asOf;
    if (!concluded) outcome.open += 1;
    if (concluded && item.concludedAt !== null) {
      outcome.concluded += 1;
      if (item.concludeDueAt === null || item.concludedAt <= item.concludeDueAt) outcome.concludedOnTime += 1;
    }
    if (item.rating !== null) {
      outcome.rated += 1;
      if (item.rating >= satisfiedRating) outcome.satisfied += 1;
    }
    byLeader.set(item.leaderId, outcome);
  }
  return [...byLeader.values()];
}
