import type { Selectable } from 'kysely';
import { DomainError, forbidden, invalid, notFound, refused } from '../core/errors.js';
import { can } from '../core/policy.js';
import { openStages, unitKinds, type Actor, type UnitKind } from '../core/types.js';
import { forUpdate } from '../db/adapter.js';
import { recordAudit } from '../db/audit.js';
import type { UnitsTable } from '../db/schema.js';
import { actorId, type Context, type Trx } from '../context/context.js';
import { assignmentActive } from '../db/repositories/assignments.js';
import { seedCurrentCatalogueIn } from './catalogue.js';

export interface UnitView {
  id: string;
  name: string;
  nameEn: string | null;
  kind: UnitKind;
  parentId: string | null;
  /** The unit's responsible leader (责任领导), normally its head, as the plan's organisation asks each unit to name. */
  leaderName: string | null;
  /** What the responsible leader answers for, in the unit's own words. */
  leaderDuty: string | null;
  active: boolean;
  deactivatedAt: string | null;
  createdAt: string;
}

function unitView(row: Selectable<UnitsTable>): UnitView {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    parentId: row.parent_id,
    leaderName: row.leader_name,
    leaderDuty: row.leader_duty,
    active: row.deactivated_at === null,
    deactivatedAt: row.deactivated_at,
    createdAt: row.created_at,
  };
}

/** Trimmed text, or null when there is none. */
const text = (value: string | null | undefined) => value?.trim() || null;

interface CreateUnitProps {
  actor: Actor | null;
  name: string;
  nameEn?: string | null;
  kind: UnitKind;
  parentId?: string | null;
  leaderName?: string | null;
  leaderDuty?: string | null;
}

/** Adds an organisation to the tree: leadership group, office, township or department. */
export async function createUnit(ctx: Context, props: CreateUnitProps): Promise<UnitView> {
  if (props.actor && !can(props.actor, 'unit.create')) throw forbidden('Only an admin can add units.');
  if (props.name.trim() === '') throw invalid('name', 'must not be empty.', { code: 'required' });
  if (!unitKinds.includes(props.kind)) throw invalid('kind', `must be one of ${unitKinds.join(', ')}.`);
  const row: Selectable<UnitsTable> = {
    id: ctx.newId(),
    name: props.name.trim(),
    name_en: text(props.nameEn),
    kind: props.kind,
    parent_id: props.parentId ?? null,
    leader_name: text(props.leaderName),
    leader_duty: text(props.leaderDuty),
    deactivated_at: null,
    created_at: ctx.now(),
    updated_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (row.parent_id) {
      const parent = await trx.selectFrom('units').select('id').where('id', '=', row.parent_id).executeTakeFirst();
      if (!parent) throw invalid('parentId', 'no unit has this id.');
    }
    await trx.insertInto('units').values(row).execute();
    await recordAudit(trx, {
      at: row.created_at,
      actorId: actorId(props.actor),
      action: 'unit.create',
      subjectType: 'unit',
      subjectId: row.id,
      detail: { name: row.name, kind: row.kind },
    });
    await seedCurrentCatalogueIn(ctx, trx);
  });
  return unitView(row);
}

export async function listUnits(ctx: Context, props: { actor: Actor }): Promise<UnitView[]> {
  if (!can(props.actor, 'unit.read')) throw forbidden();
  const rows = await ctx.db.selectFrom('units').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(unitView);
}

async function lockedUnit(ctx: Context, trx: Trx, unitId: string): Promise<Selectable<UnitsTable>> {
  const row = await forUpdate(ctx.adapter, trx.selectFrom('units').selectAll().where('id', '=', unitId)).executeTakeFirst();
  if (!row) throw notFound('The unit');
  return row;
}

/**
 * Refuses a parent that would close a loop: walking up from the new parent must never reach the
 * unit itself. The walk is bounded by the number of units, so a tree already broken cannot hang it.
 */
async function checkParent(trx: Trx, unitId: string, parentId: string): Promise<void> {
  if (parentId === unitId) throw new DomainError('unit_cycle', 'A unit cannot be its own parent.', { field: 'parentId' });
  const rows = await trx.selectFrom('units').select(['id', 'parent_id']).execute();
  const parentOf = new Map(rows.map((row) => [row.id, row.parent_id]));
  if (!parentOf.has(parentId)) throw invalid('parentId', 'no unit has this id.');
  let current: string | null | undefined = parentId;
  for (let steps = 0; current && steps <= rows.length; steps += 1) {
    if (current === unitId) {
      throw new DomainError('unit_cycle', 'This would place the unit under one of its own sub-units.', { field: 'parentId', details: { parentId } });
    }
    current = parentOf.get(current);
  }
}

interface UpdateUnitProps {
  actor: Actor;
  unitId: string;
  name?: string;
  nameEn?: string | null;
  kind?: UnitKind;
  parentId?: string | null;
  leaderName?: string | null;
  leaderDuty?: string | null;
}

/** Edits a unit: its names, kind, place in the tree, and responsible leader with their duty. */
export async function updateUnit(ctx: Context, props: UpdateUnitProps): Promise<UnitView> {
  if (!can(props.actor, 'unit.update')) throw forbidden('Only an admin can edit units.');
  if (props.name !== undefined && props.name.trim() === '') throw invalid('name', 'must not be empty.', { code: 'required' });
  if (props.kind !== undefined && !unitKinds.includes(props.kind)) throw invalid('kind', `must be one of ${unitKinds.join(', ')}.`);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockedUnit(ctx, trx, props.unitId);
    const changes: Partial<Selectable<UnitsTable>> = {};
    if (props.name !== undefined) changes.name = props.name.trim();
    if (props.nameEn !== undefined) changes.name_en = text(props.nameEn);
    if (props.kind !== undefined) changes.kind = props.kind;
    if (props.leaderName !== undefined) changes.leader_name = text(props.leaderName);
    if (props.leaderDuty !== undefined) changes.leader_duty = text(props.leaderDuty);
    if (props.parentId !== undefined) {
      if (props.parentId !== null) await checkParent(trx, row.id, props.parentId);
      changes.parent_id = props.parentId;
    }
    const changed = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== row[key as keyof typeof row]);
    // Saving the form unchanged (or a retried request) changes nothing and records nothing.
    if (changed.length === 0) return unitView(row);
    const updated = { ...row, ...changes, updated_at: now };
    await trx.updateTable('units').set({ ...changes, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, {
      at: now,
      actorId: props.actor.id,
      action: 'unit.update',
      subjectType: 'unit',
      subjectId: row.id,
      detail: { changed, ...(changes.parent_id !== undefined ? { parentId: changes.parent_id, from: row.parent_id } : {}) },
    });
    if (changes.name !== undefined) await seedCurrentCatalogueIn(ctx, trx);
    return unitView(updated);
  });
}

/** How many open cases a unit still holds, and which (the first few), so the admin knows what to reroute. */
async function openAssignments(trx: Trx, unitId: string): Promise<{ count: number; cases: { id: string; reference: string }[] }> {
  const rows = await trx
    .selectFrom('assignments')
    .innerJoin('cases', 'cases.id', 'assignments.case_id')
    .select(['cases.id', 'cases.reference'])
    .where('assignments.unit_id', '=', unitId)
    .where(assignmentActive())
    .where('cases.stage', 'in', [...openStages])
    .orderBy('cases.received_at')
    .execute();
  return { count: rows.length, cases: rows.slice(0, 20) };
}

/**
 * Deactivates a unit that was merged or dissolved. It is refused while the unit still holds an
 * open case: the office reroutes those first, so no case is left with a unit nobody works for.
 */
export async function deactivateUnit(ctx: Context, props: { actor: Actor; unitId: string }): Promise<UnitView> {
  if (!can(props.actor, 'unit.update')) throw forbidden('Only an admin can deactivate units.');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockedUnit(ctx, trx, props.unitId);
    if (row.deactivated_at) throw refused('unit_deactivated', `This unit was deactivated at ${row.deactivated_at}.`, { at: row.deactivated_at });
    const open = await openAssignments(trx, row.id);
    if (open.count > 0) {
      throw new DomainError(
        'unit_has_open_assignments',
        `${row.name} still holds ${open.count} open case(s); reroute them to another unit first.`,
        { details: { openAssignments: open.count, cases: open.cases } },
      );
    }
    await trx.updateTable('units').set({ deactivated_at: now, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, { at: now, actorId: props.actor.id, action: 'unit.deactivate', subjectType: 'unit', subjectId: row.id });
    return unitView({ ...row, deactivated_at: now, updated_at: now });
  });
}

/** Brings a deactivated unit back: it can be assigned cases again. */
export async function reactivateUnit(ctx: Context, props: { actor: Actor; unitId: string }): Promise<UnitView> {
  if (!can(props.actor, 'unit.update')) throw forbidden('Only an admin can reactivate units.');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockedUnit(ctx, trx, props.unitId);
    if (!row.deactivated_at) throw refused('unit_active', 'This unit is active.', {});
    await trx.updateTable('units').set({ deactivated_at: null, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, { at: now, actorId: props.actor.id, action: 'unit.reactivate', subjectType: 'unit', subjectId: row.id });
    await seedCurrentCatalogueIn(ctx, trx);
    return unitView({ ...row, deactivated_at: null, updated_at: now });
  });
}
