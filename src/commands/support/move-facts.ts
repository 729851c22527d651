import type { MoveContext } from '../../core/stages.js';
import type { CaseRow } from '../../db/repositories/cases.js';
import type { Trx } from '../../context/context.js';
import { assignmentActive } from '../../db/repositories/assignments.js';
import { openCommitmentCount } from '../../db/repositories/commitments.js';

/** What the guards need of a case's records, however they were read. */
interface MoveRecords {
  representativeCount: number;
  hasLeadAssignment: boolean;
  answers: readonly { review_round: number; created_at: string }[];
  openCommitments: number;
}

/** The stage machine's guard facts from records already loaded (the case view reads them anyway). */
export function moveFacts(row: CaseRow, records: MoveRecords, now: string, reason: string | undefined): MoveContext {
  return {
    kind: row.kind,
    representativeCount: records.representativeCount,
    receiveTogether: row.receive_together === 1,
    hasLeadAssignment: records.hasLeadAssignment,
    answerCount: records.answers.length,
    answersSinceReview:
      row.stage === 'review' ? records.answers.filter((answer) => answer.review_round === row.review_count).length : 0,
    reviewCount: row.review_count,
    reviewRequestDueAt: row.review_request_due_at,
    lastAnswerAt: records.answers.reduce<string | null>((last, answer) => (last === null || answer.created_at > last ? answer.created_at : last), null),
    openCommitments: records.openCommitments,
    now,
    reason,
  };
}

/** Gathers what the stage machine's guards look at, from the case and its records. */
export async function moveContext(trx: Trx, row: CaseRow, now: string, reason: string | undefined): Promise<MoveContext> {
  const [representatives, lead, answers, openCommitments] = await Promise.all([
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
      .where(assignmentActive())
      .executeTakeFirst(),
    trx.selectFrom('answers').select(['review_round', 'created_at']).where('case_id', '=', row.id).execute(),
    openCommitmentCount(trx, row.id),
  ]);
  return moveFacts(row, { representativeCount: Number(representatives.count), hasLeadAssignment: lead !== undefined, answers, openCommitments }, now, reason);
}
