import { DomainError, invalid } from '../core/errors.js';
import { classDeadlines } from '../core/plan.js';
import { guardMessages, judgeMove, stageChanges, undoneSteps, type GuardCode, type Mover, type StageChanges } from '../core/stages.js';
import { stages, type Actor, type Stage } from '../core/types.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { stopUnitClocks } from '../db/repositories/assignments.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { CasesTable } from '../db/schema.js';
import { moveContext } from './support/move-facts.js';
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
  move: { by: Mover; to: Stage; reason: string | undefined; now: string; notAllowed?: GuardCode },
): Promise<CaseChange> {
  const { to, reason, now } = move;
  const from = row.stage;
  const verdict = judgeMove(from, to, move.by, await moveContext(trx, row, now, reason));
  if (!verdict.ok) {
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
  return {
    changes: columns(changes),
    event: {
      type: 'stage.changed',
      data: {
        from,
        to,
        ...(reason ? { reason } : {}),
        ...(undone.length > 0 ? { undoneSteps: undone } : {}),
        ...(changes.reviewCount !== undefined ? { round: changes.reviewCount } : {}),
      },
    },
    audit: { action: 'case.move', detail: { from, to } },
  };
}

/** Moves a case to another stage if the stage machine allows it, starting or stopping its clocks. */
export async function moveStage(ctx: Context, props: MoveStageProps): Promise<CaseDetail> {
  if (!stages.includes(props.to as Stage)) throw invalid('to', `must be one of ${stages.join(', ')}.`);
  const to = props.to as Stage;
  const reason = props.reason?.trim() || undefined;
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.move' }, (trx, row, _units, now) =>
    stageMove(ctx, trx, row, { by: props.actor.role, to, reason, now }),
  );
}
