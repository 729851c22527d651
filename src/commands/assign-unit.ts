import { DomainError, invalid, forbidden, notFound, refused } from '../core/errors.js';
import { assignmentDeadlines, objectionDueAt as objectionDueAtFor } from '../core/deadlines.js';
import { assignmentStop } from '../core/clock-stops.js';
import { can, type AssignmentAction } from '../core/policy.js';
import { assignmentRoles, openStages, type Actor, type AssignmentRole } from '../core/types.js';
import { titleForUnit } from '../core/matter.js';
import { matterFacts } from '../presenters/matter-view.js';
import { forUpdate } from '../db/adapter.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { AssignmentsTable } from '../db/schema.js';
import { runCaseCommand } from './support/case-command.js';
import type { CaseDetail } from '../presenters/case-view.js';
import { jurisdiction, type Context, type Trx } from '../context/context.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { enqueue } from '../notifications/outbox.js';
import { assignmentActive } from '../db/repositories/assignments.js';
import { countMisrouting } from './catalogue.js';

/** Channels where people are physically present, so the notified unit must come to the scene. */
const onSceneChannels = new Set(['visit', 'unit_report']);

/** Assigns a unit to a case and notifies it; its acknowledge, on-scene and proposal clocks start now. */
export async function assignUnit(
  ctx: Context,
  props: { actor: Actor; caseId: string; unitId: string; role: AssignmentRole },
): Promise<CaseDetail> {
  if (!assignmentRoles.includes(props.role)) throw invalid('role', `must be one of ${assignmentRoles.join(', ')}.`);
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.assign' }, async (trx, row, unitIds, now) => {
    if (!openStages.includes(row.stage)) {
      throw refused('case_not_open', `A case in stage ${row.stage} is not being worked; units cannot be assigned.`, { stage: row.stage });
    }
    if (unitIds.includes(props.unitId)) throw refused('unit_already_assigned', 'This unit is already assigned to this case.', {}, { field: 'unitId' });
    if (props.role === 'lead') {
      const lead = await trx
        .selectFrom('assignments')
        .select('id')
        .where('case_id', '=', row.id)
        .where('role', '=', 'lead')
        .where(assignmentActive())
        .executeTakeFirst();
      if (lead) throw refused('lead_already_assigned', 'This case already has a lead unit; assign this one as assisting.', {}, { field: 'role' });
    }
    const assigned = await createAssignment(ctx, trx, row, { unitId: props.unitId, role: props.role, actorId: props.actor.id, now });
    return {
      event: { type: 'assignment.notified', data: assigned },
      audit: { action: 'case.assign', detail: { assignmentId: assigned.assignmentId, unitId: props.unitId, role: props.role } },
    };
  });
}

/**
 * Assigns the unit: creates its assignment, whose clocks (acknowledge, on scene, proposal, and the
 * 5 working days to object) start now, and its officers are notified through the outbox.
 */
export async function createAssignment(
  ctx: Context,
  trx: Trx,
  row: CaseRow,
  props: { unitId: string; role: AssignmentRole; actorId: string; now: string },
) {
  // Locked so that a unit being deactivated at this moment either sees this assignment or refuses it.
  const unit = await forUpdate(ctx.adapter, trx.selectFrom('units').select(['id', 'name', 'deactivated_at']).where('id', '=', props.unitId)).executeTakeFirst();
  if (!unit) throw invalid('unitId', 'no unit has this id.', { code: 'no_such_unit' });
  if (unit.deactivated_at) throw new DomainError('unit_inactive', `${unit.name} is deactivated and takes no new cases.`, { field: 'unitId' });
  const released = await trx
    .selectFrom('assignments')
    .select('id')
    .where('case_id', '=', row.id)
    .where('unit_id', '=', unit.id)
    .executeTakeFirst();
  if (released) throw refused('unit_released', `${unit.name} was released from this case and cannot be assigned again.`, { unitId: unit.id }, { field: 'unitId' });
  const plan = await pinnedPlan(trx, row);
  const where = jurisdiction(ctx);
  const due = assignmentDeadlines(plan.deadlines, props.now, onSceneChannels.has(row.channel), where);
  const objectionDueAt = objectionDueAtFor(props.now, where);
  const assignmentId = ctx.newId();
  await trx
    .insertInto('assignments')
    .values({
      id: assignmentId,
      case_id: row.id,
      unit_id: unit.id,
      role: props.role,
      notified_at: props.now,
      notified_by: props.actorId,
      acknowledge_due_at: due.acknowledgeDueAt,
      acknowledged_at: null,
      acknowledged_by: null,
      on_scene_due_at: due.onSceneDueAt,
      arrived_at: null,
      arrived_by: null,
      proposal_due_at: due.proposalDueAt,
      proposal_submitted_at: null,
      objection_due_at: objectionDueAt,
      case_received_at: row.received_at,
    })
    .execute();
  const data = { assignmentId, unitId: unit.id, unitName: unit.name, role: props.role, ...due, objectionDueAt };
  await enqueue(ctx, trx, [{ unitId: unit.id }], {
    template: 'case.assigned',
    caseId: row.id,
    data: { ...data, reference: row.reference, title: titleForUnit(row.title, unit.id, matterFacts(row)) },
  });
  return data;
}

/**
 * A unit objects, within 5 working days of being notified, that the case is outside its remit.
 * The case stays with it until the office reroutes it: a case is transferred, never dropped.
 */
export async function objectToAssignment(
  ctx: Context,
  props: { actor: Actor; caseId: string; assignmentId: string; reason: string },
): Promise<CaseDetail> {
  const reason = props.reason.trim();
  if (reason === '') throw invalid('reason', 'say why the case is outside your unit\'s remit.', { code: 'required' });
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.read' }, async (trx, row, _units, now) => {
    const assignment = await activeAssignment(trx, row.id, props.assignmentId);
    // Only the unit itself can say a case is outside its remit; the office reroutes, it does not object.
    if (!can(props.actor, 'assignment.object', { type: 'assignment', unitId: assignment.unit_id })) {
      throw forbidden('Only officers of the assigned unit can object to an assignment.');
    }
    if (assignment.objected_at) throw refused('already_objected', `Your unit already objected at ${assignment.objected_at}.`, { at: assignment.objected_at });
    if (assignment.objection_due_at && now > assignment.objection_due_at) {
      throw refused('objection_window_passed', `The time to object (5 working days from notification, until ${assignment.objection_due_at}) has passed.`, {
        until: assignment.objection_due_at,
      });
    }
    await trx.updateTable('assignments').set({ objected_at: now, objection_reason: reason }).where('id', '=', assignment.id).execute();
    await countMisrouting(trx, { caseId: row.id, unitId: assignment.unit_id, what: 'objections' });
    const unit = await trx.selectFrom('units').select('name').where('id', '=', assignment.unit_id).executeTakeFirstOrThrow();
    const data = { assignmentId: assignment.id, unitId: assignment.unit_id, unitName: unit.name, reason };
    await enqueue(ctx, trx, [{ role: 'coordinator' }], {
      template: 'assignment.objected',
      caseId: row.id,
      data: { ...data, reference: row.reference, title: row.title },
    });
    return { event: { type: 'assignment.objected', data }, audit: { action: 'case.assignment_objected', detail: { assignmentId: assignment.id } } };
  });
}

/** The office moves an assignment to another unit; the case's clocks carry on unchanged. */
export async function rerouteAssignment(
  ctx: Context,
  props: { actor: Actor; caseId: string; assignmentId: string; unitId: string },
): Promise<CaseDetail> {
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.read' }, async (trx, row, unitIds, now) => {
    const assignment = await activeAssignment(trx, row.id, props.assignmentId);
    if (!can(props.actor, 'assignment.reroute', { type: 'assignment', unitId: assignment.unit_id })) {
      throw forbidden('Only the petition office reroutes a case to another unit.');
    }
    if (unitIds.includes(props.unitId)) throw refused('unit_already_assigned', 'That unit is already assigned to this case.', {}, { field: 'unitId' });
    await trx.updateTable('assignments').set({ released_at: now }).where('id', '=', assignment.id).execute();
    await countMisrouting(trx, { caseId: row.id, unitId: assignment.unit_id, what: 'reroutes' });
    const assigned = await createAssignment(ctx, trx, row, { unitId: props.unitId, role: assignment.role, actorId: props.actor.id, now });
    return {
      event: {
        type: 'assignment.rerouted',
        data: { fromAssignmentId: assignment.id, fromUnitId: assignment.unit_id, objection: assignment.objection_reason, ...assigned },
      },
      audit: { action: 'case.reroute', detail: { from: assignment.unit_id, to: props.unitId } },
    };
  });
}

async function activeAssignment(trx: Trx, caseId: string, assignmentId: string) {
  const assignment = await trx
    .selectFrom('assignments')
    .selectAll()
    .where('id', '=', assignmentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!assignment) throw notFound('The assignment');
  if (assignment.released_at) throw refused('assignment_rerouted', 'This assignment was already rerouted to another unit.', {});
  return assignment;
}

type AssignmentStep = 'acknowledge' | 'arrive' | 'propose';

const stepFields: Record<AssignmentStep, { at: keyof AssignmentsTable; due: keyof AssignmentsTable; action: AssignmentAction; event: string }> = {
  acknowledge: { at: 'acknowledged_at', due: 'acknowledge_due_at', action: 'assignment.acknowledge', event: 'assignment.acknowledged' },
  arrive: { at: 'arrived_at', due: 'on_scene_due_at', action: 'assignment.arrive', event: 'assignment.arrived' },
  propose: { at: 'proposal_submitted_at', due: 'proposal_due_at', action: 'assignment.propose', event: 'assignment.proposed' },
};

/** Reads the time a unit really arrived, as the office records it afterwards: not after now, not before the notification. */
function arrivalTime(value: string | undefined, notifiedAt: string, now: string): string {
  if (value === undefined) return now;
  const time = Date.parse(value);
  if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw invalid('arrivedAt', 'is not an ISO 8601 time.', { code: 'date_time' });
  const at = new Date(time).toISOString();
  if (at > now) throw invalid('arrivedAt', 'an arrival is recorded after it happens, not before.', { code: 'in_future' });
  if (at < notifiedAt) throw invalid('arrivedAt', `the unit was notified at ${notifiedAt}; it cannot have arrived before that.`, { code: 'before_notified', params: { at: notifiedAt } });
  return at;
}

/**
 * Records what a notified unit did: acknowledged, arrived on the scene (at `arrivedAt`, default
 * now), or submitted its proposed solution. Each happens once, and only while the unit's clocks
 * run; arriving or proposing also counts as acknowledging. When the office records it for the
 * unit, the timeline says so (`onBehalf`).
 */
export async function recordAssignmentStep(
  ctx: Context,
  props: { actor: Actor; caseId: string; assignmentId: string; step: AssignmentStep; proposal?: string; arrivedAt?: string },
): Promise<CaseDetail> {
  const fields = stepFields[props.step];
  if (props.step === 'propose' && !props.proposal?.trim()) throw invalid('proposal', 'must not be empty.', { code: 'required' });
  if (props.step !== 'arrive' && props.arrivedAt !== undefined) throw invalid('arrivedAt', 'is recorded only with an arrival.');
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.read' }, async (trx, row, _units, now) => {
    const assignment = await trx
      .selectFrom('assignments')
      .selectAll()
      .where('id', '=', props.assignmentId)
      .where('case_id', '=', row.id)
      .executeTakeFirst();
    if (!assignment) throw notFound('The assignment');
    if (assignment.released_at) throw refused('assignment_rerouted', 'This assignment was rerouted to another unit.', {});
    if (!can(props.actor, fields.action, { type: 'assignment', unitId: assignment.unit_id })) {
      throw forbidden('Only the assigned unit or the petition office can record this.');
    }
    const stoppedAt = assignmentStop({ releasedAt: null, clocksStoppedAt: assignment.clocks_stopped_at }, row.stage, row.stage_changed_at);
    if (stoppedAt !== null) {
      throw new DomainError('clocks_stopped', `The unit's clocks stopped at ${stoppedAt}, when the case came to rest (${row.stage}); nothing more is recorded for it.`, {
        details: { stoppedAt, stage: row.stage },
      });
    }
    if (assignment[fields.at] !== null) {
      throw refused('already_recorded', `This was already recorded at ${String(assignment[fields.at])}.`, { at: String(assignment[fields.at]) });
    }
    const at = props.step === 'arrive' ? arrivalTime(props.arrivedAt, assignment.notified_at, now) : now;
    const due = assignment[fields.due] as string | null;
    const set: Partial<AssignmentsTable> = { [fields.at]: at };
    if (props.step === 'arrive') set.arrived_by = props.actor.id;
    if (props.step === 'acknowledge' || assignment.acknowledged_at === null) {
      set.acknowledged_at = at;
      set.acknowledged_by = props.actor.id;
    }
    await trx.updateTable('assignments').set(set).where('id', '=', assignment.id).execute();
    const unit = await trx.selectFrom('units').select('name').where('id', '=', assignment.unit_id).executeTakeFirstOrThrow();
    const onBehalf = props.actor.unitId !== assignment.unit_id;
    return {
      event: {
        type: fields.event,
        data: {
          assignmentId: assignment.id,
          unitId: assignment.unit_id,
          unitName: unit.name,
          late: due !== null && at > due,
          ...(props.step === 'arrive' ? { arrivedAt: at } : {}),
          // Who did it is the event's actor; for whom is the unit. Said outright when they differ.
          ...(onBehalf ? { onBehalf: true } : {}),
          ...(props.proposal ? { proposal: props.proposal.trim() } : {}),
        },
      },
      audit: {
        action: `case.${fields.event}`,
        detail: { assignmentId: assignment.id, ...(onBehalf ? { onBehalfOf: assignment.unit_id } : {}), ...(at !== now ? { at } : {}) },
      },
    };
  });
}
