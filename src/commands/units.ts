import { forbidden, invalid } from '../core/errors.js';
import { can } from '../core/policy.js';
import { unitKinds, type Actor, type UnitKind } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import type { UnitsTable } from '../db/schema.js';
import { actorId, type Context } from './context.js';

export interface UnitView {
  id: string;
  name: string;
  nameEn: string | null;
  kind: UnitKind;
  parentId: string | null;
  createdAt: string;
}

export function unitView(row: UnitsTable): UnitView {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind as UnitKind,
    parentId: row.parent_id,
    createdAt: row.created_at,
  };
}

export interface CreateUnitProps {
  actor: Actor | null;
  name: string;
  nameEn?: string | null;
  kind: UnitKind;
  parentId?: string | null;
}

/** Adds an organisation to the tree: leadership group, office, township or department. */
export async function createUnit(ctx: Context, props: CreateUnitProps): Promise<UnitView> {
  if (props.actor && !can(props.actor, 'unit.create')) throw forbidden('Only an admin can add units.');
  if (props.name.trim() === '') throw invalid('name', 'must not be empty.');
  if (!unitKinds.includes(props.kind)) throw invalid('kind', `must be one of ${unitKinds.join(', ')}.`);
  const row: UnitsTable = {
    id: ctx.newId(),
    name: props.name.trim(),
    name_en: props.nameEn?.trim() || null,
    kind: props.kind,
    parent_id: props.parentId ?? null,
    created_at: ctx.now(),
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
  });
  return unitView(row);
}

export async function listUnits(ctx: Context, props: { actor: Actor }): Promise<UnitView[]> {
  if (!can(props.actor, 'unit.read')) throw forbidden();
  const rows = await ctx.db.selectFrom('units').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(unitView);
}
