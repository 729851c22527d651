import { prepared } from '../prepared.js';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

const openCommitments = prepared((db, p: { caseId: string }) =>
  db.selectFrom('commitments').select((eb) => eb.fn.countAll<number>().as('count')).where('case_id', '=', p.caseId).where('status', '=', 'open'),
);

/** How many of a case's commitments are still open (overdue included): the stage machine's fact for concluding it. */
export async function openCommitmentCount(db: Kysely<Database>, caseId: string): Promise<number> {
  const found = await openCommitments.executeTakeFirst(db, { caseId });
  return Number(found?.count ?? 0);
}
