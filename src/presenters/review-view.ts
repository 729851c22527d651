import type { Static } from 'typebox';
import type { ReviewRound } from '../contract/reviews.js';
import { deadline, type Deadline } from '../core/deadlines.js';
import type { ReviewOutcome } from '../core/reviews.js';
import type { ReviewRow } from '../db/repositories/reviews.js';

export type ReviewRoundView = Static<typeof ReviewRound>;

interface UnitNames {
  name: string;
  name_en: string | null;
}

/** One round as the staff see it: who answered, the body it went to, its clock and its outcome. */
export function reviewRoundView(row: ReviewRow, units: ReadonlyMap<string, UnitNames>, clock: Deadline): ReviewRoundView {
  const unit = (id: string | null) => (id === null ? undefined : units.get(id));
  const office = unit(row.body_unit_id);
  const answered = unit(row.answered_by_root_id);
  return {
    round: row.round,
    requestedAt: row.requested_at,
    reason: row.reason,
    answeredBy: { rootId: row.answered_by_root_id, name: answered?.name ?? null, nameEn: answered?.name_en ?? null },
    body: office
      ? { inSystem: true, unitId: row.body_unit_id, name: office.name, nameEn: office.name_en }
      : { inSystem: false, unitId: null, name: row.outside_body, nameEn: null },
    clock,
    outcome: row.outcome as ReviewOutcome | null,
    outcomeNote: row.outcome_note,
    outcomeAt: row.outcome_at,
  };
}

/** A past round's clock, from its deadline row (the case row carries only the latest round's). */
export function pastRoundClock(due: { due_at: string; done_at: string | null } | undefined, now: string): Deadline {
  return due ? deadline(due.due_at, due.done_at, now) : { dueAt: null, doneAt: null, status: null };
}
