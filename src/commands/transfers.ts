import { countDays, deadline, type Deadline } from '../core/deadlines.js';
import { forbidden, invalid, notFound, refused } from '../core/errors.js';
import { transferReplyDays, type LocalText } from '../core/plan.js';
import { can } from '../core/policy.js';
import { transferClockKinds, transferKinds, transferReplies, type TransferKind, type TransferReply } from '../core/transfers.js';
import { openStages, type Actor } from '../core/types.js';
import { assignmentActive } from '../db/repositories/assignments.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { TransfersTable } from '../db/schema.js';
import type { CaseDetail } from '../presenters/case-view.js';
import { jurisdiction, type Context, type Trx } from '../context/context.js';
import { createAssignment } from './assign-unit.js';
import { caseFor } from './support/case-access.js';
import { runCaseCommand } from './support/case-command.js';
import { issueNotice } from './written-notices.js';

/** A transfer as the API answers it, with its clocks as they stand now. */
export interface TransferView {
  id: string;
  kind: TransferKind;
  /** The receiving unit of the tree, or null for a body outside this deployment (then `bodyName`). */
  unitId: string | null;
  bodyName: string | null;
  reason: string;
  assignmentId: string | null;
  noticeId: string | null;
  createdAt: string;
  createdBy: string | null;
  /** The receiver's clock to tell the petitioner whether it accepts (Art. 23). */
  replyClock: Deadline;
  reply: TransferReply | null;
  replyNote: string | null;
  repliedAt: string | null;
  /** An assignment's clock for its result report (办结报告); null for a transfer. */
  resultClock: Deadline | null;
  report: string | null;
  reportedAt: string | null;
}

function transferView(row: TransfersTable, now: string): TransferView {
  return {
    id: row.id,
    kind: row.kind as TransferKind,
    unitId: row.unit_id,
    bodyName: row.body_name,
    reason: row.reason,
    assignmentId: row.assignment_id,
    noticeId: row.notice_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    replyClock: deadline(row.reply_due_at, row.replied_at, now),
    reply: row.reply as TransferReply | null,
    replyNote: row.reply_note,
    repliedAt: row.replied_at,
    resultClock: row.result_due_at === null ? null : deadline(row.result_due_at, row.reported_at, now),
    report: row.report,
    reportedAt: row.reported_at,
  };
}

export interface TransferProps {
  actor: Actor;
  caseId: string;
  kind: TransferKind;
  unitId?: string;
  bodyName?: string;
  reason: string;
  /** For an assignment (交办): when the result report is due. */
  resultDueAt?: string;
}

/** The shape of a transfer, checked before anything is read: each problem a 400 naming its field. */
function checkTransferShape(props: TransferProps, now: string): { reason: string; bodyName: string | null; resultDueAt: string | null } {
  if (!transferKinds.includes(props.kind)) throw invalid('kind', `must be one of ${transferKinds.join(', ')}.`, { code: 'one_of', params: { values: [...transferKinds] } });
  const bodyName = props.bodyName?.trim() ?? '';
  if (props.unitId === undefined && bodyName === '') throw invalid('unitId', 'name the receiving body: a unit of the tree, or an outside body by name.', { code: 'required' });
  if (props.unitId !== undefined && bodyName !== '') throw invalid('bodyName', 'a case goes to a unit of the tree or to an outside body, not both.', { code: 'not_allowed' });
  const reason = props.reason.trim();
  if (reason === '') throw invalid('reason', 'say why the case goes to this body.', { code: 'required' });
  if (props.kind === 'transfer') {
    if (props.resultDueAt !== undefined) throw invalid('resultDueAt', 'only an assignment asks for a result report.', { code: 'not_allowed' });
    return { reason, bodyName: bodyName || null, resultDueAt: null };
  }
  if (props.resultDueAt === undefined) throw invalid('resultDueAt', 'an assignment says when its result report is due.', { code: 'required' });
  const parsed = Date.parse(props.resultDueAt);
  if (Number.isNaN(parsed)) throw invalid('resultDueAt', 'is not an ISO 8601 time.', { code: 'date_time' });
  const resultDueAt = new Date(parsed).toISOString();
  if (resultDueAt <= now) throw invalid('resultDueAt', 'the result report is due in the future.', { code: 'in_past' });
  return { reason, bodyName: bodyName || null, resultDueAt };
}

/**
 * Transfers (转送) or assigns (交办) a case to another body (Art. 22): a unit of the tree, which is
 * assigned and notified, or a body outside this deployment, recorded by its name. The receiver's
 * clock to tell the petitioner whether it accepts (Art. 23, the plan's transferReplyDays, 15 by
 * default) starts now, and for an assignment the result report's clock runs to its due date; both
 * are rows of `deadlines`, so the scanner records a miss and escalates it. The petitioner's written
 * transfer notice is issued in the same transaction.
 */
export async function createTransfer(ctx: Context, props: TransferProps): Promise<CaseDetail> {
  const shape = checkTransferShape(props, ctx.now());
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.assign' }, async (trx, row, unitIds, now) => {
    if (!openStages.includes(row.stage)) throw refused('case_not_open', `A case in stage ${row.stage} is not being worked; it cannot be transferred.`, { stage: row.stage });
    let body: LocalText = { zh: shape.bodyName ?? '', en: shape.bodyName ?? '' };
    let assignment: Awaited<ReturnType<typeof createAssignment>> | null = null;
    if (props.unitId !== undefined) {
      if (unitIds.includes(props.unitId)) throw invalid('unitId', 'the case is already with this unit: transfer it to another body.', { code: 'transfer_to_own_unit' });
      const unit = await trx.selectFrom('units').select(['id', 'name', 'name_en', 'deactivated_at']).where('id', '=', props.unitId).executeTakeFirst();
      if (!unit) throw invalid('unitId', 'no unit has this id.', { code: 'no_such_unit' });
      if (unit.deactivated_at !== null) throw invalid('unitId', `${unit.name} is deactivated and takes no new cases.`, { code: 'inactive_unit', params: { name: unit.name } });
      body = { zh: unit.name, en: unit.name_en ?? unit.name };
      const lead = await trx.selectFrom('assignments').select('id').where('case_id', '=', row.id).where('role', '=', 'lead').where(assignmentActive()).executeTakeFirst();
      assignment = await createAssignment(ctx, trx, row, { unitId: unit.id, role: lead ? 'assisting' : 'lead', actorId: props.actor.id, now });
    }
    const plan = await pinnedPlan(trx, row);
    const replyDueAt = countDays(plan.deadlines, now, transferReplyDays(plan), jurisdiction(ctx));
    const notice = await issueNotice(ctx, trx, { row, kind: 'transfer', params: { body, reason: shape.reason }, actorId: props.actor.id, now });
    const transfer: TransfersTable = {
      id: ctx.newId(),
      case_id: row.id,
      kind: props.kind,
      unit_id: props.unitId ?? null,
      body_name: shape.bodyName,
      reason: shape.reason,
      assignment_id: assignment?.assignmentId ?? null,
      notice_id: notice.id,
      reply_due_at: replyDueAt,
      result_due_at: shape.resultDueAt,
      created_at: now,
      created_by: props.actor.id,
      reply: null,
      reply_note: null,
      replied_at: null,
      replied_by: null,
      report: null,
      reported_at: null,
      reported_by: null,
    };
    await trx.insertInto('transfers').values(transfer).execute();
    const clock = (kind: string, dueAt: string) => ({ id: ctx.newId(), case_id: row.id, subject: transfer.id, kind, unit_id: transfer.unit_id, due_at: dueAt, done_at: null, missed_at: null, escalate_at: null, escalated_at: null, started_at: now });
    await trx
      .insertInto('deadlines')
      .values([clock(transferClockKinds.reply, replyDueAt), ...(shape.resultDueAt === null ? [] : [clock(transferClockKinds.result, shape.resultDueAt)])])
      .execute();
    const data = { transferId: transfer.id, kind: props.kind, unitId: transfer.unit_id, body, reason: shape.reason, replyDueAt, resultDueAt: shape.resultDueAt, noticeId: notice.id, ...(assignment ? { assignment } : {}) };
    return { event: { type: 'transfer.made', data }, audit: { action: 'case.transfer', detail: { transferId: transfer.id, kind: props.kind, unitId: transfer.unit_id, bodyName: transfer.body_name } } };
  });
}

/** Who may record what the receiver did: the office, or an officer of the receiving unit itself. */
function mayRecordFor(actor: Actor, transfer: TransfersTable, unitIds: string[]): boolean {
  if (can(actor, 'case.assign', { type: 'case', assignedUnitIds: unitIds })) return true;
  return transfer.unit_id !== null && actor.unitId === transfer.unit_id;
}

async function transferFor(trx: Trx, caseId: string, transferId: string): Promise<TransfersTable> {
  const transfer = await trx.selectFrom('transfers').selectAll().where('id', '=', transferId).where('case_id', '=', caseId).executeTakeFirst();
  if (!transfer) throw notFound('The transfer');
  return transfer;
}

async function stopClock(trx: Trx, transfer: TransfersTable, kind: string, now: string): Promise<void> {
  await trx.updateTable('deadlines').set({ done_at: now }).where('case_id', '=', transfer.case_id).where('subject', '=', transfer.id).where('kind', '=', kind).where('done_at', 'is', null).execute();
}

/**
 * The receiving body's written reply to the petitioner (Art. 23): it accepts the matter, or it
 * does not and says why. Recorded by that unit's officers, or by the office for an outside body;
 * it stops the receiver's clock.
 */
export async function replyToTransfer(ctx: Context, props: { actor: Actor; caseId: string; transferId: string; reply: TransferReply; note?: string }): Promise<CaseDetail> {
  if (!transferReplies.includes(props.reply)) throw invalid('reply', `must be one of ${transferReplies.join(', ')}.`, { code: 'one_of', params: { values: [...transferReplies] } });
  const note = props.note?.trim() ?? '';
  if (props.reply === 'declined' && note === '') throw invalid('note', 'say why the body does not accept the matter.', { code: 'required' });
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.read' }, async (trx, row, unitIds, now) => {
    const transfer = await transferFor(trx, row.id, props.transferId);
    if (!mayRecordFor(props.actor, transfer, unitIds)) throw forbidden('Only the receiving unit or the petition office records its reply.');
    if (transfer.replied_at !== null) throw refused('already_recorded', `The reply was already recorded at ${transfer.replied_at}.`, { at: transfer.replied_at });
    await trx.updateTable('transfers').set({ reply: props.reply, reply_note: note || null, replied_at: now, replied_by: props.actor.id }).where('id', '=', transfer.id).execute();
    await stopClock(trx, transfer, transferClockKinds.reply, now);
    const data = { transferId: transfer.id, reply: props.reply, ...(note ? { note } : {}), late: now > transfer.reply_due_at, onBehalf: transfer.unit_id === null || props.actor.unitId !== transfer.unit_id };
    return { event: { type: 'transfer.replied', data }, audit: { action: 'case.transfer_reply', detail: { transferId: transfer.id, reply: props.reply } } };
  });
}

/** The result report (办结报告) of an assigned case, by its due date; it stops that clock. */
export async function reportTransferResult(ctx: Context, props: { actor: Actor; caseId: string; transferId: string; report: string }): Promise<CaseDetail> {
  const report = props.report.trim();
  if (report === '') throw invalid('report', 'the result report says what was done.', { code: 'required' });
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.read' }, async (trx, row, unitIds, now) => {
    const transfer = await transferFor(trx, row.id, props.transferId);
    if (!mayRecordFor(props.actor, transfer, unitIds)) throw forbidden('Only the receiving unit or the petition office records its result report.');
    if (transfer.result_due_at === null) throw invalid('report', 'only an assignment (交办) has a result report.', { code: 'not_allowed' });
    if (transfer.reported_at !== null) throw refused('already_recorded', `The result report was already recorded at ${transfer.reported_at}.`, { at: transfer.reported_at });
    await trx.updateTable('transfers').set({ report, reported_at: now, reported_by: props.actor.id }).where('id', '=', transfer.id).execute();
    await stopClock(trx, transfer, transferClockKinds.result, now);
    const data = { transferId: transfer.id, report, late: now > transfer.result_due_at };
    return { event: { type: 'transfer.reported', data }, audit: { action: 'case.transfer_report', detail: { transferId: transfer.id } } };
  });
}

/** A case's transfers and assignments to other bodies, oldest first, with their clocks. */
export async function listTransfers(ctx: Context, props: { actor: Actor; caseId: string }): Promise<{ items: TransferView[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    await caseFor(ctx, trx, { ...props, action: 'case.read' });
    const rows = await trx.selectFrom('transfers').selectAll().where('case_id', '=', props.caseId).orderBy('created_at').orderBy('id').execute();
    const now = ctx.now();
    return { items: rows.map((item) => transferView(item, now)) };
  });
}

/** What the printable transfer letter shows: the case, the receiving body, the office, the date. */
export async function transferLetter(ctx: Context, props: { actor: Actor; caseId: string; transferId: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row } = await caseFor(ctx, trx, { ...props, action: 'case.read' });
    const transfer = await transferFor(trx, row.id, props.transferId);
    const plan = await pinnedPlan(trx, row);
    const unit = transfer.unit_id === null ? undefined : await trx.selectFrom('units').select(['name', 'name_en']).where('id', '=', transfer.unit_id).executeTakeFirst();
    const office = plan.organisation.find((item) => item.role === 'office')?.name ?? { zh: '信访局', en: 'Petition office' };
    const body: LocalText = unit ? { zh: unit.name, en: unit.name_en ?? unit.name } : { zh: transfer.body_name ?? '', en: transfer.body_name ?? '' };
    return { reference: row.reference, title: row.title, category: row.category, office, body, transfer: transferView(transfer, ctx.now()), replyDays: transferReplyDays(plan) };
  });
}
