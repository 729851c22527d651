import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** How many of a case's commitments are still open (overdue included): the stage machine's fact for concluding it. */
export async function openCommitmentCount(db: Kysely<Database>, caseId: string): Promise<number> {
  const found = await db.selectFrom('commitments').select((eb) => eb.fn.countAll<number>().as('count')).where('case_id', '=', caseId).where('status', '=', 'open').executeTakeFirstOrThrow();
  return Number(found.count);
}
