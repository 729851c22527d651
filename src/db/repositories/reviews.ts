import type { Kysely, Selectable } from 'kysely';
import type { TreeUnit } from '../../core/jurisdictions.js';
import type { Database, ReviewsTable } from '../schema.js';

export type ReviewRow = Selectable<ReviewsTable>;

/** The unit tree as core/jurisdictions.ts walks it (a small table, read whole). */
export async function unitTree(db: Kysely<Database>): Promise<TreeUnit[]> {
  const rows = await db.selectFrom('units').select(['id', 'kind', 'parent_id', 'deactivated_at', 'created_at']).execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind, parentId: row.parent_id, active: row.deactivated_at === null, createdAt: row.created_at }));
}

/** A case's review rounds, the review (1) first. */
export function caseReviewRows(db: Kysely<Database>, caseId: string): Promise<ReviewRow[]> {
  return db.selectFrom('reviews').selectAll().where('case_id', '=', caseId).orderBy('round').execute();
}

export function reviewRow(db: Kysely<Database>, caseId: string, round: number): Promise<ReviewRow | undefined> {
  return db.selectFrom('reviews').selectAll().where('case_id', '=', caseId).where('round', '=', round).executeTakeFirst();
}

/**
 * The staff who handled a case before a moment (a round's request): everyone the timeline names as
 * having acted on it — assigning, acknowledging, moving, answering, noting, meeting — and who wrote
 * an answer. The recusal rule (core/policy.ts `reviewRefusal`) reads this.
 */
export async function handledBefore(db: Kysely<Database>, caseId: string, before: string): Promise<string[]> {
  const [actors, authors] = await Promise.all([
    db.selectFrom('events').select('actor_id').distinct().where('case_id', '=', caseId).where('at', '<', before).where('actor_id', 'is not', null).execute(),
    db.selectFrom('answers').select('created_by').distinct().where('case_id', '=', caseId).where('created_at', '<', before).where('created_by', 'is not', null).execute(),
  ]);
  const ids = new Set<string>();
  for (const row of actors) if (row.actor_id !== null) ids.add(row.actor_id);
  for (const row of authors) if (row.created_by !== null) ids.add(row.created_by);
  return [...ids].sort();
}
