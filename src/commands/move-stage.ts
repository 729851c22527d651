import { DomainError, invalid } from '../core/errors.js';
import { classDeadlines } from '../core/plan.js';
import { guardMessages, isAcceptance, judgeMove, stageChanges, undoneSteps, type GuardCode, type Mover, type StageChanges } from '../core/stages.js';
import { stages, type Actor, type Stage } from '../core/types.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { stopUnitClocks } from '../db/repositories/assignments.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { CasesTable } from '../db/schema.js';
import { moveContext } from './support/move-facts.js';
import { finalityRefusal, openReviewRound } from './reviews.js';
import { issueNotice, noticeDate } from './written-notices.js';
import { runCaseCommand, type CaseChange } from './support/case-command.js';
import type { CaseDetail } from '../presenters/case-view.js';
import { jurisdiction, type Context, type Trx } from '../context/context.js';

interface MoveStageProps {
  actor: Actor;
  caseId: string;
  to: string;
  reason?: string;
}

/** The stage machine's field names as the cases table spells them. */
function columns(changes: StageChanges): Partial<CasesTable> {
  const names: { [K in Exclude<keyof StageChanges, 'unitClocksStopAt'>]-?: keyof CasesTable } = {
    stage: 'stage',
    stageChangedAt: 'stage_changed_at',
    acceptDueAt: 'accept_due_at',
    acceptedAt: 'accepted_at',
    concludeDueAt: 'conclude_due_at',
    notAcceptedReason: 'not_accepted_reason',
    closedAt: 'closed_at',
    reviewCount: 'review_count',
    reviewStartedAt: 'review_started_at',
    reviewDueAt: 'review_due_at',
    reviewConcludedAt: 'review_concluded_at',
  };
  const { unitClocksStopAt: _units, ...fields } = changes;
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [names[key as keyof typeof names], value]));
}

/**
 * A stage move as a case change, for any mover (a staff role or the petitioner): judged by the stage
 * machine, with the fields and clocks its row in the move table sets, and the stage's checklist
 * steps it leaves undone (the move does not wait for them). `notAllowed` says, as a guard code, why a
 * move that is not in the table for this caller is refused.
 */
export async function stageMove(
  ctx: Context,
  trx: Trx,
  row: CaseRow,
  move: { by: Mover; to: Stage; reason: string | undefined; now: string; notAllowed?: GuardCode; actorId?: string | null },
): Promise<CaseChange> {
  const { to, reason, now } = move;
  const from = row.stage;
  const facts = await moveContext(trx, row, now, reason);
  const verdict = judgeMove(from, to, move.by, facts);
  if (!verdict.ok) {
    if (verdict.code === 'guard_failed' && verdict.guard === 'reviewsUsed') throw await finalityRefusal(trx, row);
    if (verdict.code === 'move_not_allowed' && move.notAllowed) {
      throw new DomainError('move_not_allowed', guardMessages[move.notAllowed], { details: { guard: move.notAllowed } });
    }
    const field = verdict.code === 'guard_failed' && !reason ? { field: 'reason' } : {};
    throw new DomainError(verdict.code, verdict.message, { ...field, ...(verdict.details ? { details: verdict.details } : {}) });
  }
  const plan = await pinnedPlan(trx, row);
  const ticked = await trx.selectFrom('step_completions').select('step_id').where('case_id', '=', row.id).execute();
  const undone = undoneSteps(plan.stages, from, new Set(ticked.map((item) => item.step_id)));
  const changes = stageChanges(from, to, { now, reason, reviewCount: row.review_count, policy: classDeadlines(plan, row.matter_class ?? null), where: jurisdiction(ctx) });
  // As closing would: what the units still owed stops for good (see clocksIn in core/clock-stops.ts).
  if (changes.unitClocksStopAt !== undefined) await stopUnitClocks(trx, row.id, changes.unitClocksStopAt);
  // A review round goes to the body above, recorded with the round (commands/reviews.ts).
  const review = changes.reviewCount === undefined ? null : await openReviewRound(ctx, trx, row, { round: changes.reviewCount, now, reason: reason ?? '', actorId: move.actorId ?? null });
  await noticeOfMove(ctx, trx, row, { from, to, reason, now, changes, actorId: move.actorId ?? null });
  return {
    changes: columns(changes),
    event: {
      type: 'stage.changed',
      data: {
        from,
        to,
        ...(reason ? { reason } : {}),
        // Concluded with commitments still open: the reason above is the office's record of why.
        ...(to === 'closed' && facts.openCommitments > 0 ? { openCommitments: facts.openCommitments } : {}),
        ...(undone.length > 0 ? { undoneSteps: undone } : {}),
        ...(changes.reviewCount !== undefined ? { round: changes.reviewCount } : {}),
        ...(review ? { reviewBody: { unitId: review.body_unit_id, inSystem: review.body_unit_id !== null } } : {}),
      },
    },
    audit: { action: 'case.move', detail: { from, to } },
  };
}

/**
 * The written notice a move decides (告知): acceptance with the time to conclude, or non-acceptance
 * with its reason. A unit's own report has no petitioner to tell; a case already sent to a lawful
 * channel was told of it, with the channel, when the channel was recorded (commands/matter.ts).
 */
async function noticeOfMove(
  ctx: Context,
  trx: Trx,
  row: CaseRow,
  move: { from: Stage; to: Stage; reason: string | undefined; now: string; changes: StageChanges; actorId: string | null },
): Promise<void> {
  if (row.channel === 'unit_report') return;
  const { now, actorId } = move;
  if (isAcceptance(move.from, move.to) && move.changes.concludeDueAt !== undefined) {
    await issueNotice(ctx, trx, { row, kind: 'acceptance', params: { concludeDueDate: noticeDate(ctx, move.changes.concludeDueAt) }, actorId, now });
  }
  if (move.to === 'not_accepted' && !row.lawful_channel) {
    await issueNotice(ctx, trx, { row, kind: 'non_acceptance', params: { reason: move.reason ?? '', channel: '', howTo: '' }, actorId, now });
  }
}

/** Moves a case to another stage if the stage machine allows it, starting or stopping its clocks. */
export async function moveStage(ctx: Context, props: MoveStageProps): Promise<CaseDetail> {
  if (!stages.includes(props.to as Stage)) throw invalid('to', `must be one of ${stages.join(', ')}.`);
  const to = props.to as Stage;
  const reason = props.reason?.trim() || undefined;
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.move', reviewRequest: to === 'review' }, (trx, row, _units, now) =>
    stageMove(ctx, trx, row, { by: props.actor.role, to, reason, now, actorId: props.actor.id }),
  );
}
