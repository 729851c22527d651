import { DomainError, invalid } from '../core/errors.js';
import { acceptDueAt, concludeDueAt, reviewDueAt } from '../core/deadlines.js';
import { isAcceptance, judgeMove, undoneSteps } from '../core/stages.js';
import { stages, type Actor, type Stage } from '../core/types.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { CasesTable } from '../db/schema.js';
import { moveContext } from './case-facts.js';
import { runCaseCommand } from './case-command.js';
import type { CaseDetail } from './case-view.js';
import { jurisdiction, type Context } from './context.js';

export interface MoveStageProps {
  actor: Actor;
  caseId: string;
  to: string;
  reason?: string;
}

/** Moves a case to another stage if the stage machine allows it, starting or stopping its clocks. */
export async function moveStage(ctx: Context, props: MoveStageProps): Promise<CaseDetail> {
  if (!stages.includes(props.to as Stage)) throw invalid('to', `must be one of ${stages.join(', ')}.`);
  const to = props.to as Stage;
  const reason = props.reason?.trim() || undefined;
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.move' }, async (trx, row, _units, now) => {
    const from = row.stage as Stage;
    const verdict = judgeMove(from, to, props.actor.role, await moveContext(trx, row, now, reason));
    if (!verdict.ok) {
      const field = verdict.code === 'guard_failed' && !reason ? { field: 'reason' } : {};
      throw new DomainError(verdict.code, verdict.message, field);
    }
    const plan = await pinnedPlan(trx, row);
    const policy = plan.deadlines;
    const ticked = await trx.selectFrom('step_completions').select('step_id').where('case_id', '=', row.id).execute();
    // The timeline says which of the stage's steps were left undone; the move does not wait for them.
    const undone = undoneSteps(plan.stages, from, new Set(ticked.map((item) => item.step_id)));
    const changes: Partial<CasesTable> = { stage: to, stage_changed_at: now };
    if (from === 'prevention' && to === 'reception') changes.accept_due_at = acceptDueAt(policy, now, jurisdiction(ctx));
    if (isAcceptance(from, to)) {
      changes.accepted_at = now;
      changes.conclude_due_at = concludeDueAt(policy, now, jurisdiction(ctx));
    }
    if (to === 'not_accepted') {
      changes.accepted_at = now;
      changes.not_accepted_reason = reason ?? null;
    }
    if (from === 'not_accepted') {
      changes.accepted_at = null;
      changes.not_accepted_reason = null;
    }
    if (to === 'closed') changes.closed_at = now;
    if (to === 'review') {
      changes.review_count = row.review_count + 1;
      changes.review_started_at = now;
      changes.review_due_at = reviewDueAt(policy, now, jurisdiction(ctx));
      changes.review_concluded_at = null;
      changes.closed_at = null;
    }
    return {
      changes,
      event: { type: 'stage.changed', data: { from, to, ...(reason ? { reason } : {}), ...(undone.length > 0 ? { undoneSteps: undone } : {}) } },
      audit: { action: 'case.move', detail: { from, to } },
    };
  });
}
