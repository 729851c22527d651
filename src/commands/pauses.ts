import { invalid, notFound, refused } from '../core/errors.js';
import { dueAfterPause, pauseInputProblem, runningHandlingClock } from '../core/pauses.js';
import type { Actor } from '../core/types.js';
import type { CasesTable } from '../db/schema.js';
import { runCaseCommand } from './support/case-command.js';
import type { CaseDetail } from '../presenters/case-view.js';
import type { Context } from '../context/context.js';

/**
 * Starts a clock pause on a case (core/pauses.ts): the handling clock running now stops until the
 * office ends the pause. Refused on a case with no running handling clock, or one already paused.
 */
export async function startPause(
  ctx: Context,
  props: { actor: Actor; caseId: string; kind: string; reason: string; plannedEndAt: string },
): Promise<CaseDetail> {
  const problem = pauseInputProblem(props, ctx.now());
  if (problem) throw invalid(problem.field, `a pause needs a kind from the list, a reason and a planned end still to come (${problem.code}).`, { code: problem.code });
  const reason = props.reason.trim();
  const plannedEnd = new Date(Date.parse(props.plannedEndAt)).toISOString();
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.pause' }, async (trx, row, _units, now) => {
    const clock = runningHandlingClock({
      stage: row.stage,
      concludeDueAt: row.conclude_due_at,
      concludedAt: row.concluded_at,
      reviewCount: row.review_count,
      reviewDueAt: row.review_due_at,
      reviewConcludedAt: row.review_concluded_at,
    });
    if (clock === null) throw refused('no_running_clock', 'Only a case whose handling clock is running (accepted and not yet answered, or in review) can be paused.', { stage: row.stage });
    const open = await trx.selectFrom('pauses').select('id').where('case_id', '=', row.id).where('ended_at', 'is', null).executeTakeFirst();
    if (open) throw refused('pause_open', 'This case is already paused; end that pause first.', { pauseId: open.id });
    const id = ctx.newId();
    await trx
      .insertInto('pauses')
      .values({ id, case_id: row.id, kind: props.kind, reason, planned_end: plannedEnd, started_at: now, ended_at: null, started_by: props.actor.id, ended_by: null })
      .execute();
    const dueAt = clock === 'review' ? row.review_due_at : row.conclude_due_at;
    return {
      // The case row carries the pause, so its stored due times (next_due_at, the overdue filter,
      // the dashboard's counts) stop the handling clock too, and the clock's deadline row is done.
      changes: { paused_at: now },
      event: { type: 'pause.started', data: { pauseId: id, kind: props.kind, reason, plannedEndAt: plannedEnd, clock, dueAt, public: true } },
      audit: { action: 'case.pause.start', detail: { pauseId: id, kind: props.kind, plannedEndAt: plannedEnd } },
    };
  });
}

/**
 * Ends a clock pause: the handling clock that was running starts again, its due time later by
 * exactly the time paused (core/pauses.ts). Ending an ended pause is refused.
 */
export async function endPause(ctx: Context, props: { actor: Actor; caseId: string; pauseId: string }): Promise<CaseDetail> {
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.pause' }, async (trx, row, _units, now) => {
    const pause = await trx.selectFrom('pauses').selectAll().where('id', '=', props.pauseId).where('case_id', '=', row.id).executeTakeFirst();
    if (!pause) throw notFound('The pause');
    if (pause.ended_at !== null) throw refused('pause_ended', 'This pause has already ended.', { at: pause.ended_at }, { field: 'pauseId' });
    await trx.updateTable('pauses').set({ ended_at: now, ended_by: props.actor.id }).where('id', '=', pause.id).execute();
    const changes: Partial<CasesTable> = { paused_at: null };
    const moved: Record<string, { previousDueAt: string; newDueAt: string }> = {};
    if (row.conclude_due_at !== null && row.concluded_at === null) {
      changes.conclude_due_at = dueAfterPause(row.conclude_due_at, pause.started_at, now);
      moved.conclude = { previousDueAt: row.conclude_due_at, newDueAt: changes.conclude_due_at };
    }
    if (row.review_count > 0 && row.review_due_at !== null && row.review_concluded_at === null) {
      changes.review_due_at = dueAfterPause(row.review_due_at, pause.started_at, now);
      moved.review = { previousDueAt: row.review_due_at, newDueAt: changes.review_due_at };
    }
    const pausedMs = Math.max(0, Date.parse(now) - Date.parse(pause.started_at));
    return {
      changes,
      event: { type: 'pause.ended', data: { pauseId: pause.id, kind: pause.kind, startedAt: pause.started_at, pausedMs, moved, public: true } },
      audit: { action: 'case.pause.end', detail: { pauseId: pause.id, pausedMs } },
    };
  });
}
