import {
  callbackOutcomes,
  callbackSettingsOf,
  isCallbackOutcome,
  isUnsatisfiedReason,
  reworkClockKind,
  reworkable,
  unsatisfiedRating,
  unsatisfiedReasons,
  type CallbackOutcome,
  type ReworkSource,
  type UnsatisfiedReason,
} from '../core/callbacks.js';
import { countDays, deadline } from '../core/deadlines.js';
import { forbidden, invalid, refused } from '../core/errors.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { appendEvent } from '../db/events.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { CallbacksTable, ReworksTable } from '../db/schema.js';
import { enqueue } from '../notifications/outbox.js';
import { jurisdiction, type Context, type Trx } from '../context/context.js';
import { caseFor } from './support/case-access.js';
import { runCaseWrite, type CaseChange } from './support/case-command.js';
import { claimIdempotencyKey, keepIdempotentResult, type IdempotencyKey } from './support/idempotency.js';

/** A call-back task as the case page shows it; `notes` only to the office, whose read of them is audited. */
export interface CallbackView {
  id: string;
  answerId: string | null;
  afterReworkId: string | null;
  deadline: ReturnType<typeof deadline>;
  startedAt: string;
  outcome: CallbackOutcome | null;
  reason: UnsatisfiedReason | null;
  notes: string | null;
  recordedAt: string | null;
  recordedBy: string | null;
  /** The rework this call-back sent the case back for, if it did. */
  reworkId: string | null;
}

export interface ReworkView {
  id: string;
  unitId: string;
  unitName: string;
  source: ReworkSource;
  callbackId: string | null;
  feedbackId: string | null;
  reason: UnsatisfiedReason;
  requirements: string;
  deadline: ReturnType<typeof deadline>;
  startedAt: string;
  startedBy: string | null;
  report: string | null;
  reportedAt: string | null;
  reportedBy: string | null;
}

/** A case's call-backs and reworks, the petitioner's latest rating, and what the reader may do. */
export interface CallbackState {
  caseId: string;
  current: CallbackView | null;
  past: CallbackView[];
  rework: ReworkView | null;
  pastReworks: ReworkView[];
  /** The petitioner's rating of the latest answer on the portal, and whether it has sent the case back. */
  rating: { feedbackId: string; rating: number; at: string; unsatisfied: boolean; sentBack: boolean } | null;
  may: { record: boolean; sendBack: boolean; report: boolean };
}

async function callbackState(ctx: Context, trx: Trx, actor: Actor, row: CaseRow, unitIds: readonly string[], now: string): Promise<CallbackState> {
  const [callbacks, reworks, latestAnswer] = await Promise.all([
    trx.selectFrom('callbacks').selectAll().where('case_id', '=', row.id).orderBy('started_at', 'desc').orderBy('id').execute(),
    trx
      .selectFrom('reworks')
      .innerJoin('units', 'units.id', 'reworks.unit_id')
      .selectAll('reworks')
      .select('units.name as unit_name')
      .where('reworks.case_id', '=', row.id)
      .orderBy('reworks.started_at', 'desc')
      .orderBy('reworks.id')
      .execute(),
    trx.selectFrom('answers').select('id').where('case_id', '=', row.id).orderBy('created_at', 'desc').limit(1).executeTakeFirst(),
  ]);
  const feedback = latestAnswer
    ? await trx.selectFrom('feedback').select(['id', 'rating', 'created_at']).where('answer_id', '=', latestAnswer.id).executeTakeFirst()
    : undefined;
  const resource = { type: 'case' as const, assignedUnitIds: unitIds };
  const office = can(actor, 'case.callback', resource);
  // What was said on the call is the petitioner's: only the office, who calls, reads it, and the read is written down.
  const shownNotes = office ? callbacks.filter((item) => item.notes_sealed !== null).length : 0;
  if (shownNotes > 0) {
    await recordAudit(trx, { at: now, actorId: actor.id, action: 'case.personal_data.read', subjectType: 'case', subjectId: row.id, detail: { callbackNotes: shownNotes } });
  }
  const reworkOf = new Map(reworks.filter((item) => item.callback_id !== null).map((item) => [item.callback_id, item.id]));
  const callbackView = (item: CallbacksTable): CallbackView => ({
    id: item.id,
    answerId: item.answer_id,
    afterReworkId: item.after_rework_id,
    deadline: deadline(item.due_at, item.recorded_at, now),
    startedAt: item.started_at,
    outcome: item.outcome,
    reason: isUnsatisfiedReason(item.reason) ? item.reason : null,
    notes: office && item.notes_sealed !== null ? ctx.sealer.open(item.notes_sealed) : null,
    recordedAt: item.recorded_at,
    recordedBy: item.recorded_by,
    reworkId: reworkOf.get(item.id) ?? null,
  });
  const reworkView = (item: ReworksTable & { unit_name: string }): ReworkView => ({
    id: item.id,
    unitId: item.unit_id,
    unitName: item.unit_name,
    source: item.source,
    callbackId: item.callback_id,
    feedbackId: item.feedback_id,
    reason: isUnsatisfiedReason(item.reason) ? item.reason : 'not_resolved',
    requirements: item.requirements,
    deadline: deadline(item.due_at, item.reported_at, now),
    startedAt: item.started_at,
    startedBy: item.started_by,
    report: item.report,
    reportedAt: item.reported_at,
    reportedBy: item.reported_by,
  });
  const open = callbacks.find((item) => item.recorded_at === null);
  const openRework = reworks.find((item) => item.reported_at === null);
  const sentBack = feedback ? reworks.some((item) => item.feedback_id === feedback.id) : false;
  const unsatisfied = feedback ? feedback.rating <= unsatisfiedRating : false;
  return {
    caseId: row.id,
    current: open ? callbackView(open) : null,
    past: callbacks.filter((item) => item.recorded_at !== null).map(callbackView),
    rework: openRework ? reworkView(openRework) : null,
    pastReworks: reworks.filter((item) => item.reported_at !== null).map(reworkView),
    rating: feedback ? { feedbackId: feedback.id, rating: feedback.rating, at: feedback.created_at, unsatisfied, sentBack } : null,
    may: {
      record: Boolean(open) && office,
      sendBack: unsatisfied && !sentBack && !openRework && row.lead_unit_id !== null && office,
      report: Boolean(openRework && actor.unitId === openRework.unit_id && can(actor, 'case.rework.report', resource)),
    },
  };
}

/** A case's call-backs and reworks, for whoever may read the case (what was said on the call: the office only). */
export async function getCallbacks(ctx: Context, props: { actor: Actor; caseId: string }): Promise<CallbackState> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, unitIds } = await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.read' });
    return callbackState(ctx, trx, props.actor, row, unitIds, ctx.now());
  });
}

/**
 * A call-back falls due (the plan's callback.days from `now`), inside the caller's transaction: after
 * a written answer (commands/case-records.ts) or a reported rework. It is the office's own work, on
 * the office's list of call-backs due (overdue ones marked there), not a clock the ladder climbs with:
 * the ladder climbs to the office, who calls. A case with a call-back still due keeps that one.
 * Returns the due time, or null when one was due already.
 */
export async function scheduleCallback(
  ctx: Context,
  trx: Trx,
  props: { row: CaseRow; now: string; answerId?: string; afterReworkId?: string },
): Promise<string | null> {
  const open = await trx.selectFrom('callbacks').select('id').where('case_id', '=', props.row.id).where('recorded_at', 'is', null).executeTakeFirst();
  if (open) return null;
  const plan = await pinnedPlan(trx, props.row);
  const dueAt = countDays(plan.deadlines, props.now, callbackSettingsOf(plan).days, jurisdiction(ctx));
  const id = ctx.newId();
  await trx
    .insertInto('callbacks')
    .values({
      id,
      case_id: props.row.id,
      answer_id: props.answerId ?? null,
      after_rework_id: props.afterReworkId ?? null,
      due_at: dueAt,
      started_at: props.now,
      outcome: null,
      reason: null,
      notes_sealed: null,
      recorded_at: null,
      recorded_by: null,
    })
    .execute();
  return dueAt;
}

function reworkDaysOf(value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 365)) throw invalid('reworkDays', 'must be a whole number of days from 1 to 365.', { code: 'invalid' });
  return value;
}

function reasonOf(outcome: CallbackOutcome, value: string | undefined): UnsatisfiedReason | null {
  if (outcome !== 'unsatisfied') {
    if (value !== undefined) throw invalid('reason', 'is given only with the outcome unsatisfied.', { code: 'not_allowed' });
    return null;
  }
  if (value === undefined || value === '') throw invalid('reason', 'say why the petitioner is unsatisfied.', { code: 'required' });
  if (!isUnsatisfiedReason(value)) throw invalid('reason', `must be one of ${unsatisfiedReasons.join(', ')}.`, { code: 'one_of', params: { values: [...unsatisfiedReasons] } });
  return value;
}

/**
 * Sends the case back to its lead unit for rework (发回重办) inside the caller's transaction: the
 * rework's row, its clock (the plan's callback.reworkDays unless given) as a row of `deadlines` the
 * unit owes, and the unit's notice; the caller records the `case.rework` event it returns, which
 * the accountability report counts against the unit. Refused when a rework is under way or the case has no lead unit.
 */
async function sendBack(
  ctx: Context,
  trx: Trx,
  props: { actor: Actor; row: CaseRow; now: string; source: ReworkSource; reason: UnsatisfiedReason; requirements: string; reworkDays?: number | undefined; callbackId?: string; feedbackId?: string },
): Promise<{ reworkId: string; unitId: string; dueAt: string; event: CaseChange['event'] }> {
  const { row, now } = props;
  const open = await trx.selectFrom('reworks').select('due_at').where('case_id', '=', row.id).where('reported_at', 'is', null).executeTakeFirst();
  if (open) throw refused('rework_open', 'The case is already back with its unit for rework.', { dueAt: open.due_at });
  const unit = row.lead_unit_id === null ? undefined : await trx.selectFrom('units').select(['id', 'name']).where('id', '=', row.lead_unit_id).executeTakeFirst();
  if (!unit) throw refused('no_lead_unit', 'The case has no lead unit to send it back to: assign one first.', {});
  const plan = await pinnedPlan(trx, row);
  const dueAt = countDays(plan.deadlines, now, props.reworkDays ?? callbackSettingsOf(plan).reworkDays, jurisdiction(ctx));
  const rework: ReworksTable = {
    id: ctx.newId(),
    case_id: row.id,
    unit_id: unit.id,
    source: props.source,
    callback_id: props.callbackId ?? null,
    feedback_id: props.feedbackId ?? null,
    reason: props.reason,
    requirements: props.requirements,
    due_at: dueAt,
    started_at: now,
    started_by: props.actor.id,
    report: null,
    reported_at: null,
    reported_by: null,
  };
  await trx.insertInto('reworks').values(rework).execute();
  await trx
    .insertInto('deadlines')
    .values({ id: ctx.newId(), case_id: row.id, subject: rework.id, kind: reworkClockKind, unit_id: unit.id, due_at: dueAt, done_at: null, missed_at: null, escalate_at: null, escalated_at: null, started_at: now })
    .execute();
  const data = { reworkId: rework.id, unitId: unit.id, unitName: unit.name, source: props.source, reason: props.reason, requirements: props.requirements, dueAt, reference: row.reference, title: row.title };
  await enqueue(ctx, trx, [{ unitId: unit.id }], { template: 'rework.started', caseId: row.id, data });
  const event = {
    type: 'case.rework',
    data: { reworkId: rework.id, unitId: unit.id, unitName: unit.name, source: props.source, reason: props.reason, dueAt, ...(props.callbackId ? { callbackId: props.callbackId } : {}), ...(props.feedbackId ? { feedbackId: props.feedbackId } : {}) },
  };
  return { reworkId: rework.id, unitId: unit.id, dueAt, event };
}

/** The frame of a call-back write: the key claimed, the case locked and checked for `action`, the write, its event and audit entry, the state kept under the key and returned. */
function callbackWrite(
  ctx: Context,
  props: { actor: Actor; caseId: string },
  action: 'case.callback' | 'case.rework.report',
  idempotency: IdempotencyKey | undefined,
  work: (trx: Trx, row: CaseRow, now: string) => Promise<CaseChange>,
): Promise<CallbackState> {
  return runCaseWrite(ctx, {
    by: { kind: 'staff', actor: props.actor },
    lock: async (trx) => {
      if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
      return caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action, lock: true });
    },
    work: (trx, { row }, now) => work(trx, row, now),
    result: async (trx, updated, locked, now) => {
      const state = await callbackState(ctx, trx, props.actor, updated, locked.unitIds, now);
      if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, updated.id, state);
      return state;
    },
  });
}

export interface RecordCallbackProps {
  actor: Actor;
  caseId: string;
  outcome: string;
  /** Why the petitioner is unsatisfied: required with `unsatisfied`, refused with any other outcome. */
  reason?: string | undefined;
  /** What was said on the call; sealed. */
  notes?: string | undefined;
  /** What the unit must redo, when the outcome sends the case back. */
  requirements?: string | undefined;
  reworkDays?: number | undefined;
}

/**
 * The office records the call-back's outcome (满意, 基本满意, 不满意, 无法联系) and what was said
 * (sealed), which ends the call-back's clock (a late one is recorded as late). Unsatisfied for a
 * reason the unit can fix sends the case back to the lead unit for rework with a new clock, in the
 * same transaction; unreachable ends the task too (the office may record no second call-back for
 * the same answer). With an idempotency key a retry answers what the first did; without one a
 * second record is refused (`no_callback_due`).
 */
export async function recordCallback(ctx: Context, props: RecordCallbackProps, idempotency?: IdempotencyKey): Promise<CallbackState> {
  if (!isCallbackOutcome(props.outcome)) throw invalid('outcome', `must be one of ${callbackOutcomes.join(', ')}.`, { code: 'one_of', params: { values: [...callbackOutcomes] } });
  const outcome = props.outcome;
  const reason = reasonOf(outcome, props.reason);
  const reworkDays = reworkDaysOf(props.reworkDays);
  const notes = props.notes?.trim() || null;
  const requirements = props.requirements?.trim() ?? '';
  return callbackWrite(ctx, props, 'case.callback', idempotency, async (trx, row, now) => {
    const open = await trx.selectFrom('callbacks').selectAll().where('case_id', '=', row.id).where('recorded_at', 'is', null).executeTakeFirst();
    if (!open) throw refused('no_callback_due', 'No call-back is due on this case: one falls due when an answer is given or a rework reported.', {});
    const updated = await trx
      .updateTable('callbacks')
      .set({ outcome, reason, notes_sealed: notes === null ? null : ctx.sealer.seal(notes), recorded_at: now, recorded_by: props.actor.id })
      .where('id', '=', open.id)
      .where('recorded_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw refused('no_callback_due', 'The call-back was recorded just now.', {});
    const late = now > open.due_at;
    const rework = reason !== null && reworkable(reason) ? await sendBack(ctx, trx, { actor: props.actor, row, now, source: 'callback', reason, requirements, reworkDays, callbackId: open.id }) : null;
    const recorded = {
      type: 'case.callback_recorded',
      data: {
        callbackId: open.id,
        outcome,
        ...(reason ? { reason } : {}),
        late,
        dueAt: open.due_at,
        ...(open.answer_id ? { answerId: open.answer_id } : {}),
        ...(rework ? { reworkId: rework.reworkId, unitId: rework.unitId } : {}),
      },
    };
    const audit = { action: 'case.callback', detail: { callbackId: open.id, outcome, notes: notes !== null, ...(rework ? { reworkId: rework.reworkId } : {}) } };
    if (!rework) return { event: recorded, audit, changes: {} };
    // Sent back: the outcome first on the timeline, then the rework it led to (the frame records the last).
    await appendEvent(trx, { caseId: row.id, type: recorded.type, actorId: props.actor.id, at: now, data: recorded.data });
    return { event: rework.event, audit, changes: {} };
  });
}

/**
 * The office sends a case back for rework on the petitioner's own unsatisfied rating (portal, 1–5;
 * 2 or less) of the latest answer, for a reason the unit can fix: the same rework and clock as an
 * unsatisfied call-back, counted against the unit the same way. A rating sends the case back once.
 * A rating is never a rework by itself: the office reads it first (the comment may ask for a review,
 * or for something outside the unit's remit).
 */
export async function sendBackOnRating(
  ctx: Context,
  props: { actor: Actor; caseId: string; reason: string; requirements?: string | undefined; reworkDays?: number | undefined },
  idempotency?: IdempotencyKey,
): Promise<CallbackState> {
  if (!isUnsatisfiedReason(props.reason)) throw invalid('reason', `must be one of ${unsatisfiedReasons.join(', ')}.`, { code: 'one_of', params: { values: [...unsatisfiedReasons] } });
  const reason = props.reason;
  if (!reworkable(reason)) throw invalid('reason', 'is not the unit’s to fix: a rework is for what the unit can put right.', { code: 'not_allowed' });
  const reworkDays = reworkDaysOf(props.reworkDays);
  const requirements = props.requirements?.trim() ?? '';
  return callbackWrite(ctx, props, 'case.callback', idempotency, async (trx, row, now) => {
    const answer = await trx.selectFrom('answers').select('id').where('case_id', '=', row.id).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    const feedback = answer ? await trx.selectFrom('feedback').select(['id', 'rating']).where('answer_id', '=', answer.id).executeTakeFirst() : undefined;
    if (!feedback || feedback.rating > unsatisfiedRating) throw refused('no_unsatisfied_rating', 'The petitioner has not rated the latest answer unsatisfied.', {});
    const before = await trx.selectFrom('reworks').select('started_at').where('feedback_id', '=', feedback.id).executeTakeFirst();
    if (before) throw refused('rating_sent_back', 'This rating has sent the case back already.', { at: before.started_at });
    const rework = await sendBack(ctx, trx, { actor: props.actor, row, now, source: 'rating', reason, requirements, reworkDays, feedbackId: feedback.id });
    return {
      event: { ...rework.event, data: { ...rework.event.data, rating: feedback.rating } },
      audit: { action: 'case.rework', detail: { reworkId: rework.reworkId, source: 'rating', feedbackId: feedback.id } },
      changes: {},
    };
  });
}

/**
 * The lead unit's officers report the rework done, once: its clock stops (a late report is recorded
 * as late), the office is told, and a new call-back falls due on the plan's callback.days.
 */
export async function reportRework(ctx: Context, props: { actor: Actor; caseId: string; report: string }, idempotency?: IdempotencyKey): Promise<CallbackState> {
  const report = props.report.trim();
  if (report === '') throw invalid('report', 'say what the unit did.', { code: 'required' });
  return callbackWrite(ctx, props, 'case.rework.report', idempotency, async (trx, row, now) => {
    const open = await trx.selectFrom('reworks').selectAll().where('case_id', '=', row.id).where('reported_at', 'is', null).executeTakeFirst();
    if (!open) throw refused('no_rework', 'The case is not back with its unit for rework.', {});
    if (props.actor.unitId !== open.unit_id) throw forbidden('Only the unit the case was sent back to reports its rework.');
    const updated = await trx.updateTable('reworks').set({ report, reported_at: now, reported_by: props.actor.id }).where('id', '=', open.id).where('reported_at', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw refused('no_rework', 'The rework was reported just now.', {});
    await trx.updateTable('deadlines').set({ done_at: now }).where('case_id', '=', row.id).where('subject', '=', open.id).where('kind', '=', reworkClockKind).where('done_at', 'is', null).execute();
    const late = now > open.due_at;
    const callbackDueAt = await scheduleCallback(ctx, trx, { row, now, afterReworkId: open.id });
    const unit = await trx.selectFrom('units').select('name').where('id', '=', open.unit_id).executeTakeFirst();
    const data = { reworkId: open.id, unitId: open.unit_id, unitName: unit?.name ?? '', report, late, reference: row.reference, title: row.title };
    await enqueue(ctx, trx, [{ role: 'coordinator' }], { template: 'rework.reported', caseId: row.id, data });
    return {
      event: { type: 'rework.reported', data: { reworkId: open.id, unitId: open.unit_id, unitName: unit?.name ?? '', late, dueAt: open.due_at, ...(callbackDueAt ? { callbackDueAt } : {}) } },
      audit: { action: 'case.rework.report', detail: { reworkId: open.id, late } },
      changes: {},
    };
  });
}
