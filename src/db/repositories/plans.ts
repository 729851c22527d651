import type { Kysely } from 'kysely';
import type { PlanDocument } from '../../core/plan.js';
import type { Database, PlansTable } from '../schema.js';

export type PlanRow = PlansTable;

/** A plan version with its document parsed. */
export interface LoadedPlan {
  row: PlanRow;
  document: PlanDocument;
}

/**
 * Published plan versions are immutable (only drafts change), so each is read and parsed once
 * per process and kept, keyed by its id (ids are random, never reused across databases). The
 * document is frozen: a caller that tried to change it would throw rather than change every case.
 */
const published = new Map<string, LoadedPlan>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function keep(row: PlanRow): LoadedPlan {
  const loaded = { row, document: planDocument(row) };
  if (row.status !== 'published') return loaded;
  const frozen = deepFreeze(loaded);
  published.set(row.id, frozen);
  return frozen;
}

export function findPlan(db: Kysely<Database>, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A plan version and its parsed document; a published one comes from the process's cache after the first read. */
export async function loadPlan(db: Kysely<Database>, id: string): Promise<LoadedPlan | undefined> {
  const kept = published.get(id);
  if (kept) return kept;
  const row = await findPlan(db, id);
  return row ? keep(row) : undefined;
}

/** The newest published version of a plan key, or of any plan when no key is given. */
export function findCurrentPlan(db: Kysely<Database>, key?: string): Promise<PlanRow | undefined> {
  let query = db.selectFrom('plans').selectAll().where('status', '=', 'published');
  if (key) query = query.where('key', '=', key);
  return query.orderBy('published_at', 'desc').orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The newest published version, as `findCurrentPlan`, asking the database only which one it is. */
export async function loadCurrentPlan(db: Kysely<Database>): Promise<LoadedPlan | undefined> {
  const current = await db
    .selectFrom('plans')
    .select('id')
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return current ? loadPlan(db, current.id) : undefined;
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
  const plan = await loadPlan(db, row.plan_id);
  if (!plan) throw new Error(`Case ${row.id} pins a plan that does not exist.`);
  return plan.document;
}
