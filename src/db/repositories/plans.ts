import type { Kysely } from 'kysely';
import type { PlanDocument } from '../../core/plan.js';
import type { Database, PlansTable } from '../schema.js';

export type PlanRow = PlansTable;

export function findPlan(db: Kysely<Database>, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest published version of a plan key, or of any plan when no key is given. */
export function findCurrentPlan(db: Kysely<Database>, key?: string): Promise<PlanRow | undefined> {
  let query = db.selectFrom('plans').selectAll().where('status', '=', 'published');
  if (key) query = query.where('key', '=', key);
  return query.orderBy('published_at', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function latestVersion(db: Kysely<Database>, key: string): Promise<number> {
  const row = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export function listPlans(db: Kysely<Database>): Promise<PlanRow[]> {
  return db.selectFrom('plans').selectAll().orderBy('key').orderBy('version', 'desc').execute();
}

export function planDocument(row: PlanRow): PlanDocument {
  return JSON.parse(row.document) as PlanDocument;
}

/** The plan document a case pinned when it was opened; every case has one. */
export async function pinnedPlan(db: Kysely<Database>, row: { id: string; plan_id: string }): Promise<PlanDocument> {
  const plan = await findPlan(db, row.plan_id);
  if (!plan) throw new Error(`Case ${row.id} pins a plan that does not exist.`);
  return planDocument(plan);
}
