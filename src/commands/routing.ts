import { areaFromLocation, chooseEntry, type RoutingStatus } from '../core/catalogue.js';
import { invalid, notFound, refused } from '../core/errors.js';
import { openStages, type Actor } from '../core/types.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { assignmentActive } from '../db/repositories/assignments.js';
import type { CaseDetail } from '../presenters/case-view.js';
import type { Context, Trx } from '../context/context.js';
import { createAssignment } from './assign-unit.js';
import { unitIdList } from './catalogue.js';
import { caseFor } from './support/case-access.js';
import { runCaseCommand } from './support/case-command.js';

/** What the catalogue proposed for a case, and what the office made of it. */
export interface RoutingView {
  caseId: string;
  entryId: string;
  areaUnitId: string | null;
  leadUnitId: string;
  assistingUnitIds: string[];
  status: RoutingStatus;
  proposedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** The units the office put on the case: the proposal's when confirmed, its own when changed. */
  finalLeadUnitId: string | null;
  finalAssistingUnitIds: string[];
}

/**
 * At registration, by every door (counter, portal, Open311; commands/support/insert-case.ts): the
 * catalogue entry for the case's category and area (given, or read from its location) becomes the
 * case's routing proposal. Nothing is proposed when the catalogue has no entry, or its lead unit
 * no longer takes cases. Two reads and one write, only when the category has an entry.
 */
export async function proposeRouting(ctx: Context, trx: Trx, row: CaseRow, routing: { planKey: string; areaUnitId: string | null }): Promise<void> {
  const entries = await trx
    .selectFrom('catalogue_entries')
    .select(['id', 'category', 'area_unit_id', 'lead_unit_id', 'assisting_unit_ids'])
    .where('plan_key', '=', routing.planKey)
    .where('category', '=', row.category)
    .where('active', '=', 1)
    .execute();
  if (entries.length === 0) return;
  const units = await trx.selectFrom('units').select(['id', 'name', 'name_en', 'parent_id', 'deactivated_at']).execute();
  const tree = units.map((unit) => ({ id: unit.id, name: unit.name, nameEn: unit.name_en, parentId: unit.parent_id }));
  const areaUnitId = routing.areaUnitId ?? areaFromLocation(tree, row.location);
  const entry = chooseEntry(
    entries.map((item) => ({ id: item.id, category: item.category, areaUnitId: item.area_unit_id, leadUnitId: item.lead_unit_id, assistingUnitIds: unitIdList(item.assisting_unit_ids) })),
    tree,
    { category: row.category, areaUnitId },
  );
  if (!entry) return;
  const active = new Set(units.filter((unit) => unit.deactivated_at === null).map((unit) => unit.id));
  if (!active.has(entry.leadUnitId)) return;
  await trx
    .insertInto('routing_proposals')
    .values({
      case_id: row.id,
      entry_id: entry.id,
      area_unit_id: areaUnitId,
      lead_unit_id: entry.leadUnitId,
      assisting_unit_ids: JSON.stringify(entry.assistingUnitIds.filter((id) => active.has(id))),
      status: 'proposed',
      proposed_at: ctx.now(),
      decided_at: null,
      decided_by: null,
      final_lead_unit_id: null,
      final_assisting_unit_ids: null,
    })
    .execute();
}

function routingView(row: {
  case_id: string;
  entry_id: string;
  area_unit_id: string | null;
  lead_unit_id: string;
  assisting_unit_ids: string;
  status: string;
  proposed_at: string;
  decided_at: string | null;
  decided_by: string | null;
  final_lead_unit_id: string | null;
  final_assisting_unit_ids: string | null;
}): RoutingView {
  return {
    caseId: row.case_id,
    entryId: row.entry_id,
    areaUnitId: row.area_unit_id,
    leadUnitId: row.lead_unit_id,
    assistingUnitIds: unitIdList(row.assisting_unit_ids),
    status: row.status as RoutingStatus,
    proposedAt: row.proposed_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    finalLeadUnitId: row.final_lead_unit_id,
    finalAssistingUnitIds: unitIdList(row.final_assisting_unit_ids),
  };
}

/** The case's routing proposal, or null when the catalogue proposed nothing. */
export async function getRouting(ctx: Context, props: { actor: Actor; caseId: string }): Promise<{ proposal: RoutingView | null }> {
  return ctx.db.transaction().execute(async (trx) => {
    await caseFor(ctx, trx, { ...props, action: 'case.read' });
    const row = await trx.selectFrom('routing_proposals').selectAll().where('case_id', '=', props.caseId).executeTakeFirst();
    return { proposal: row ? routingView(row) : null };
  });
}

export type RoutingDecision = { decision: 'confirm' } | { decision: 'change'; leadUnitId: string; assistingUnitIds?: string[] };

/** Each unit exists and takes cases, before any assignment is made: a 400 naming the field otherwise. */
async function checkRoutedUnits(trx: Trx, named: [string, string][]): Promise<void> {
  const units = await trx.selectFrom('units').select(['id', 'name', 'deactivated_at']).where('id', 'in', named.map(([, id]) => id)).execute();
  for (const [field, id] of named) {
    const unit = units.find((candidate) => candidate.id === id);
    if (!unit) throw invalid(field, 'no unit has this id.', { code: 'no_such_unit' });
    if (unit.deactivated_at !== null) throw invalid(field, `${unit.name} is deactivated and takes no new cases.`, { code: 'inactive_unit', params: { name: unit.name } });
  }
}

/**
 * The office's one action on the proposal: confirm it as it stands, or change it (another lead,
 * other assisting units). Either way the units are assigned and notified at once, through the same
 * `createAssignment` as any assignment, and the entry's record shows whether it was right.
 */
export async function decideRouting(ctx: Context, props: { actor: Actor; caseId: string } & RoutingDecision): Promise<CaseDetail> {
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.assign' }, async (trx, row, unitIds, now) => {
    const proposal = await trx.selectFrom('routing_proposals').selectAll().where('case_id', '=', row.id).executeTakeFirst();
    if (!proposal) throw notFound('The routing proposal');
    if (proposal.decided_at !== null) throw refused('already_recorded', `The proposal was already decided at ${proposal.decided_at}.`, { at: proposal.decided_at });
    if (!openStages.includes(row.stage)) throw refused('case_not_open', `A case in stage ${row.stage} is not being worked; units cannot be assigned.`, { stage: row.stage });
    const proposed = { lead: proposal.lead_unit_id, assisting: unitIdList(proposal.assisting_unit_ids) };
    const chosen = props.decision === 'confirm' ? proposed : { lead: props.leadUnitId, assisting: props.assistingUnitIds ?? [] };
    const leadAt = chosen.assisting.indexOf(chosen.lead);
    if (leadAt !== -1) throw invalid(`assistingUnitIds[${leadAt}]`, 'the lead unit is not also an assisting unit.', { code: 'not_allowed' });
    await checkRoutedUnits(trx, [['leadUnitId', chosen.lead], ...chosen.assisting.map((id, index) => [`assistingUnitIds[${index}]`, id] as [string, string])]);
    const lead = await trx.selectFrom('assignments').select('id').where('case_id', '=', row.id).where('role', '=', 'lead').where(assignmentActive()).executeTakeFirst();
    if (lead) throw refused('lead_already_assigned', 'This case already has a lead unit; assign further units one by one.', {}, { field: 'leadUnitId' });
    const assignments = [];
    for (const [unitId, role] of [[chosen.lead, 'lead'] as const, ...chosen.assisting.map((id) => [id, 'assisting'] as const)]) {
      if (unitIds.includes(unitId)) continue;
      assignments.push(await createAssignment(ctx, trx, row, { unitId, role, actorId: props.actor.id, now }));
    }
    const same = chosen.lead === proposed.lead && [...chosen.assisting].sort().join() === [...proposed.assisting].sort().join();
    const status: RoutingStatus = same ? 'confirmed' : 'changed';
    await trx
      .updateTable('routing_proposals')
      .set({ status, decided_at: now, decided_by: props.actor.id, final_lead_unit_id: chosen.lead, final_assisting_unit_ids: JSON.stringify(chosen.assisting) })
      .where('case_id', '=', row.id)
      .execute();
    return {
      event: { type: `routing.${status}`, data: { entryId: proposal.entry_id, leadUnitId: chosen.lead, assistingUnitIds: chosen.assisting, assignments } },
      audit: { action: 'case.routing', detail: { entryId: proposal.entry_id, status, leadUnitId: chosen.lead, assistingUnitIds: chosen.assisting } },
    };
  });
}
