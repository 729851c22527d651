import { countDays, deadline } from '../core/deadlines.js';
import { forbidden, invalid, refused } from '../core/errors.js';
import { ladderOf } from '../core/ladder.js';
import { can } from '../core/policy.js';
import { feedbackClockKind, isSupervisionKind, supervisionKinds, type SupervisionKind } from '../core/supervision.js';
import { openStages, type Actor } from '../core/types.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { SupervisionsTable } from '../db/schema.js';
import { enqueue } from '../notifications/outbox.js';
import { jurisdiction, type Context, type Trx } from '../context/context.js';
import { caseFor } from './support/case-access.js';
import { runCaseWrite } from './support/case-command.js';
import { issueNotice, noticeDate } from './written-notices.js';

/** A supervision as the case page shows it. */
export interface SupervisionView {
  id: string;
  kind: SupervisionKind;
  unitId: string;
  unitName: string;
  requirements: string;
  noticeId: string;
  startedAt: string;
  startedBy: string | null;
  feedback: string | null;
  feedbackAt: string | null;
  feedbackBy: string | null;
  feedbackDeadline: ReturnType<typeof deadline>;
  endedAt: string | null;
  endedBy: string | null;
  endNote: string | null;
}

export interface SupervisionState {
  current: SupervisionView | null;
  past: SupervisionView[];
  may: { supervise: boolean; feedback: boolean; end: boolean };
}

const kindWords = { supervised: { zh: '督办', en: 'supervision' }, listed: { zh: '挂牌督办', en: 'listed supervision' } } as const;

async function supervisionState(trx: Trx, actor: Actor, row: CaseRow, unitIds: readonly string[], now: string): Promise<SupervisionState> {
  const rows = await trx
    .selectFrom('supervisions')
    .innerJoin('units', 'units.id', 'supervisions.unit_id')
    .selectAll('supervisions')
    .select('units.name as unit_name')
    .where('supervisions.case_id', '=', row.id)
    .orderBy('supervisions.started_at', 'desc')
    .orderBy('supervisions.id')
    .execute();
  const view = (item: SupervisionsTable & { unit_name: string }): SupervisionView => ({
    id: item.id,
    kind: item.kind,
    unitId: item.unit_id,
    unitName: item.unit_name,
    requirements: item.requirements,
    noticeId: item.notice_id,
    startedAt: item.started_at,
    startedBy: item.started_by,
    feedback: item.feedback,
    feedbackAt: item.feedback_at,
    feedbackBy: item.feedback_by,
    // Ended without feedback, the clock stopped with it.
    feedbackDeadline: item.feedback_at === null && item.ended_at !== null ? { dueAt: item.feedback_due_at, doneAt: null, status: 'stopped' } : deadline(item.feedback_due_at, item.feedback_at, now),
    endedAt: item.ended_at,
    endedBy: item.ended_by,
    endNote: item.end_note,
  });
  const open = rows.find((item) => item.ended_at === null);
  const resource = { type: 'case' as const, assignedUnitIds: unitIds };
  return {
    current: open ? view(open) : null,
    past: rows.filter((item) => item.ended_at !== null).map(view),
    may: {
      supervise: !open && openStages.includes(row.stage) && row.lead_unit_id !== null && can(actor, 'case.supervise', resource),
      feedback: Boolean(open && open.feedback_at === null && actor.unitId === open.unit_id && can(actor, 'case.supervision.feedback', resource)),
      end: Boolean(open && can(actor, 'case.supervise', resource)),
    },
  };
}

/** A case's supervision, for whoever may read the case. */
export async function getSupervision(ctx: Context, props: { actor: Actor; caseId: string }): Promise<SupervisionState> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, unitIds } = await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.read' });
    return supervisionState(trx, props.actor, row, unitIds, ctx.now());
  });
}

async function openSupervision(trx: Trx, caseId: string): Promise<SupervisionsTable | undefined> {
  return trx.selectFrom('supervisions').selectAll().where('case_id', '=', caseId).where('ended_at', 'is', null).executeTakeFirst();
}

function written(value: string | undefined, field: string): string {
  const text = value?.trim() ?? '';
  if (text === '') throw invalid(field, 'write it out.', { code: 'required' });
  return text;
}

/** The frame of a supervision write: the case locked and checked for `action`, the write, the case's event and audit entry, the state returned. */
function supervisionWrite(
  ctx: Context,
  props: { actor: Actor; caseId: string },
  action: 'case.supervise' | 'case.supervision.feedback',
  work: Parameters<typeof runCaseWrite<{ row: CaseRow; unitIds: string[] }, SupervisionState>>[1]['work'],
): Promise<SupervisionState> {
  return runCaseWrite(ctx, {
    by: { kind: 'staff', actor: props.actor },
    lock: (trx) => caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action, lock: true }),
    work,
    result: (trx, updated, locked, now) => supervisionState(trx, props.actor, updated, locked.unitIds, now),
  });
}

/**
 * The leadership group puts a case under supervision (督办) or listed supervision (挂牌督办, Art. 40):
 * a written supervision notice to the lead unit, with the requirements and the due date of its
 * written feedback (the plan's supervision.feedbackDays unless given), whose clock is a row of
 * `deadlines` — reminded, missed and escalated by the ladder like every other. One at a time; the
 * case carries its kind for the queue's filter and the dashboard.
 */
export async function superviseCase(ctx: Context, props: { actor: Actor; caseId: string; kind: string; requirements: string; feedbackDays?: number }): Promise<SupervisionState> {
  if (!isSupervisionKind(props.kind)) throw invalid('kind', `must be one of ${supervisionKinds.join(', ')}.`, { code: 'one_of', params: { values: [...supervisionKinds] } });
  const kind = props.kind;
  const requirements = written(props.requirements, 'requirements');
  if (props.feedbackDays !== undefined && (!Number.isInteger(props.feedbackDays) || props.feedbackDays < 1 || props.feedbackDays > 365)) {
    throw invalid('feedbackDays', 'must be a whole number of days from 1 to 365.', { code: 'invalid' });
  }
  return supervisionWrite(ctx, props, 'case.supervise', async (trx, { row }, now) => {
    if (!openStages.includes(row.stage)) throw refused('case_not_open', `A case in stage ${row.stage} is not being worked; it is not put under supervision.`, { stage: row.stage });
    const current = await openSupervision(trx, row.id);
    if (current) throw refused('already_supervised', 'The case is already under supervision: end it first.', { kind: current.kind });
    const unit = row.lead_unit_id === null ? undefined : await trx.selectFrom('units').select(['id', 'name', 'name_en']).where('id', '=', row.lead_unit_id).executeTakeFirst();
    if (!unit) throw refused('no_lead_unit', 'The case has no lead unit to supervise: assign one first.', {});
    const plan = await pinnedPlan(trx, row);
    const days = props.feedbackDays ?? ladderOf(plan).feedbackDays;
    const feedbackDueAt = countDays(plan.deadlines, now, days, jurisdiction(ctx));
    const notice = await issueNotice(ctx, trx, {
      row,
      kind: 'supervision',
      params: { unit: { zh: unit.name, en: unit.name_en ?? unit.name }, supervisionKind: kindWords[kind], requirements, feedbackDueDate: noticeDate(ctx, feedbackDueAt) },
      actorId: props.actor.id,
      now,
      email: false,
    });
    const supervision: SupervisionsTable = {
      id: ctx.newId(),
      case_id: row.id,
      kind,
      unit_id: unit.id,
      requirements,
      notice_id: notice.id,
      feedback_due_at: feedbackDueAt,
      started_at: now,
      started_by: props.actor.id,
      feedback: null,
      feedback_at: null,
      feedback_by: null,
      ended_at: null,
      ended_by: null,
      end_note: null,
    };
    await trx.insertInto('supervisions').values(supervision).execute();
    await trx
      .insertInto('deadlines')
      .values({ id: ctx.newId(), case_id: row.id, subject: supervision.id, kind: feedbackClockKind, unit_id: unit.id, due_at: feedbackDueAt, done_at: null, missed_at: null, escalate_at: null, escalated_at: null, started_at: now })
      .execute();
    const data = { supervisionId: supervision.id, kind, unitId: unit.id, unitName: unit.name, requirements, feedbackDueAt, noticeId: notice.id, reference: row.reference, title: row.title };
    await enqueue(ctx, trx, [{ unitId: unit.id }, { role: 'coordinator' }], { template: 'supervision.started', caseId: row.id, data });
    return {
      event: { type: 'supervision.started', data: { supervisionId: supervision.id, kind, unitId: unit.id, unitName: unit.name, feedbackDueAt, noticeId: notice.id } },
      audit: { action: 'case.supervise', detail: { supervisionId: supervision.id, kind, unitId: unit.id } },
      changes: { supervision: kind },
    };
  });
}

/**
 * The supervised unit's written feedback (Art. 40), once, by its own officers: it stops the
 * feedback's clock (late feedback is recorded as late) and is sent to the leadership group and the office.
 */
export async function giveSupervisionFeedback(ctx: Context, props: { actor: Actor; caseId: string; feedback: string }): Promise<SupervisionState> {
  const feedback = written(props.feedback, 'feedback');
  return supervisionWrite(ctx, props, 'case.supervision.feedback', async (trx, { row }, now) => {
    const current = await openSupervision(trx, row.id);
    if (!current) throw refused('not_supervised', 'The case is not under supervision.', {});
    if (props.actor.unitId !== current.unit_id) throw forbidden('Only the supervised unit gives its written feedback.');
    if (current.feedback_at !== null) throw refused('feedback_given', 'The unit has given its written feedback already.', { at: current.feedback_at });
    const updated = await trx
      .updateTable('supervisions')
      .set({ feedback, feedback_at: now, feedback_by: props.actor.id })
      .where('id', '=', current.id)
      .where('feedback_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw refused('feedback_given', 'The unit has given its written feedback already.', { at: now });
    await trx.updateTable('deadlines').set({ done_at: now }).where('case_id', '=', row.id).where('subject', '=', current.id).where('kind', '=', feedbackClockKind).where('done_at', 'is', null).execute();
    const late = now > current.feedback_due_at;
    const unit = await trx.selectFrom('units').select('name').where('id', '=', current.unit_id).executeTakeFirst();
    const data = { supervisionId: current.id, unitId: current.unit_id, unitName: unit?.name ?? '', feedback, late, reference: row.reference, title: row.title };
    await enqueue(ctx, trx, [{ role: 'leader' }, { role: 'coordinator' }], { template: 'supervision.feedback', caseId: row.id, data });
    return {
      event: { type: 'supervision.feedback', data: { supervisionId: current.id, unitId: current.unit_id, unitName: unit?.name ?? '', late } },
      audit: { action: 'case.supervision.feedback', detail: { supervisionId: current.id, late } },
      changes: {},
    };
  });
}

/** The leadership group ends the supervision, with a note if it writes one; a feedback clock still running stops. */
export async function endSupervision(ctx: Context, props: { actor: Actor; caseId: string; note?: string }): Promise<SupervisionState> {
  const note = props.note?.trim() || null;
  return supervisionWrite(ctx, props, 'case.supervise', async (trx, { row }, now) => {
    const current = await openSupervision(trx, row.id);
    if (!current) throw refused('not_supervised', 'The case is not under supervision.', {});
    await trx.updateTable('supervisions').set({ ended_at: now, ended_by: props.actor.id, end_note: note }).where('id', '=', current.id).execute();
    await trx.updateTable('deadlines').set({ done_at: now }).where('case_id', '=', row.id).where('subject', '=', current.id).where('done_at', 'is', null).execute();
    const data = { supervisionId: current.id, kind: current.kind, note, reference: row.reference, title: row.title };
    await enqueue(ctx, trx, [{ unitId: current.unit_id }, { role: 'coordinator' }], { template: 'supervision.ended', caseId: row.id, data });
    return {
      event: { type: 'supervision.ended', data: { supervisionId: current.id, kind: current.kind, ...(note ? { note } : {}), feedbackGiven: current.feedback_at !== null } },
      audit: { action: 'case.supervision.end', detail: { supervisionId: current.id } },
      changes: { supervision: null },
    };
  });
}
