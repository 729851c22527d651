import type { CaseAction } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { appendEvent } from '../db/events.js';
import type { CaseRow } from '../db/repositories/cases.js';
import type { CasesTable } from '../db/schema.js';
import { caseFor } from './case-access.js';
import { updateCase } from './case-update.js';
import { syncClocks } from './sync-clocks.js';
import type { CaseDetail } from './case-view.js';
import type { Context, Trx } from './context.js';
import { caseDetail } from './get-case.js';

/** What a case command did, for the timeline and the audit log. */
export interface CaseChange {
  event: { type: string; data?: Record<string, unknown> };
  audit: { action: string; detail?: Record<string, unknown> };
  /** Case fields the change sets, if any. */
  changes?: Partial<CasesTable>;
}

/**
 * The frame every case command shares: one transaction, the case locked and checked for the
 * action, the command's own writes, then its event and audit entry — all or nothing.
 */
export async function runCaseCommand(
  ctx: Context,
  props: { actor: Actor; caseId: string; action: CaseAction },
  work: (trx: Trx, row: CaseRow, unitIds: string[], now: string) => Promise<CaseChange>,
): Promise<CaseDetail> {
  const now = ctx.now();
  let eventType = '';
  const detail = await ctx.db.transaction().execute(async (trx) => {
    const { row, unitIds } = await caseFor(ctx, trx, { ...props, lock: true });
    const change = await work(trx, row, unitIds, now);
    const updated = await updateCase(trx, row, change.changes ?? {}, now);
    await syncClocks(ctx, trx, updated);
    await appendEvent(trx, { caseId: row.id, type: change.event.type, actorId: props.actor.id, at: now, data: change.event.data });
    await recordAudit(trx, {
      at: now,
      actorId: props.actor.id,
      action: change.audit.action,
      subjectType: 'case',
      subjectId: row.id,
      detail: change.audit.detail,
    });
    eventType = change.event.type;
    // The view reads the assignments anyway; the units still assigned come from those rows.
    return caseDetail(ctx, trx, props.actor, updated);
  });
  ctx.changes.publish({ caseId: detail.id, type: eventType, at: now });
  return detail;
}
