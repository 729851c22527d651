import type { NoticeContent } from '../core/written-notices.js';
import { createHmac } from 'node:crypto';
import type { Context } from '../context/context.js';
import { addMinutes } from '../core/deadlines.js';
import type { Selectable } from 'kysely';
import { subscribes } from '../core/notices.js';
import { topicsOf } from '../db/repositories/webhooks.js';
import type { NotificationsTable } from '../db/schema.js';
import { render } from './templates.js';

type NotificationRow = Selectable<NotificationsTable>;

interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** The outbound side, injected so tests can use a real local SMTP server and HTTP receiver. */
export interface Senders {
  email: ((mail: Mail) => Promise<void>) | null;
  /** Webhook POSTs time out after this long; a slow receiver fails the attempt, not the worker. */
  webhookTimeoutMs: number;
}

const maxAttempts = 8;

/** 30 s, 1 min, 2 min … capped at 1 hour: retries back off so a receiver that is down is not hammered. */
function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/** Signs a webhook body: `sha256=<hex HMAC of timestamp + "." + body>` with the webhook's secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Why a delivery failed, as a code the admin pages translate: the receiver answered an HTTP error
 * (`status` holds it), took longer than the timeout, could not be reached, was disabled or
 * removed, no longer subscribes to the notice's topic, or email is not configured; `error` for
 * anything else.
 */
export type DeliveryErrorCode = 'http_status' | 'timeout' | 'unreachable' | 'webhook_disabled' | 'unsubscribed' | 'email_not_configured' | 'error';

/** Failures no retry can mend: the delivery is given up at once. */
const finalCodes: ReadonlySet<DeliveryErrorCode> = new Set(['unsubscribed']);

class DeliveryError extends Error {
  readonly code: DeliveryErrorCode;
  readonly status: number | null;

  constructor(code: DeliveryErrorCode, message: string, status: number | null = null) {
    super(message);
    this.name = 'DeliveryError';
    this.code = code;
    this.status = status;
  }
}

/** The code of a failed attempt: a DeliveryError's own, a timeout's, or an unreachable receiver's. */
function deliveryErrorOf(error: unknown): { code: DeliveryErrorCode; status: number | null; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DeliveryError) return { code: error.code, status: error.status, message };
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { code: 'timeout', status: null, message };
  // fetch() rejects with a TypeError ("fetch failed") when the connection is refused, reset or the name does not resolve.
  if (error instanceof TypeError) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
    return { code: 'unreachable', status: null, message: detail ? `${message} (${detail})` : message };
  }
  return { code: 'error', status: null, message };
}

/** A written notice's email carries its sealed text (`contentSealed`), opened only to send it; a webhook never gets it. */
function withoutSealed(data: Record<string, unknown>): Record<string, unknown> {
  const { contentSealed: _sealed, ...rest } = data;
  return rest;
}

function openedContent(ctx: Context, data: Record<string, unknown>): Record<string, unknown> {
  if (typeof data.contentSealed !== 'string') return data;
  const content = JSON.parse(ctx.sealer.open(data.contentSealed)) as NoticeContent;
  return { ...withoutSealed(data), titleZh: content.zh.title, bodyZh: content.zh.body, titleEn: content.en.title, bodyEn: content.en.body };
}

async function postWebhook(url: string, secret: string, row: NotificationRow, timeoutMs: number): Promise<void> {
  const body = JSON.stringify({
    id: row.id,
    type: row.template,
    caseId: row.case_id,
    createdAt: row.created_at,
    data: withoutSealed(JSON.parse(row.data) as Record<string, unknown>),
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-redress-delivery': row.id,
      'x-redress-timestamp': timestamp,
      'x-redress-signature': signWebhook(secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new DeliveryError('http_status', `The receiver answered HTTP ${response.status}.`, response.status);
}

async function sendOne(ctx: Context, senders: Senders, row: NotificationRow): Promise<void> {
  if (row.channel === 'webhook') {
    const hook = await ctx.db.selectFrom('webhooks').selectAll().where('id', '=', row.webhook_id ?? '').executeTakeFirst();
    if (!hook || hook.disabled_at) throw new DeliveryError('webhook_disabled', 'The webhook was removed or disabled.');
    // Its topics changed after this delivery was written: it no longer wants this notice.
    if (!subscribes(topicsOf(hook.topics), row.template)) throw new DeliveryError('unsubscribed', 'The webhook no longer subscribes to this topic.');
    await postWebhook(hook.url, hook.secret, row, senders.webhookTimeoutMs);
    return;
  }
  if (!senders.email) throw new DeliveryError('email_not_configured', 'Email is not configured (REDRESS_SMTP_URL).');
  const to = row.address_sealed
    ? ctx.sealer.open(row.address_sealed)
    : (await ctx.db.selectFrom('users').select('email').where('id', '=', row.user_id ?? '').executeTakeFirstOrThrow()).email;
  const message = render(row.template, row.language, openedContent(ctx, JSON.parse(row.data) as Record<string, unknown>), ctx.timeZone);
  await senders.email({ to, ...message });
}

/**
 * Delivers due notifications from the outbox. Rows are claimed first (FOR UPDATE SKIP LOCKED on
 * PostgreSQL), so several workers never send the same one; a failure is retried with backoff and
 * the row is kept, so nothing is lost.
 */
export async function deliverDue(ctx: Context, senders: Senders, batch = 50): Promise<{ sent: number; failed: number }> {
  const now = ctx.now();
  const claimUntil = addMinutes(now, 5);
  const claimed = await ctx.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('notifications')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(batch);
    if (ctx.adapter.supportsRowLocks) query = query.forUpdate().skipLocked();
    const ids = (await query.execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    await trx.updateTable('notifications').set({ claimed_until: claimUntil }).where('id', 'in', ids).execute();
    return trx.selectFrom('notifications').selectAll().where('id', 'in', ids).execute();
  });
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      await sendOne(ctx, senders, row);
      await ctx.db
        .updateTable('notifications')
        .set({ status: 'sent', sent_at: ctx.now(), attempts: row.attempts + 1, claimed_until: null, last_error: null, last_error_code: null, last_http_status: null })
        .where('id', '=', row.id)
        .execute();
      sent += 1;
    } catch (error) {
      const attempts = row.attempts + 1;
      const failure = deliveryErrorOf(error);
      const givenUp = attempts >= maxAttempts || finalCodes.has(failure.code);
      await ctx.db
        .updateTable('notifications')
        .set({
          attempts,
          status: givenUp ? 'failed' : 'pending',
          next_attempt_at: givenUp ? null : addMinutes(ctx.now(), backoffSeconds(attempts) / 60),
          claimed_until: null,
          last_error: failure.message.slice(0, 500),
          last_error_code: failure.code,
          last_http_status: failure.status,
        })
        .where('id', '=', row.id)
        .execute();
      failed += 1;
    }
  }
  return { sent, failed };
}
