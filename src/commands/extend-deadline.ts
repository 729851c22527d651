import { invalid, refused } from '../core/errors.js';
import { countDays } from '../core/deadlines.js';
import type { Actor } from '../core/types.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import { enqueue } from '../notifications/outbox.js';
import { runCaseCommand } from './support/case-command.js';
import type { CaseDetail } from '../presenters/case-view.js';
import { jurisdiction, type Context } from '../context/context.js';

const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Extends the time to conclude a case, once, by at most the plan's limit (30 days by default),
 * with the reason told to the petitioner: on the public timeline, and by email if they gave one.
 */
export async function extendDeadline(ctx: Context, props: { actor: Actor; caseId: string; days: number; reason: string }): Promise<CaseDetail> {
  const reason = props.reason.trim();
  if (reason === '') throw invalid('reason', 'the petitioner must be told why; give the reason.', { code: 'required' });
  if (!Number.isInteger(props.days) || props.days < 1) throw invalid('days', 'must be a whole number of days, at least 1.', { code: 'too_small', params: { limit: 1 } });
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.assign' }, async (trx, row) => {
    const plan = await pinnedPlan(trx, row);
    const policy = plan.deadlines;
    if (props.days > policy.extensionMaxDays) {
      throw invalid('days', `an extension is at most ${policy.extensionMaxDays} days.`, { code: 'too_large', params: { limit: policy.extensionMaxDays } });
    }
    if (row.extension_days !== null) {
      throw refused('already_extended', `This case was already extended once (by ${row.extension_days} days); the regulations allow one extension.`, {
        days: row.extension_days,
      });
    }
    if (row.conclude_due_at === null || row.concluded_at !== null) {
      throw refused('not_extendable', 'Only an accepted case that has not been answered yet can be extended.', { stage: row.stage });
    }
    const newDueAt = countDays(policy, row.conclude_due_at, props.days, jurisdiction(ctx));
    const data = { days: props.days, reason, previousDueAt: row.conclude_due_at, newDueAt };
    if (row.petitioner_contact_sealed && emailLike.test(ctx.sealer.open(row.petitioner_contact_sealed))) {
      await enqueue(ctx, trx, [{ addressSealed: row.petitioner_contact_sealed, language: 'zh' }], {
        template: 'case.extended',
        caseId: row.id,
        data: { ...data, reference: row.reference },
      });
    }
    return {
      changes: { conclude_due_at: newDueAt, extension_days: props.days, extension_reason: reason, extended_at: ctx.now() },
      event: { type: 'deadline.extended', data: { ...data, public: true } },
      audit: { action: 'case.extend', detail: { days: props.days } },
    };
  });
}
