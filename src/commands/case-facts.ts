import type { MoveContext } from '../core/stages.js';
import type { CaseKind } from '../core/types.js';
import type { CaseRow } from '../db/repositories/cases.js';
import type { Trx } from './context.js';

/** Gathers what the stage machine's guards look at, from the case and its records. */
export async function moveContext(trx: Trx, row: CaseRow, now: string, reason: string | undefined): Promise<MoveContext> {
  const [representatives, lead, answers] = await Promise.all([
    trx
      .selectFrom('representatives')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('case_id', '=', row.id)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('assignments')
      .select('id')
      .where('case_id', '=', row.id)
      .where('role', '=', 'lead')
      .where('released_at', 'is', null)
      .executeTakeFirst(),
    trx.selectFrom('answers').select('review_round').where('case_id', '=', row.id).execute(),
  ]);
  return {
    kind: row.kind as CaseKind,
    representativeCount: Number(representatives.count),
    receiveTogether: row.receive_together === 1,
    hasLeadAssignment: lead !== undefined,
    answerCount: answers.length,
    answersSinceReview:
      row.stage === 'review' ? answers.filter((answer) => answer.review_round === row.review_count).length : 0,
    reviewCount: row.review_count,
    reviewRequestDueAt: row.review_request_due_at,
    now,
    reason,
  };
}
