import { DomainError, forbidden, notFound, refused } from '../core/errors.js';
import { catalogueUnitProblems, checkCatalogueUnits, validatePlan, localText, type CatalogueUnit, type CatalogueUnitProblem, type PlanDocument } from '../core/plan.js';
import { parsePlanYaml } from '../core/plan-yaml.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { findPlan, latestVersion, planDocument, type PlanRow } from '../db/repositories/plans.js';
import { actorId, type Context, type Trx } from '../context/context.js';
import { seedCatalogue } from './catalogue.js';

export interface PlanView {
  id: string;
  key: string;
  version: number;
  status: 'draft' | 'published';
  name: string;
  createdAt: string;
  publishedAt: string | null;
  document: PlanDocument;
  /** Catalogue fields naming a unit the tree does not have (or has deactivated): those entries propose nothing until it is there. */
  catalogueWaiting: CatalogueUnitProblem[];
}

export function planView(row: PlanRow, catalogueWaiting: CatalogueUnitProblem[] = []): PlanView {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    status: row.status,
    name: row.name,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    document: planDocument(row),
    catalogueWaiting,
  };
}

/** A plan version as the API shows it, its catalogue checked against the tree as it is now. */
async function planViewNow(db: Trx | Context['db'], row: PlanRow): Promise<PlanView> {
  const { refused, waiting } = catalogueUnitProblems(planDocument(row), await catalogueUnits(db));
  // A unit deactivated since the plan was saved leaves its entries proposing nothing, as a missing one does.
  return planView(row, [...refused, ...waiting]);
}

/** The unit tree as the catalogue check sees it. */
async function catalogueUnits(trx: Trx | Context['db']): Promise<CatalogueUnit[]> {
  const units = await trx.selectFrom('units').select(['name', 'deactivated_at']).execute();
  return units.map((unit) => ({ name: unit.name, active: unit.deactivated_at === null }));
}

/** Parses a plan from YAML text or an already-parsed document; errors name line and field. */
function readPlan(source: unknown): PlanDocument {
  return typeof source === 'string' ? parsePlanYaml(source) : validatePlan(source);
}

/** Stores a plan as a new draft version of its key. Published versions are never touched. */
export async function createPlanDraft(
  ctx: Context,
  props: { actor: Actor | null; source: unknown; publish?: boolean },
): Promise<PlanView> {
  if (props.actor && !can(props.actor, 'plan.write')) throw forbidden('Only an admin can import plans.');
  const document = readPlan(props.source);
  const now = ctx.now();
  const id = ctx.newId();
  await ctx.db.transaction().execute(async (trx) => {
    // A deactivated unit is refused; a name the tree lacks waits for its unit (seedCatalogue), as the built-in plan's do before the tree is built.
    if (props.actor) checkCatalogueUnits(document, await catalogueUnits(trx));
    const version = (await latestVersion(trx, document.key)) + 1;
    await trx
      .insertInto('plans')
      .values({
        id,
        key: document.key,
        version,
        status: props.publish ? 'published' : 'draft',
        name: localText(document.name, 'zh'),
        document: JSON.stringify(document),
        created_at: now,
        created_by: actorId(props.actor),
        published_at: props.publish ? now : null,
        published_by: props.publish ? actorId(props.actor) : null,
      })
      .execute();
    await recordAudit(trx, {
      at: now,
      actorId: actorId(props.actor),
      action: props.publish ? 'plan.import_published' : 'plan.create_draft',
      subjectType: 'plan',
      subjectId: id,
      detail: { key: document.key, version },
    });
    if (props.publish) await seedCatalogue(ctx, trx, { key: document.key, document, strict: props.actor !== null });
  });
  const row = await findPlan(ctx.db, id);
  if (!row) throw notFound('The plan');
  return planViewNow(ctx.db, row);
}

/** Replaces the document of a draft; a published version is immutable. */
export async function updatePlanDraft(
  ctx: Context,
  props: { actor: Actor; planId: string; source: unknown },
): Promise<PlanView> {
  if (!can(props.actor, 'plan.write')) throw forbidden('Only an admin can edit plans.');
  const document = readPlan(props.source);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    checkCatalogueUnits(document, await catalogueUnits(trx));
    const row = await findPlan(trx, props.planId);
    if (!row) throw notFound('The plan');
    if (row.status !== 'draft') throw new DomainError('plan_published', 'A published plan cannot be changed; import a new version.');
    if (document.key !== row.key) {
      throw refused('plan_key_fixed', `key: a draft of "${row.key}" cannot change its key.`, { key: row.key }, { field: 'key' });
    }
    await trx
      .updateTable('plans')
      .set({ document: JSON.stringify(document), name: localText(document.name, 'zh') })
      .where('id', '=', row.id)
      .where('status', '=', 'draft')
      .execute();
    await recordAudit(trx, { at: now, actorId: props.actor.id, action: 'plan.update_draft', subjectType: 'plan', subjectId: row.id });
  });
  return getPlan(ctx, { actor: props.actor, planId: props.planId });
}

/** Publishes a draft, making that version immutable and the one new cases open under. */
export async function publishPlan(ctx: Context, props: { actor: Actor; planId: string }): Promise<PlanView> {
  if (!can(props.actor, 'plan.publish')) throw forbidden('Only an admin can publish plans.');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findPlan(trx, props.planId);
    if (!row) throw notFound('The plan');
    if (row.status === 'published') throw refused('plan_already_published', 'This plan version is already published.', {});
    await seedCatalogue(ctx, trx, { key: row.key, document: planDocument(row), strict: true });
    await trx
      .updateTable('plans')
      .set({ status: 'published', published_at: now, published_by: props.actor.id })
      .where('id', '=', row.id)
      .where('status', '=', 'draft')
      .execute();
    await recordAudit(trx, {
      at: now,
      actorId: props.actor.id,
      action: 'plan.publish',
      subjectType: 'plan',
      subjectId: row.id,
      detail: { key: row.key, version: row.version },
    });
  });
  return getPlan(ctx, props);
}

export async function getPlan(ctx: Context, props: { actor: Actor; planId: string }): Promise<PlanView> {
  if (!can(props.actor, 'plan.read')) throw forbidden();
  const row = await findPlan(ctx.db, props.planId);
  if (!row) throw notFound('The plan');
  return planViewNow(ctx.db, row);
}
