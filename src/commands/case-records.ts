import { invalid, notFound, refused } from '../core/errors.js';
import { issueNotice, noticeDate } from './written-notices.js';
import { answerStops } from '../core/clock-stops.js';
import { reviewRequestDueAt } from '../core/deadlines.js';
import { categoryName } from '../core/plan.js';
import type { Actor } from '../core/types.js';
import { stopUnitClocks } from '../db/repositories/assignments.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { CasesTable } from '../db/schema.js';
import { scheduleCallback } from './callbacks.js';
import { runCaseCommand } from './support/case-command.js';
import type { CaseDetail } from '../presenters/case-view.js';
import { jurisdiction, type Context } from '../context/context.js';

function required(field: string, value: string | undefined): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') throw invalid(field, 'must not be empty.', { code: 'required' });
  return trimmed;
}

/** Adds an internal note to the case timeline. */
export async function addNote(ctx: Context, props: { actor: Actor; caseId: string; body: string }): Promise<CaseDetail> {
  const body = required('body', props.body);
  return runCaseCommand(ctx, { ...props, action: 'case.note' }, async () => ({
    event: { type: 'note.added', data: { body } },
    audit: { action: 'case.note' },
  }));
}

interface MeetingProps {
  actor: Actor;
  caseId: string;
  heldAt: string;
  attendees: string;
  summary: string;
  commitments?: string[];
}

/** Records a meeting held with the representatives: when, who, what was said and promised. */
export async function addMeeting(ctx: Context, props: MeetingProps): Promise<CaseDetail> {
  const summary = required('summary', props.summary);
  const attendees = required('attendees', props.attendees);
  const heldAt = Date.parse(props.heldAt);
  if (Number.isNaN(heldAt)) throw invalid('heldAt', 'is not an ISO 8601 time.', { code: 'date_time' });
  if (heldAt > Date.parse(ctx.now())) throw invalid('heldAt', 'a meeting is recorded after it is held, not before.', { code: 'in_future' });
  const commitments = (props.commitments ?? []).map((item, index) => required(`commitments[${index}]`, item));
  return runCaseCommand(ctx, { ...props, action: 'case.meet' }, async (trx, row, _units, now) => {
    const meetingId = ctx.newId();
    await trx
      .insertInto('meetings')
      .values({
        id: meetingId,
        case_id: row.id,
        held_at: new Date(heldAt).toISOString(),
        attendees,
        summary,
        commitments: JSON.stringify(commitments),
        created_by: props.actor.id,
        created_at: now,
      })
      .execute();
    return {
      event: { type: 'meeting.recorded', data: { meetingId, heldAt: new Date(heldAt).toISOString(), summary, commitments } },
      audit: { action: 'case.meeting', detail: { meetingId } },
    };
  });
}

/**
 * Records the official written answer, public to the petitioner. The first answer concludes the
 * case; an answer during a review concludes the review. Either opens the window to request a review.
 */
export async function addAnswer(ctx: Context, props: { actor: Actor; caseId: string; body: string; facts?: string; basis?: string }): Promise<CaseDetail> {
  const body = required('body', props.body);
  return runCaseCommand(ctx, { ...props, action: 'case.answer' }, async (trx, row, _units, now) => {
    if (row.stage !== 'resolution' && row.stage !== 'review') {
      throw refused('answer_stage', `Answers are given in the resolution or review stage; this case is in ${row.stage}.`, { stage: row.stage });
    }
    const plan = await pinnedPlan(trx, row);
    const answerId = ctx.newId();
    await trx
      .insertInto('answers')
      .values({ id: answerId, case_id: row.id, body, review_round: row.review_count, created_by: props.actor.id, created_at: now })
      .execute();
    const stops = answerStops(row.stage, { concludedAt: row.concluded_at, reviewConcludedAt: row.review_concluded_at }, now);
    await stopUnitClocks(trx, row.id, stops.unitClocksStopAt);
    const reviewDueAt = reviewRequestDueAt(plan.deadlines, now, jurisdiction(ctx));
    // The handling opinion (处理意见书, Art. 32): the claim, the facts found, the decision, its basis, and the review with its deadline.
    await issueNotice(ctx, trx, {
      row,
      kind: 'handling_opinion',
      params: {
        // The claim by its category: the petitioner's own words may carry names, and the notice is shown on the portal.
        claim: categoryName(plan, row.category),
        facts: props.facts?.trim() ?? '',
        decision: body,
        basis: props.basis?.trim() ?? '',
        reviewDays: plan.deadlines.reviewRequestDays,
        reviewDeadline: noticeDate(ctx, reviewDueAt),
      },
      actorId: props.actor.id,
      now,
    });
    // An extension request still waiting when the answer concludes the case can no longer be approved: it lapses.
    const lapsed = stops.concludedAt && row.extension_request_days !== null ? { days: row.extension_request_days } : null;
    // The office's call-back on the answer (回访, core/callbacks.ts) falls due on the plan's callback.days.
    const callbackDueAt = await scheduleCallback(ctx, trx, { row, now, answerId });
    const changes: Partial<CasesTable> = {
      review_request_due_at: reviewDueAt,
      ...(lapsed ? { extension_request_days: null, extension_request_reason: null, extension_requested_at: null, extension_requested_by: null } : {}),
      ...(stops.concludedAt ? { concluded_at: stops.concludedAt } : {}),
      ...(stops.reviewConcludedAt ? { review_concluded_at: stops.reviewConcludedAt } : {}),
    };
    return {
      changes,
      event: { type: 'answer.given', data: { answerId, reviewRound: row.review_count, ...(lapsed ? { extensionRequestLapsed: lapsed } : {}), ...(callbackDueAt ? { callbackDueAt } : {}) } },
      audit: { action: 'case.answer', detail: { answerId } },
    };
  });
}

/** Ticks a checklist step of the case's pinned plan, e.g. `reception.elect-representatives`. */
export async function completeStep(ctx: Context, props: { actor: Actor; caseId: string; stepId: string }): Promise<CaseDetail> {
  return runCaseCommand(ctx, { ...props, action: 'case.step' }, async (trx, row, _units, now) => {
    const plan = await pinnedPlan(trx, row);
    const [stageKey, stepKey] = props.stepId.split('.');
    const stage = plan.stages.find((candidate) => candidate.key === stageKey);
    const step = stage?.steps.find((candidate) => candidate.id === stepKey);
    if (!stage || !step) throw notFound(`Checklist step ${props.stepId}`);
    const done = await trx
      .selectFrom('step_completions')
      .select('done_at')
      .where('case_id', '=', row.id)
      .where('step_id', '=', props.stepId)
      .executeTakeFirst();
    if (done) throw refused('step_already_done', `This step was already done at ${done.done_at}.`, { stepId: props.stepId, at: done.done_at });
    await trx.insertInto('step_completions').values({ case_id: row.id, step_id: props.stepId, done_by: props.actor.id, done_at: now }).execute();
    return {
      event: { type: 'step.done', data: { stepId: props.stepId, text: step.text } },
      audit: { action: 'case.step', detail: { stepId: props.stepId } },
    };
  });
}

/**
 * Unticks a step ticked by mistake. The tick is not erased from the record: the timeline keeps its
 * `step.done` and gains a `step.undone` saying who took it back, and when it had been ticked.
 */
export async function undoStep(ctx: Context, props: { actor: Actor; caseId: string; stepId: string }): Promise<CaseDetail> {
  return runCaseCommand(ctx, { ...props, action: 'case.step' }, async (trx, row) => {
    const plan = await pinnedPlan(trx, row);
    const [stageKey, stepKey] = props.stepId.split('.');
    const step = plan.stages.find((candidate) => candidate.key === stageKey)?.steps.find((candidate) => candidate.id === stepKey);
    if (!step) throw notFound(`Checklist step ${props.stepId}`);
    const done = await trx
      .selectFrom('step_completions')
      .select(['done_at', 'done_by'])
      .where('case_id', '=', row.id)
      .where('step_id', '=', props.stepId)
      .executeTakeFirst();
    // A retried untick finds nothing to undo and says so, rather than recording it twice.
    if (!done) throw refused('step_not_done', 'This step is not done; there is no tick to take back.', { stepId: props.stepId });
    await trx.deleteFrom('step_completions').where('case_id', '=', row.id).where('step_id', '=', props.stepId).execute();
    return {
      event: { type: 'step.undone', data: { stepId: props.stepId, text: step.text, doneAt: done.done_at, doneBy: done.done_by } },
      audit: { action: 'case.step_undone', detail: { stepId: props.stepId, doneAt: done.done_at } },
    };
  });
}

/** Records the decision to receive a collective visit together when it will not elect representatives. */
export async function receiveTogether(ctx: Context, props: { actor: Actor; caseId: string; reason: string }): Promise<CaseDetail> {
  const reason = required('reason', props.reason);
  return runCaseCommand(ctx, { ...props, action: 'case.representatives' }, async (_trx, row) => {
    if (row.kind !== 'collective') throw invalid('kind', 'only a collective visit is received together.');
    return {
      changes: { receive_together: 1 },
      event: { type: 'group.received_together', data: { reason } },
      audit: { action: 'case.receive_together' },
    };
  });
}
