import { invalid, refused } from '../core/errors.js';
import { countDays } from '../core/deadlines.js';
import type { Actor } from '../core/types.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import { enqueue } from '../notifications/outbox.js';
import { runCaseCommand } from './support/case-command.js';
import { issueNotice, noticeDate } from './written-notices.js';
import type { CaseDetail } from '../presenters/case-view.js';
import { jurisdiction, type Context } from '../context/context.js';

const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The request's fields emptied, once a leader has decided it. */
const noRequest = { extension_request_days: null, extension_request_reason: null, extension_requested_at: null, extension_requested_by: null };

function givenReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') throw invalid('reason', 'give the reason.', { code: 'required' });
  return trimmed;
}

/** An accepted case not yet answered, not extended already: the only case an extension is for. */
function checkExtendable(row: CaseRow): void {
  if (row.extension_days !== null) {
    throw refused('already_extended', `This case was already extended once (by ${row.extension_days} days); the regulations allow one extension.`, {
      days: row.extension_days,
    });
  }
  if (row.conclude_due_at === null || row.concluded_at !== null) {
    throw refused('not_extendable', 'Only an accepted case that has not been answered yet can be extended.', { stage: row.stage });
  }
}

/**
 * The office asks for the one extension of the time to conclude, by at most the plan's limit (30
 * days by default), with the reason the petitioner will be told. Nothing moves yet: the leaders are
 * told in the app, and a leader approves or refuses it (Art. 34). One request waits at a time.
 */
export async function requestExtension(ctx: Context, props: { actor: Actor; caseId: string; days: number; reason: string }): Promise<CaseDetail> {
  const reason = givenReason(props.reason);
  if (!Number.isInteger(props.days) || props.days < 1) throw invalid('days', 'must be a whole number of days, at least 1.', { code: 'too_small', params: { limit: 1 } });
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.extension.request' }, async (trx, row, _unitIds, now) => {
    const plan = await pinnedPlan(trx, row);
    const limit = plan.deadlines.extensionMaxDays;
    if (props.days > limit) throw invalid('days', `an extension is at most ${limit} days.`, { code: 'too_large', params: { limit } });
    checkExtendable(row);
    if (row.extension_request_days !== null) {
      throw refused('extension_pending', 'An extension was already requested and waits for a leader.', { days: row.extension_request_days });
    }
    await enqueue(ctx, trx, [{ role: 'leader' }], {
      template: 'extension.requested',
      caseId: row.id,
      data: { reference: row.reference, title: row.title, days: props.days, reason, dueAt: row.conclude_due_at },
    });
    return {
      changes: { extension_request_days: props.days, extension_request_reason: reason, extension_requested_at: now, extension_requested_by: props.actor.id },
      event: { type: 'deadline.extension_requested', data: { days: props.days, reason } },
      audit: { action: 'case.extension.request', detail: { days: props.days } },
    };
  });
}

function pendingRequest(row: CaseRow): { days: number; reason: string } {
  if (row.extension_request_days === null) throw refused('no_extension_request', 'No extension waits for a decision on this case.', {});
  return { days: row.extension_request_days, reason: row.extension_request_reason ?? '' };
}

/**
 * A leader approves the pending request: only now does the conclusion clock move, by the requested
 * days counted as the plan counts them, and the petitioner is told the reason: on the public
 * timeline, and by email if they gave one.
 */
export async function approveExtension(ctx: Context, props: { actor: Actor; caseId: string }): Promise<CaseDetail> {
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.extension.decide' }, async (trx, row, _unitIds, now) => {
    const request = pendingRequest(row);
    checkExtendable(row);
    const plan = await pinnedPlan(trx, row);
    const previousDueAt = row.conclude_due_at as string;
    const newDueAt = countDays(plan.deadlines, previousDueAt, request.days, jurisdiction(ctx));
    const data = { days: request.days, reason: request.reason, previousDueAt, newDueAt };
    if (row.petitioner_contact_sealed && emailLike.test(ctx.sealer.open(row.petitioner_contact_sealed))) {
      await enqueue(ctx, trx, [{ addressSealed: row.petitioner_contact_sealed, language: 'zh' }], {
        template: 'case.extended',
        caseId: row.id,
        data: { ...data, reference: row.reference },
      });
    }
    // The written notice of the extension and its reason (告知): its email is the one just written.
    await issueNotice(ctx, trx, {
      row,
      kind: 'extension',
      params: { days: request.days, reason: request.reason, newDueDate: noticeDate(ctx, newDueAt) },
      actorId: props.actor.id,
      now,
      email: false,
    });
    await enqueue(ctx, trx, [{ role: 'coordinator' }], {
      template: 'extension.decided',
      caseId: row.id,
      data: { reference: row.reference, title: row.title, days: request.days, decision: 'approved', dueAt: newDueAt },
    });
    return {
      changes: { ...noRequest, conclude_due_at: newDueAt, extension_days: request.days, extension_reason: request.reason, extended_at: now },
      event: { type: 'deadline.extended', data: { ...data, public: true } },
      audit: { action: 'case.extend', detail: { days: request.days, requestedBy: row.extension_requested_by } },
    };
  });
}

/** A leader refuses the pending request, saying why (the office is told): nothing moves, and the office may ask again. */
export async function refuseExtension(ctx: Context, props: { actor: Actor; caseId: string; reason: string }): Promise<CaseDetail> {
  const reason = givenReason(props.reason);
  return runCaseCommand(ctx, { actor: props.actor, caseId: props.caseId, action: 'case.extension.decide' }, async (trx, row) => {
    const request = pendingRequest(row);
    await enqueue(ctx, trx, [{ role: 'coordinator' }], {
      template: 'extension.decided',
      caseId: row.id,
      data: { reference: row.reference, title: row.title, days: request.days, decision: 'refused', reason, dueAt: row.conclude_due_at },
    });
    return {
      changes: noRequest,
      event: { type: 'deadline.extension_refused', data: { days: request.days, requestedReason: request.reason, reason } },
      audit: { action: 'case.extension.refuse', detail: { days: request.days } },
    };
  });
}
