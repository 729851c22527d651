import { commitmentClockKind, commitmentDueAt, commitmentSources, commitmentStatus, isCommitmentSource, type CommitmentSource, type CommitmentStatus } from '../core/commitments.js';
import { deadline } from '../core/deadlines.js';
import { DomainError, forbidden, notFound, refused } from '../core/errors.js';
import { can } from '../core/policy.js';
import { openStages, type Actor } from '../core/types.js';
import type { Problem } from '../contract/problems.js';
import type { CaseRow } from '../db/repositories/cases.js';
import type { CommitmentsTable } from '../db/schema.js';
import type { Context, Trx } from '../context/context.js';
import { caseFor } from './support/case-access.js';
import { runCaseWrite, type CaseChange } from './support/case-command.js';
import { claimIdempotencyKey, keepIdempotentResult, type IdempotencyKey } from './support/idempotency.js';

/** A commitment as the case page shows it. */
export interface CommitmentView {
  id: string;
  source: CommitmentSource;
  meetingId: string | null;
  text: string;
  ownerUnitId: string;
  ownerUnitName: string;
  dueAt: string;
  status: CommitmentStatus;
  /** Its clock: met or missed once done, stopped once dropped. */
  deadline: ReturnType<typeof deadline>;
  doneAt: string | null;
  doneBy: string | null;
  evidence: string | null;
  droppedAt: string | null;
  droppedBy: string | null;
  dropReason: string | null;
  createdAt: string;
  createdBy: string | null;
  may: { done: boolean; drop: boolean };
}

export interface CommitmentsState {
  items: CommitmentView[];
  /** How many are still open (overdue included): the case is concluded with them only with a reason. */
  open: number;
  may: { add: boolean };
}

type CommitmentRow = CommitmentsTable & { unit_name: string };

function commitmentView(item: CommitmentRow, actor: Actor, unitIds: readonly string[], now: string): CommitmentView {
  const resource = { type: 'case' as const, assignedUnitIds: unitIds };
  const open = item.status === 'open';
  return {
    id: item.id,
    source: item.source,
    meetingId: item.meeting_id,
    text: item.text,
    ownerUnitId: item.owner_unit_id,
    ownerUnitName: item.unit_name,
    dueAt: item.due_at,
    status: commitmentStatus(item.status, item.due_at, now),
    deadline: item.dropped_at !== null ? { dueAt: item.due_at, doneAt: null, status: 'stopped' } : deadline(item.due_at, item.done_at, now),
    doneAt: item.done_at,
    doneBy: item.done_by,
    evidence: item.evidence,
    droppedAt: item.dropped_at,
    droppedBy: item.dropped_by,
    dropReason: item.drop_reason,
    createdAt: item.created_at,
    createdBy: item.created_by,
    may: {
      // The owner unit's officers record their own; the office records it for them.
      done: open && can(actor, 'case.commitment.done', resource) && (actor.role !== 'unit_officer' || actor.unitId === item.owner_unit_id),
      drop: open && can(actor, 'case.commitment', resource),
    },
  };
}

async function commitmentRows(trx: Trx, caseId: string): Promise<CommitmentRow[]> {
  return trx
    .selectFrom('commitments')
    .innerJoin('units', 'units.id', 'commitments.owner_unit_id')
    .selectAll('commitments')
    .select('units.name as unit_name')
    .where('commitments.case_id', '=', caseId)
    .orderBy('commitments.due_at')
    .orderBy('commitments.id')
    .execute();
}

async function commitmentsState(trx: Trx, actor: Actor, row: CaseRow, unitIds: readonly string[], now: string): Promise<CommitmentsState> {
  const items = (await commitmentRows(trx, row.id)).map((item) => commitmentView(item, actor, unitIds, now));
  return {
    items,
    open: items.filter((item) => item.status === 'open' || item.status === 'overdue').length,
    may: { add: openStages.includes(row.stage) && can(actor, 'case.commitment', { type: 'case', assignedUnitIds: unitIds }) },
  };
}

/** A case's commitments, for whoever may read the case. */
export async function getCommitments(ctx: Context, props: { actor: Actor; caseId: string }): Promise<CommitmentsState> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, unitIds } = await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.read' });
    return commitmentsState(trx, props.actor, row, unitIds, ctx.now());
  });
}

/** The frame of a commitment write: the case locked and checked for `action`, the key claimed first, the state returned (and kept under the key). */
function commitmentWrite(
  ctx: Context,
  props: { actor: Actor; caseId: string },
  action: 'case.commitment' | 'case.commitment.done',
  idempotency: IdempotencyKey | undefined,
  work: (trx: Trx, row: CaseRow, now: string) => Promise<CaseChange>,
): Promise<CommitmentsState> {
  return runCaseWrite(ctx, {
    by: { kind: 'staff', actor: props.actor },
    lock: (trx) => caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action, lock: true }),
    work: async (trx, { row }, now) => {
      if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
      return work(trx, row, now);
    },
    result: async (trx, updated, locked, now) => {
      const state = await commitmentsState(trx, props.actor, updated, locked.unitIds, now);
      if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, updated.id, state);
      return state;
    },
  });
}

const trimmed = (value: string | undefined | null) => value?.trim() ?? '';

function problems(found: Problem[]): DomainError {
  const first = found[0];
  return new DomainError('validation_failed', found.map((problem) => `${problem.field}: ${problem.code}`).join('; '), { field: first?.field, details: { problems: found } });
}

export interface AddCommitmentProps {
  actor: Actor;
  caseId: string;
  source: string;
  meetingId?: string | undefined;
  text: string;
  ownerUnitId?: string | undefined;
  /** The day it is due (YYYY-MM-DD): the commitment is due by the end of that day in the jurisdiction. */
  dueDate?: string | undefined;
}

/**
 * Records a commitment a meeting or a decision made on an open case: its words, its owner unit and
 * its due day, with its clock — a row of `deadlines` the ladder reminds, marks missed and escalates
 * up the owner unit's chain. Every field is checked before anything is written; each problem is named.
 */
export async function addCommitment(ctx: Context, props: AddCommitmentProps, idempotency?: IdempotencyKey): Promise<CommitmentsState> {
  const found: Problem[] = [];
  const text = trimmed(props.text);
  if (!isCommitmentSource(props.source)) found.push({ field: 'source', code: 'one_of', params: { values: [...commitmentSources] } });
  if (props.source === 'meeting' && trimmed(props.meetingId) === '') found.push({ field: 'meetingId', code: 'required' });
  if (text === '') found.push({ field: 'text', code: 'required' });
  const ownerUnitId = trimmed(props.ownerUnitId);
  if (ownerUnitId === '') found.push({ field: 'ownerUnitId', code: 'required' });
  const date = trimmed(props.dueDate);
  const dueAt = date === '' ? null : commitmentDueAt(date, ctx.timeZone);
  if (date === '') found.push({ field: 'dueDate', code: 'required' });
  else if (dueAt === null) found.push({ field: 'dueDate', code: 'invalid' });
  else if (dueAt <= ctx.now()) found.push({ field: 'dueDate', code: 'in_past' });
  if (found.length > 0) throw problems(found);
  return commitmentWrite(ctx, props, 'case.commitment', idempotency, async (trx, row, now) => {
    if (!openStages.includes(row.stage)) throw refused('case_not_open', `A case in stage ${row.stage} is not being worked; it takes no new commitments.`, { stage: row.stage });
    const unit = await trx.selectFrom('units').select(['id', 'name', 'deactivated_at']).where('id', '=', ownerUnitId).executeTakeFirst();
    if (!unit) throw problems([{ field: 'ownerUnitId', code: 'no_such_unit' }]);
    if (unit.deactivated_at !== null) throw problems([{ field: 'ownerUnitId', code: 'inactive_unit', params: { name: unit.name } }]);
    const source = props.source as CommitmentSource;
    const meetingId = source === 'meeting' ? trimmed(props.meetingId) : null;
    if (meetingId !== null) {
      const meeting = await trx.selectFrom('meetings').select('id').where('id', '=', meetingId).where('case_id', '=', row.id).executeTakeFirst();
      if (!meeting) throw problems([{ field: 'meetingId', code: 'no_such_meeting' }]);
    }
    const due = dueAt as string;
    const item: CommitmentsTable = {
      id: ctx.newId(),
      case_id: row.id,
      source,
      meeting_id: meetingId,
      text,
      owner_unit_id: unit.id,
      due_at: due,
      status: 'open',
      done_at: null,
      done_by: null,
      evidence: null,
      dropped_at: null,
      dropped_by: null,
      drop_reason: null,
      created_at: now,
      created_by: props.actor.id,
    };
    await trx.insertInto('commitments').values(item).execute();
    await trx
      .insertInto('deadlines')
      .values({ id: ctx.newId(), case_id: row.id, subject: item.id, kind: commitmentClockKind, unit_id: unit.id, due_at: due, done_at: null, missed_at: null, escalate_at: null, escalated_at: null, started_at: now })
      .execute();
    return {
      event: { type: 'commitment.added', data: { commitmentId: item.id, source, ...(meetingId ? { meetingId } : {}), text, unitId: unit.id, unitName: unit.name, dueAt: due } },
      audit: { action: 'case.commitment.add', detail: { commitmentId: item.id, unitId: unit.id, dueAt: due } },
      changes: {},
    };
  });
}

async function openCommitment(trx: Trx, caseId: string, commitmentId: string): Promise<CommitmentsTable> {
  const item = await trx.selectFrom('commitments').selectAll().where('id', '=', commitmentId).where('case_id', '=', caseId).executeTakeFirst();
  if (!item) throw notFound('The commitment');
  if (item.status !== 'open') throw refused('commitment_settled', `The commitment is ${item.status} already.`, { status: item.status, at: item.done_at ?? item.dropped_at ?? '' });
  return item;
}

/** Stops a commitment's clock, as the commitment is settled. */
async function stopClock(trx: Trx, caseId: string, commitmentId: string, now: string): Promise<void> {
  await trx.updateTable('deadlines').set({ done_at: now, remind_at: null }).where('case_id', '=', caseId).where('subject', '=', commitmentId).where('kind', '=', commitmentClockKind).where('done_at', 'is', null).execute();
}

async function unitName(trx: Trx, unitId: string): Promise<string> {
  return (await trx.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())?.name ?? '';
}

/**
 * The owner unit (or the office for it) records a commitment done, with its evidence: its clock
 * stops, and done after its due time is recorded as kept late. Once only.
 */
export async function completeCommitment(ctx: Context, props: { actor: Actor; caseId: string; commitmentId: string; evidence: string }, idempotency?: IdempotencyKey): Promise<CommitmentsState> {
  const evidence = trimmed(props.evidence);
  if (evidence === '') throw problems([{ field: 'evidence', code: 'required' }]);
  return commitmentWrite(ctx, props, 'case.commitment.done', idempotency, async (trx, row, now) => {
    const item = await openCommitment(trx, row.id, props.commitmentId);
    if (props.actor.role === 'unit_officer' && props.actor.unitId !== item.owner_unit_id) throw forbidden('Only the owner unit, or the office for it, records a commitment done.');
    const updated = await trx.updateTable('commitments').set({ status: 'done', done_at: now, done_by: props.actor.id, evidence }).where('id', '=', item.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw refused('commitment_settled', 'The commitment is settled already.', { status: 'done', at: now });
    await stopClock(trx, row.id, item.id, now);
    const late = now > item.due_at;
    const data = { commitmentId: item.id, unitId: item.owner_unit_id, unitName: await unitName(trx, item.owner_unit_id), dueAt: item.due_at, late, evidence, ...(props.actor.unitId !== item.owner_unit_id ? { onBehalf: true } : {}) };
    return { event: { type: 'commitment.done', data }, audit: { action: 'case.commitment.done', detail: { commitmentId: item.id, late } }, changes: {} };
  });
}

/**
 * The office (or the leadership group) drops a commitment, with its reason: its clock stops. One
 * dropped after it was overdue counts as not kept (core/commitments.ts `commitmentKeeping`).
 */
export async function dropCommitment(ctx: Context, props: { actor: Actor; caseId: string; commitmentId: string; reason: string }, idempotency?: IdempotencyKey): Promise<CommitmentsState> {
  const reason = trimmed(props.reason);
  if (reason === '') throw problems([{ field: 'reason', code: 'required' }]);
  return commitmentWrite(ctx, props, 'case.commitment', idempotency, async (trx, row, now) => {
    const item = await openCommitment(trx, row.id, props.commitmentId);
    const updated = await trx.updateTable('commitments').set({ status: 'dropped', dropped_at: now, dropped_by: props.actor.id, drop_reason: reason }).where('id', '=', item.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw refused('commitment_settled', 'The commitment is settled already.', { status: 'dropped', at: now });
    await stopClock(trx, row.id, item.id, now);
    const overdue = now > item.due_at;
    const data = { commitmentId: item.id, unitId: item.owner_unit_id, unitName: await unitName(trx, item.owner_unit_id), dueAt: item.due_at, reason, overdue };
    return { event: { type: 'commitment.dropped', data }, audit: { action: 'case.commitment.drop', detail: { commitmentId: item.id, overdue } }, changes: {} };
  });
}
