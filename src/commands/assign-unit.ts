import { DomainError, invalid, forbidden, notFound } from '../core/errors.js';
import { assignmentDeadlines } from '../core/deadlines.js';
import { can, type AssignmentAction } from '../core/policy.js';
import { assignmentRoles, openStages, type Actor, type AssignmentRole, type Stage } from '../core/types.js';
import { findPlan, planDocument } from '../db/repositories/plans.js';
import type { AssignmentsTable } from '../db/schema.js';
import { runCaseCommand } from './case-command.js';
import type { CaseDetail } from './case-view.js';
import type { Context } from './context.js';

/** Channels where people are physically present, so the notified unit must come to the scene. */
const onSceneChannels = new Set(['visit', 'unit_report']);

/** Assigns a unit to a case and notifies it; its acknowledge, on-scene and proposal clocks start now. */
export async function assignUnit(
  ctx: Context,
  props: { actor: Actor; caseId: string; unitId: string; role: AssignmentRole },
): Promise<CaseDetail> {
  if (!assignmentRoles.includes(props.role)) throw invalid('role', `must be one of ${assignmentRoles.join(', ')}.`);
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.assign' }, async (trx, row, unitIds, now) => {
    if (!openStages.includes(row.stage as Stage)) {
      throw new DomainError('conflict', `A case in stage ${row.stage} is not being worked; units cannot be assigned.`);
    }
    const unit = await trx.selectFrom('units').select(['id', 'name']).where('id', '=', props.unitId).executeTakeFirst();
    if (!unit) throw invalid('unitId', 'no unit has this id.');
    if (unitIds.includes(unit.id)) throw new DomainError('conflict', `${unit.name} is already assigned to this case.`, { field: 'unitId' });
    if (props.role === 'lead') {
      const lead = await trx.selectFrom('assignments').select('id').where('case_id', '=', row.id).where('role', '=', 'lead').executeTakeFirst();
      if (lead) throw new DomainError('conflict', 'This case already has a lead unit; assign this one as assisting.', { field: 'role' });
    }
    const plan = await findPlan(trx, row.plan_id);
    if (!plan) throw new Error(`Case ${row.id} pins a plan that does not exist.`);
    const due = assignmentDeadlines(planDocument(plan).deadlines, now, onSceneChannels.has(row.channel), ctx.timeZone);
    const assignmentId = ctx.newId();
    await trx
      .insertInto('assignments')
      .values({
        id: assignmentId,
        case_id: row.id,
        unit_id: unit.id,
        role: props.role,
        notified_at: now,
        notified_by: props.actor.id,
        acknowledge_due_at: due.acknowledgeDueAt,
        acknowledged_at: null,
        acknowledged_by: null,
        on_scene_due_at: due.onSceneDueAt,
        arrived_at: null,
        arrived_by: null,
        proposal_due_at: due.proposalDueAt,
        proposal_submitted_at: null,
      })
      .execute();
    return {
      event: { type: 'assignment.notified', data: { assignmentId, unitId: unit.id, unitName: unit.name, role: props.role, ...due } },
      audit: { action: 'case.assign', detail: { assignmentId, unitId: unit.id, role: props.role } },
    };
  });
}

type AssignmentStep = 'acknowledge' | 'arrive' | 'propose';

const stepFields: Record<AssignmentStep, { at: keyof AssignmentsTable; due: keyof AssignmentsTable; action: AssignmentAction; event: string }> = {
  acknowledge: { at: 'acknowledged_at', due: 'acknowledge_due_at', action: 'assignment.acknowledge', event: 'assignment.acknowledged' },
  arrive: { at: 'arrived_at', due: 'on_scene_due_at', action: 'assignment.arrive', event: 'assignment.arrived' },
  propose: { at: 'proposal_submitted_at', due: 'proposal_due_at', action: 'assignment.acknowledge', event: 'assignment.proposed' },
};

/**
 * Records what a notified unit did: acknowledged, arrived on the scene, or submitted its proposed
 * solution. Each happens once; arriving or proposing also counts as acknowledging.
 */
export async function recordAssignmentStep(
  ctx: Context,
  props: { actor: Actor; caseId: string; assignmentId: string; step: AssignmentStep; proposal?: string },
): Promise<CaseDetail> {
  const fields = stepFields[props.step];
  if (props.step === 'propose' && !props.proposal?.trim()) throw invalid('proposal', 'must not be empty.');
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.read' }, async (trx, row, _units, now) => {
    const assignment = await trx
      .selectFrom('assignments')
      .selectAll()
      .where('id', '=', props.assignmentId)
      .where('case_id', '=', row.id)
      .executeTakeFirst();
    if (!assignment) throw notFound('The assignment');
    if (!can(props.actor, fields.action, { type: 'assignment', unitId: assignment.unit_id })) {
      throw forbidden('Only the assigned unit or the petition office can record this.');
    }
    if (assignment[fields.at] !== null) {
      throw new DomainError('already_done', `This was already recorded at ${String(assignment[fields.at])}.`);
    }
    const due = assignment[fields.due] as string | null;
    const set: Partial<AssignmentsTable> = { [fields.at]: now };
    if (props.step === 'arrive') set.arrived_by = props.actor.id;
    if (props.step === 'acknowledge' || assignment.acknowledged_at === null) {
      set.acknowledged_at = now;
      set.acknowledged_by = props.actor.id;
    }
    await trx.updateTable('assignments').set(set).where('id', '=', assignment.id).execute();
    return {
      event: {
        type: fields.event,
        data: {
          assignmentId: assignment.id,
          unitId: assignment.unit_id,
          late: due !== null && now > due,
          ...(props.proposal ? { proposal: props.proposal.trim() } : {}),
        },
      },
      audit: { action: `case.${fields.event}`, detail: { assignmentId: assignment.id } },
    };
  });
}
