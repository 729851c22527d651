import { forbidden, invalid, refused } from '../core/errors.js';
import { personalDataAccess } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { enqueue } from '../notifications/outbox.js';
import { caseFor } from './support/case-access.js';
import type { CaseDetail } from '../presenters/case-view.js';
import type { Context } from '../context/context.js';
import { openPersonalData } from './get-case.js';
import { matterFacts } from '../presenters/matter-view.js';

const minReasonLength = 10;

/**
 * A "break-glass" read: someone who may read a case but is not the office or an assigned unit
 * (a leader, an auditor, an admin) sees its names and contacts, having said why. The read and
 * its reason go into the audit log, and every auditor is told at once, in the same transaction.
 */
export async function revealPersonalData(
  ctx: Context,
  props: { actor: Actor; caseId: string; reason: string },
): Promise<Pick<CaseDetail, 'petitioner' | 'representatives'>> {
  const reason = props.reason.trim();
  if (reason.length < minReasonLength) throw invalid('reason', `say why you need the names and contacts (at least ${minReasonLength} characters).`, { code: 'too_short', params: { limit: minReasonLength } });
  return ctx.db.transaction().execute(async (trx) => {
    const { row, unitIds } = await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.read' });
    const access = personalDataAccess(props.actor, unitIds, matterFacts(row));
    if (access === 'none') throw forbidden('The accuser\'s names and contacts are never shown to this unit (Art. 30).');
    const representatives = await trx.selectFrom('representatives').selectAll().where('case_id', '=', row.id).orderBy('position').execute();
    // The office and the assigned units see them anyway: an ordinary, audited read.
    if (access === 'shown') return openPersonalData(ctx, trx, props.actor, row, representatives);
    const revealed = await openPersonalData(ctx, trx, props.actor, row, representatives, { reason });
    if (!revealed.petitioner && revealed.representatives.length === 0) {
      throw refused('no_personal_data', 'This case holds no names or contacts to reveal.', {});
    }
    const user = await trx.selectFrom('users').select('name').where('id', '=', props.actor.id).executeTakeFirst();
    await enqueue(ctx, trx, [{ role: 'auditor' }], {
      template: 'personal_data.revealed',
      caseId: row.id,
      data: { reference: row.reference, title: row.title, actorId: props.actor.id, actorName: user?.name ?? props.actor.id, role: props.actor.role, reason, at: ctx.now() },
    });
    return revealed;
  });
}
