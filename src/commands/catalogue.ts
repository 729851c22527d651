import { misroutings } from '../core/catalogue.js';
import { forbidden, invalid, notFound } from '../core/errors.js';
import { checkCatalogueUnits, type PlanDocument } from '../core/plan.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { loadCurrentPlan } from '../db/repositories/plans.js';
import type { CatalogueEntriesTable } from '../db/schema.js';
import type { Context, Trx } from '../context/context.js';

/** A catalogue entry as the API answers it: units by id, and what became of its proposals. */
export interface CatalogueEntryView {
  id: string;
  planKey: string;
  category: string;
  areaUnitId: string | null;
  leadUnitId: string;
  assistingUnitIds: string[];
  active: boolean;
  /** Proposals made from the entry; confirmed as proposed, changed at confirmation; objections to and reroutes of their assignments. */
  counts: { proposed: number; confirmed: number; changed: number; objections: number; reroutes: number };
  updatedAt: string;
  editedAt: string | null;
}

export function unitIdList(stored: string | null): string[] {
  return stored === null ? [] : (JSON.parse(stored) as string[]);
}

type ProposalCounts = Map<string, { proposed: number; confirmed: number; changed: number }>;

function entryView(row: CatalogueEntriesTable, proposals: ProposalCounts): CatalogueEntryView {
  const made = proposals.get(row.id) ?? { proposed: 0, confirmed: 0, changed: 0 };
  return {
    id: row.id,
    planKey: row.plan_key,
    category: row.category,
    areaUnitId: row.area_unit_id,
    leadUnitId: row.lead_unit_id,
    assistingUnitIds: unitIdList(row.assisting_unit_ids),
    active: row.active === 1,
    counts: { ...made, objections: row.objections, reroutes: row.reroutes },
    updatedAt: row.updated_at,
    editedAt: row.edited_at,
  };
}

/** How many proposals each entry made, and how the office decided them: one grouped read. */
async function proposalCounts(trx: Trx | Context['db'], entryIds?: string[]): Promise<ProposalCounts> {
  let query = trx.selectFrom('routing_proposals').select((eb) => ['entry_id', 'status', eb.fn.countAll<number | string>().as('count')]).groupBy(['entry_id', 'status']);
  if (entryIds) query = query.where('entry_id', 'in', entryIds);
  const rows = await query.execute();
  const counts: ProposalCounts = new Map();
  for (const row of rows) {
    const entry = counts.get(row.entry_id) ?? { proposed: 0, confirmed: 0, changed: 0 };
    const count = Number(row.count);
    entry.proposed += count;
    if (row.status === 'confirmed') entry.confirmed += count;
    if (row.status === 'changed') entry.changed += count;
    counts.set(row.entry_id, entry);
  }
  return counts;
}

/**
 * Writes a published plan's catalogue into `catalogue_entries`, in the caller's transaction. An
 * entry is known by its plan key, category and area: a new one is added; one the office has not
 * edited takes the plan's units; one it edited keeps its edit; one the plan no longer has, unedited,
 * is deactivated. Counts stay with their entry. `strict` (an admin's import) refuses a unit the tree
 * does not have or that is deactivated; without it (the built-in plan loaded before any unit exists)
 * such entries wait, and a later call (the demo loader's, the next publish) adds them.
 * Returns how many of the plan's entries are in the catalogue.
 */
export async function seedCatalogue(ctx: Context, trx: Trx, plan: { key: string; document: PlanDocument; strict: boolean }): Promise<number> {
  const wanted = plan.document.catalogue ?? [];
  const units = await trx.selectFrom('units').select(['id', 'name', 'deactivated_at']).execute();
  if (plan.strict) checkCatalogueUnits(plan.document, units.map((unit) => ({ name: unit.name, active: unit.deactivated_at === null })));
  const byName = new Map(units.filter((unit) => unit.deactivated_at === null).map((unit) => [unit.name, unit.id]));
  const existing = await trx.selectFrom('catalogue_entries').selectAll().where('plan_key', '=', plan.key).execute();
  const now = ctx.now();
  const kept = new Set<string>();
  for (const entry of wanted) {
    const areaUnitId = entry.area === undefined ? null : (byName.get(entry.area) ?? undefined);
    const leadUnitId = byName.get(entry.lead);
    const assisting = (entry.assisting ?? []).map((name) => byName.get(name));
    if (areaUnitId === undefined || leadUnitId === undefined || assisting.some((id) => id === undefined)) continue;
    const assistingUnitIds = JSON.stringify([...new Set(assisting as string[])].filter((id) => id !== leadUnitId));
    const current = existing.find((row) => row.category === entry.category && row.area_unit_id === areaUnitId);
    if (!current) {
      const id = ctx.newId();
      kept.add(id);
      await trx
        .insertInto('catalogue_entries')
        .values({ id, plan_key: plan.key, category: entry.category, area_unit_id: areaUnitId, lead_unit_id: leadUnitId, assisting_unit_ids: assistingUnitIds, active: 1, objections: 0, reroutes: 0, created_at: now, updated_at: now, edited_at: null, edited_by: null })
        .execute();
      continue;
    }
    kept.add(current.id);
    if (current.edited_at !== null) continue;
    if (current.lead_unit_id === leadUnitId && current.assisting_unit_ids === assistingUnitIds && current.active === 1) continue;
    await trx.updateTable('catalogue_entries').set({ lead_unit_id: leadUnitId, assisting_unit_ids: assistingUnitIds, active: 1, updated_at: now }).where('id', '=', current.id).execute();
  }
  const dropped = existing.filter((row) => !kept.has(row.id) && row.edited_at === null && row.active === 1).map((row) => row.id);
  if (dropped.length > 0) await trx.updateTable('catalogue_entries').set({ active: 0, updated_at: now }).where('id', 'in', dropped).execute();
  return kept.size;
}

/**
 * Seeds the current published plan's catalogue (not strictly: entries whose units the tree lacks
 * wait): for a unit tree built after the plan was loaded, as the demo loader builds its county.
 */
export async function seedCurrentCatalogue(ctx: Context): Promise<number> {
  return ctx.db.transaction().execute((trx) => seedCurrentCatalogueIn(ctx, trx));
}

/** The same in the caller's transaction: a unit added, renamed or reactivated takes up the entries waiting for it. */
export async function seedCurrentCatalogueIn(ctx: Context, trx: Trx): Promise<number> {
  const current = await loadCurrentPlan(trx);
  return current ? seedCatalogue(ctx, trx, { key: current.row.key, document: current.document, strict: false }) : 0;
}

/** The catalogue of the current plan keys, by category, the whole-jurisdiction entry before the areas. */
export async function listCatalogue(ctx: Context, props: { actor: Actor }): Promise<CatalogueEntryView[]> {
  if (!can(props.actor, 'plan.read')) throw forbidden();
  const rows = await ctx.db.selectFrom('catalogue_entries').selectAll().orderBy('plan_key').orderBy('category').orderBy('created_at').orderBy('id').execute();
  const counts = await proposalCounts(ctx.db);
  return rows.map((row) => entryView(row, counts));
}

export interface CatalogueEdit {
  areaUnitId?: string | null;
  leadUnitId?: string;
  assistingUnitIds?: string[];
  active?: boolean;
}

/** Each unit an edit names exists and takes cases: a 400 naming the field otherwise. */
async function checkUnits(trx: Trx, edit: CatalogueEdit): Promise<void> {
  const named: [string, string][] = [
    ...(edit.areaUnitId ? [['areaUnitId', edit.areaUnitId] as [string, string]] : []),
    ...(edit.leadUnitId === undefined ? [] : [['leadUnitId', edit.leadUnitId] as [string, string]]),
    ...(edit.assistingUnitIds ?? []).map((id, index) => [`assistingUnitIds[${index}]`, id] as [string, string]),
  ];
  if (named.length === 0) return;
  const units = await trx.selectFrom('units').select(['id', 'name', 'deactivated_at']).where('id', 'in', named.map(([, id]) => id)).execute();
  for (const [field, id] of named) {
    const unit = units.find((candidate) => candidate.id === id);
    if (!unit) throw invalid(field, 'no unit has this id.', { code: 'no_such_unit' });
    // An area is only where a petition comes from: a deactivated one still names a place.
    if (unit.deactivated_at !== null && field !== 'areaUnitId') throw invalid(field, `${unit.name} is deactivated and takes no new cases.`, { code: 'inactive_unit', params: { name: unit.name } });
  }
}

/**
 * Edits one catalogue entry without republishing the plan (the office corrects an entry the
 * report shows is often rerouted): its area, lead, assisting units or whether it is used. Audited;
 * the entry is marked edited, so a later publish of the plan leaves it as edited.
 */
export async function updateCatalogueEntry(ctx: Context, props: { actor: Actor; entryId: string; edit: CatalogueEdit }): Promise<CatalogueEntryView> {
  if (!can(props.actor, 'plan.write')) throw forbidden('Only an admin can edit the routing catalogue.');
  const { edit } = props;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('catalogue_entries').selectAll().where('id', '=', props.entryId).executeTakeFirst();
    if (!row) throw notFound('The catalogue entry');
    await checkUnits(trx, edit);
    const leadUnitId = edit.leadUnitId ?? row.lead_unit_id;
    const assisting = edit.assistingUnitIds ?? unitIdList(row.assisting_unit_ids);
    const leadAt = assisting.indexOf(leadUnitId);
    if (leadAt !== -1) throw invalid(`assistingUnitIds[${leadAt}]`, 'the lead unit is not also an assisting unit.', { code: 'not_allowed' });
    if (new Set(assisting).size !== assisting.length) throw invalid('assistingUnitIds', 'a unit is listed twice.', { code: 'not_allowed' });
    const areaUnitId = edit.areaUnitId === undefined ? row.area_unit_id : edit.areaUnitId;
    if (areaUnitId !== row.area_unit_id) {
      let twin = trx.selectFrom('catalogue_entries').select('id').where('plan_key', '=', row.plan_key).where('category', '=', row.category).where('id', '!=', row.id);
      twin = areaUnitId === null ? twin.where('area_unit_id', 'is', null) : twin.where('area_unit_id', '=', areaUnitId);
      if (await twin.executeTakeFirst()) throw invalid('areaUnitId', 'the catalogue already has an entry for this category in this area.', { code: 'duplicate_catalogue_entry' });
    }
    const changes = {
      area_unit_id: areaUnitId,
      lead_unit_id: leadUnitId,
      assisting_unit_ids: JSON.stringify(assisting),
      active: edit.active === undefined ? row.active : edit.active ? 1 : 0,
      updated_at: now,
      edited_at: now,
      edited_by: props.actor.id,
    };
    await trx.updateTable('catalogue_entries').set(changes).where('id', '=', row.id).execute();
    await recordAudit(trx, {
      at: now,
      actorId: props.actor.id,
      action: 'catalogue.update',
      subjectType: 'catalogue_entry',
      subjectId: row.id,
      detail: {
        before: { areaUnitId: row.area_unit_id, leadUnitId: row.lead_unit_id, assistingUnitIds: unitIdList(row.assisting_unit_ids), active: row.active === 1 },
        after: { areaUnitId, leadUnitId, assistingUnitIds: assisting, active: changes.active === 1 },
      },
    });
    return entryView({ ...row, ...changes }, await proposalCounts(trx, [row.id]));
  });
}

/** The catalogue report: the entries the office most often found wrong, so it can correct them. */
export async function catalogueReport(ctx: Context, props: { actor: Actor; limit?: number }): Promise<{ generatedAt: string; entries: (CatalogueEntryView & { misroutings: number })[] }> {
  if (!can(props.actor, 'report.read')) throw forbidden();
  const rows = await ctx.db.selectFrom('catalogue_entries').selectAll().execute();
  const counts = await proposalCounts(ctx.db);
  const entries = rows
    .map((row) => ({ ...entryView(row, counts), misroutings: misroutings(row) }))
    .filter((entry) => entry.counts.proposed > 0 || entry.misroutings > 0)
    .sort((a, b) => b.misroutings - a.misroutings || b.counts.changed - a.counts.changed || b.counts.proposed - a.counts.proposed || a.category.localeCompare(b.category));
  return { generatedAt: ctx.now(), entries: entries.slice(0, props.limit ?? 50) };
}

/** Counts an objection to, or a reroute of, an assignment the catalogue proposed (inside the caller's transaction). */
export async function countMisrouting(trx: Trx, props: { caseId: string; unitId: string; what: 'objections' | 'reroutes' }): Promise<void> {
  const proposal = await trx.selectFrom('routing_proposals').select(['entry_id', 'status', 'final_lead_unit_id', 'final_assisting_unit_ids']).where('case_id', '=', props.caseId).executeTakeFirst();
  // Only a proposal confirmed as it stood put the catalogue's units on the case; a changed one was the office's own choice.
  if (proposal?.status !== 'confirmed') return;
  const units = [proposal.final_lead_unit_id, ...unitIdList(proposal.final_assisting_unit_ids)];
  if (!units.includes(props.unitId)) return;
  const column = props.what;
  await trx
    .updateTable('catalogue_entries')
    .set((eb) => ({ [column]: eb(column, '+', 1) }))
    .where('id', '=', proposal.entry_id)
    .execute();
}
