import { forbidden, notFound, refused } from '../../core/errors.js';
import { can, caseScope, type CaseAction } from '../../core/policy.js';
import type { Actor } from '../../core/types.js';
import { assignedUnitIds, findCase, type CaseRow } from '../../db/repositories/cases.js';
import type { Database } from '../../db/schema.js';
import type { Context, Trx } from '../../context/context.js';
import type { Kysely } from 'kysely';
import { checkReviewRules } from '../reviews.js';

/** Fails with 403 unless the actor may do the action on a case assigned to these units. */
export function checkCaseAccess(actor: Actor, action: CaseAction, unitIds: string[]): void {
  if (!can(actor, action, { type: 'case', assignedUnitIds: unitIds })) {
    throw forbidden('This case is not assigned to your unit, or your role cannot do this.');
  }
}

/**
 * Loads a case for an action, or fails: 404 when it does not exist, 403 when the actor may not
 * act on it. With `lock`, the row is held until the transaction ends so concurrent moves queue up.
 */
export async function caseFor(
  ctx: Context,
  trx: Trx,
  props: { actor: Actor; caseId: string; action: CaseAction; lock?: boolean; reviewRequest?: boolean },
): Promise<{ row: CaseRow; unitIds: string[] }> {
  const row = await findCase(trx, ctx.adapter, props.caseId, { lock: props.lock ?? false });
  if (!row) throw notFound('The case');
  const unitIds = await assignedUnitIds(trx, row.id);
  checkCaseAccess(props.actor, props.action, unitIds);
  // Under review, the review's own rules (recusal, the body above) judge every write; recording the
  // petitioner's request for the next round is the office's service to them, not part of the review.
  if (row.stage === 'review' && props.reviewRequest !== true) await checkReviewRules(trx, props.actor, props.action, row);
  // A duplicate merged into another case (commands/case-links.ts) takes no more writes: its survivor does.
  if (props.lock && row.merged_into_id) {
    const survivor = await trx.selectFrom('cases').select('reference').where('id', '=', row.merged_into_id).executeTakeFirst();
    const reference = survivor?.reference ?? row.merged_into_id;
    throw refused('case_merged', `Case ${row.reference} was merged into ${reference}; act on that case.`, { reference });
  }
  return { row, unitIds };
}

/**
 * Whether the actor may take an action on a case, by the same rule as `caseFor` (the case's
 * active assignments, `assignedUnitIds`, judged by `can`), without loading the case: the live
 * stream asks this before every change it delivers. Whoever sees every case needs no lookup.
 */
export async function mayActOnCase(db: Kysely<Database>, actor: Actor, caseId: string, action: CaseAction): Promise<boolean> {
  const unitIds = caseScope(actor).all ? [] : await assignedUnitIds(db, caseId);
  return can(actor, action, { type: 'case', assignedUnitIds: unitIds });
}
