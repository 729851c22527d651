import type { Static } from 'typebox';
import type { ReviewQueueItem as QueueItemSchema } from '../contract/reviews.js';
import { deadline } from '../core/deadlines.js';
import { DomainError, forbidden, invalid, refused } from '../core/errors.js';
import { jurisdictionOf, reviewBodyAbove, unitsOfJurisdiction } from '../core/jurisdictions.js';
import { can, caseScope, reviewRefusal, type Action, type ReviewHandling, type ReviewRefusal } from '../core/policy.js';
import type { Deadline } from '../core/deadlines.js';
import { isReviewOutcome, outsideBodyNameMax, reviewOutcomes, roundName, type ReviewOutcome } from '../core/reviews.js';

type ReviewQueueItem = Static<typeof QueueItemSchema>;
import { guardMessages } from '../core/stages.js';
import type { Actor } from '../core/types.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { caseReviewRows, handledBefore, reviewRow, unitTree, type ReviewRow } from '../db/repositories/reviews.js';
import { pastRoundClock, reviewRoundView, type ReviewRoundView } from '../presenters/review-view.js';
import type { CaseDetail } from '../presenters/case-view.js';
import type { Context, Trx } from '../context/context.js';
import { runCaseCommand } from './support/case-command.js';

/**
 * Opens a review round when the stage machine starts one (`startReview`, commands/move-stage.ts):
 * the round goes to the petition office one level above the jurisdiction that answered — for the
 * review, the jurisdiction of the case's lead unit (or of whoever wrote the answer); for the second
 * review, the jurisdiction that did the review. Without a level above in the system, the body is
 * outside it: the office records its name and prints the request for it (`recordReviewBody`).
 */
export async function openReviewRound(
  ctx: Context,
  trx: Trx,
  row: CaseRow,
  round: { round: number; now: string; reason: string; actorId: string | null },
): Promise<ReviewRow> {
  const tree = await unitTree(trx);
  let answeredBy: string | null;
  if (round.round === 1) {
    answeredBy = jurisdictionOf(tree, row.lead_unit_id ?? (await answerAuthorUnit(trx, row.id)));
  } else {
    const previous = await reviewRow(trx, row.id, round.round - 1);
    answeredBy = previous ? previous.body_root_id : jurisdictionOf(tree, row.lead_unit_id);
  }
  const body = reviewBodyAbove(tree, answeredBy);
  const review: ReviewRow = {
    id: ctx.newId(),
    case_id: row.id,
    round: round.round,
    requested_at: round.now,
    requested_by: round.actorId,
    reason: round.reason,
    answered_by_root_id: answeredBy,
    body_root_id: body.rootId,
    body_unit_id: body.officeUnitId,
    outside_body: null,
    outside_body_at: null,
    outcome: null,
    outcome_note: null,
    outcome_at: null,
    outcome_by: null,
  };
  await trx.insertInto('reviews').values(review).execute();
  return review;
}

/** The unit of whoever wrote the case's latest answer, when the case has no lead unit to say whose it is. */
async function answerAuthorUnit(trx: Trx, caseId: string): Promise<string | null> {
  const author = await trx
    .selectFrom('answers')
    .innerJoin('users', 'users.id', 'answers.created_by')
    .select('users.unit_id')
    .where('answers.case_id', '=', caseId)
    .orderBy('answers.created_at', 'desc')
    .executeTakeFirst();
  return author?.unit_id ?? null;
}

/** The facts of the round under way that the review rules (core/policy.ts `reviewRefusal`) judge; null when no round is. */
export async function reviewHandling(trx: Trx, row: CaseRow): Promise<ReviewHandling | null> {
  if (row.review_count === 0) return null;
  const review = await reviewRow(trx, row.id, row.review_count);
  if (!review) return null;
  if (review.body_unit_id === null) return { round: review.round, bodyUnitIds: null, handledEarlier: [] };
  const [tree, earlier] = await Promise.all([unitTree(trx), handledBefore(trx, row.id, review.requested_at)]);
  return { round: review.round, bodyUnitIds: unitsOfJurisdiction(tree, review.body_root_id), handledEarlier: earlier };
}

const refusalMessages = {
  review_recusal: (round: number) => `You handled this case before its ${roundName(round)} began, so you cannot handle the ${roundName(round)} (recusal, Art. 35–36).`,
  review_other_body: (round: number) => `The ${roundName(round)} is handled by the petition office one level above; your unit is not of that body.`,
};

/** Refuses a write to a case under review by someone the review rules keep out: who handled it before (recusal), or another body's staff. */
export async function checkReviewRules(trx: Trx, actor: Actor, action: Action, row: CaseRow): Promise<void> {
  if (action === 'case.read') return;
  const handling = await reviewHandling(trx, row);
  const refusal = reviewRefusal(actor, action, handling);
  if (refusal !== null && handling !== null) throw refused(refusal, refusalMessages[refusal](handling.round), { round: handling.round });
}

/**
 * Art. 36's finality, when a third review is asked for: the refusal names the earlier conclusion —
 * the second review's outcome and when its answer was given — which stands.
 */
export async function finalityRefusal(trx: Trx, row: CaseRow): Promise<DomainError> {
  const [last, answer] = await Promise.all([
    reviewRow(trx, row.id, row.review_count),
    trx.selectFrom('answers').select(['created_at']).where('case_id', '=', row.id).where('review_round', '=', row.review_count).orderBy('created_at', 'desc').executeTakeFirst(),
  ]);
  const conclusion = { round: row.review_count, outcome: last?.outcome ?? null, answeredAt: answer?.created_at ?? null };
  return new DomainError('guard_failed', `${guardMessages.reviewsUsed} A third review is not available (Art. 36): the second review's conclusion stands.`, {
    field: 'to',
    details: { guard: 'reviewsUsed', conclusion },
  });
}

/** The round a case's review command acts on: its latest, which must exist. */
async function latestRound(trx: Trx, row: CaseRow): Promise<ReviewRow> {
  const review = row.review_count === 0 ? undefined : await reviewRow(trx, row.id, row.review_count);
  if (!review) throw refused('no_review', 'This case has no review round to record this for.', { stage: row.stage });
  return review;
}

/**
 * Records the review body's conclusion on the latest round (Art. 35–36): the answer upheld (维持),
 * changed (变更) or revoked (撤销), with a note; after the round's written answer, once.
 */
export async function recordReviewOutcome(ctx: Context, props: { actor: Actor; caseId: string; outcome: string; note?: string }): Promise<CaseDetail> {
  if (!isReviewOutcome(props.outcome)) throw invalid('outcome', `must be one of ${reviewOutcomes.join(', ')}.`, { code: 'one_of' });
  const outcome = props.outcome;
  const note = props.note?.trim() ?? '';
  if ([...note].length > 2000) throw invalid('note', 'must be at most 2000 characters.', { code: 'too_long', params: { max: 2000 } });
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.review' }, async (trx, row, _units, now) => {
    const review = await latestRound(trx, row);
    // Closed after its answer or not, the round is the review body's to conclude.
    if (row.stage !== 'review') await checkReviewRules(trx, props.actor, 'case.review', row);
    if (review.outcome_at !== null) throw refused('already_recorded', 'This round\'s conclusion is already recorded.', { at: review.outcome_at }, { field: 'outcome' });
    const answered = await trx.selectFrom('answers').select('id').where('case_id', '=', row.id).where('review_round', '=', review.round).executeTakeFirst();
    if (!answered) throw refused('review_not_answered', 'Record the review\'s written answer first; its conclusion goes with it.', { round: review.round }, { field: 'outcome' });
    await trx.updateTable('reviews').set({ outcome, outcome_note: note || null, outcome_at: now, outcome_by: props.actor.id }).where('id', '=', review.id).execute();
    return {
      event: { type: 'review.concluded', data: { round: review.round, outcome, ...(note ? { note } : {}), public: true } },
      audit: { action: 'case.review.conclude', detail: { round: review.round, outcome } },
    };
  });
}

/**
 * Names the review body of the latest round when it is outside the system (a county deployment
 * without the level above): the office records it, and prints the request for it as a PDF.
 */
export async function recordReviewBody(ctx: Context, props: { actor: Actor; caseId: string; name: string }): Promise<CaseDetail> {
  const name = props.name.trim();
  if (name === '') throw invalid('name', 'must not be empty.', { code: 'required' });
  if ([...name].length > outsideBodyNameMax) throw invalid('name', `must be at most ${outsideBodyNameMax} characters.`, { code: 'too_long', params: { max: outsideBodyNameMax } });
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.review' }, async (trx, row, _units, now) => {
    const review = await latestRound(trx, row);
    if (review.body_unit_id !== null) throw refused('review_body_in_system', 'This round went to a petition office in the system; no outside body is named.', { round: review.round }, { field: 'name' });
    if (review.outside_body === name) throw refused('already_recorded', 'This body is already recorded.', { at: review.outside_body_at ?? now }, { field: 'name' });
    await trx.updateTable('reviews').set({ outside_body: name, outside_body_at: now }).where('id', '=', review.id).execute();
    return {
      event: { type: 'review.body_recorded', data: { round: review.round, name, previous: review.outside_body, public: true } },
      audit: { action: 'case.review.body', detail: { round: review.round, name } },
    };
  });
}

/**
 * A case's review rounds as the staff view shows them, and why the reader may not handle the round
 * under way (null when they may, or none is). The latest round's clock is the case's review clock.
 */
export async function caseReviews(
  trx: Trx,
  actor: Actor,
  row: CaseRow,
  latestClock: Deadline,
  now: string,
): Promise<{ rounds: ReviewRoundView[]; refusal: ReviewRefusal | null }> {
  if (row.review_count === 0) return { rounds: [], refusal: null };
  const rows = await caseReviewRows(trx, row.id);
  if (rows.length === 0) return { rounds: [], refusal: null };
  const unitIds = [...new Set(rows.flatMap((review) => [review.body_unit_id, review.answered_by_root_id]).filter((id): id is string => id !== null))];
  const [units, dues, handling] = await Promise.all([
    unitIds.length === 0 ? Promise.resolve([]) : trx.selectFrom('units').select(['id', 'name', 'name_en']).where('id', 'in', unitIds).execute(),
    trx.selectFrom('deadlines').select(['kind', 'due_at', 'done_at']).where('case_id', '=', row.id).where('subject', '=', 'case').where('kind', 'like', 'review-%').execute(),
    row.stage === 'review' ? reviewHandling(trx, row) : Promise.resolve(null),
  ]);
  const names = new Map(units.map((unit) => [unit.id, unit]));
  const rounds = rows.map((review) =>
    reviewRoundView(review, names, review.round === row.review_count ? latestClock : pastRoundClock(dues.find((due) => due.kind === `review-${review.round}`), now)),
  );
  return { rounds, refusal: reviewRefusal(actor, 'case.review', handling) };
}

/**
 * A review office's queue: the cases whose review rounds went to it (the reader's own unit unless
 * another office is named), the open ones (no outcome yet) by default, soonest due first. Whoever
 * sees every case may name any office; a unit's officer sees only their own unit's.
 */
export async function reviewQueue(ctx: Context, props: { actor: Actor; bodyUnitId?: string; state?: 'open' | 'all' }): Promise<ReviewQueueItem[]> {
  if (!can(props.actor, 'case.list')) throw forbidden();
  const bodyUnitId = props.bodyUnitId ?? props.actor.unitId;
  if (bodyUnitId === null) return [];
  if (!caseScope(props.actor).all && bodyUnitId !== props.actor.unitId) throw forbidden('You may list only your own unit\'s reviews.');
  let query = ctx.db
    .selectFrom('reviews')
    .innerJoin('cases', 'cases.id', 'reviews.case_id')
    .select(['reviews.case_id', 'reviews.round', 'reviews.requested_at', 'reviews.body_unit_id', 'reviews.outcome', 'cases.reference', 'cases.category', 'cases.stage', 'cases.review_count'])
    .select(['cases.review_due_at', 'cases.review_concluded_at', 'cases.paused_at'])
    .where('reviews.body_unit_id', '=', bodyUnitId);
  if ((props.state ?? 'open') === 'open') query = query.where('reviews.outcome', 'is', null);
  const rows = await query.orderBy('reviews.requested_at').orderBy('reviews.case_id').limit(500).execute();
  const now = ctx.now();
  const items = rows.map((row) => {
    const latest = row.round === row.review_count;
    const clock = latest ? deadline(row.review_due_at, row.review_concluded_at, now) : { dueAt: null, doneAt: null, status: null };
    return {
      caseId: row.case_id,
      reference: row.reference,
      category: row.category,
      stage: row.stage,
      round: row.round,
      requestedAt: row.requested_at,
      bodyUnitId: row.body_unit_id,
      clock: latest && row.paused_at !== null && clock.doneAt === null ? { ...clock, status: 'paused' as const } : clock,
      outcome: row.outcome as ReviewOutcome | null,
    };
  });
  return items.sort((a, b) => (a.clock.dueAt ?? '9999').localeCompare(b.clock.dueAt ?? '9999'));
}
