import { randomBytes } from 'node:crypto';
import { forbidden, invalid, notFound, refused } from '../core/errors.js';
import { noticeTopics, type NoticeTopic, type WebhookTopics } from '../core/notices.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { storedTopics, topicsOf } from '../db/repositories/webhooks.js';
import type { DeliveryErrorCode } from '../notifications/delivery.js';
import type { Context } from '../context/context.js';

interface WebhookView {
  id: string;
  url: string;
  description: string | null;
  createdAt: string;
  disabledAt: string | null;
  /** The notices it receives: `all` (including any added later), or the topics it subscribes to. */
  topics: WebhookTopics;
  /** Deliveries waiting for their first or next attempt, and those given up after the last retry. */
  pending: number;
  failed: number;
  lastSentAt: string | null;
}

interface DeliveryView {
  id: string;
  template: string;
  caseId: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastErrorCode: DeliveryErrorCode | null;
  lastHttpStatus: number | null;
  /** The receiver's or the network's own words, for the operator; the page shows the code. */
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
}

function mustManage(actor: Actor): void {
  if (!can(actor, 'settings.manage')) throw forbidden('Only an admin can manage webhooks.');
}

/** Topics as given: `all`, or at least one topic Redress sends, each named once. */
function checkedTopics(topics: 'all' | readonly string[]): WebhookTopics {
  if (topics === 'all') return 'all';
  const unknown = topics.filter((topic) => !(noticeTopics as readonly string[]).includes(topic));
  if (unknown.length > 0) throw invalid('topics', `names no topic Redress sends: ${unknown.join(', ')}.`);
  if (topics.length === 0) throw invalid('topics', 'must name at least one topic, or be "all".');
  return noticeTopics.filter((topic) => topics.includes(topic));
}

/** Registers a webhook; each notice of its topics (default all) is POSTed to it, signed with the secret returned once. */
export async function createWebhook(
  ctx: Context,
  props: { actor: Actor; url: string; description?: string | null; topics?: 'all' | readonly NoticeTopic[] },
): Promise<WebhookView & { secret: string }> {
  mustManage(props.actor);
  const topics = checkedTopics(props.topics ?? 'all');
  let parsed: URL;
  try {
    parsed = new URL(props.url.trim());
  } catch {
    throw invalid('url', 'is not a URL.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('url', 'must be an http:// or https:// URL.');
  const secret = randomBytes(24).toString('base64url');
  const row = {
    id: ctx.newId(),
    url: parsed.toString(),
    secret,
    description: props.description?.trim() || null,
    created_at: ctx.now(),
    created_by: props.actor.id,
    disabled_at: null,
    topics: storedTopics(topics),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('webhooks').values(row).execute();
    await recordAudit(trx, { at: row.created_at, actorId: props.actor.id, action: 'webhook.create', subjectType: 'webhook', subjectId: row.id, detail: { url: row.url, topics } });
  });
  return { id: row.id, url: row.url, description: row.description, createdAt: row.created_at, disabledAt: null, topics, pending: 0, failed: 0, lastSentAt: null, secret };
}

/** The webhooks, oldest first, each with how its deliveries stand. */
export async function listWebhooks(ctx: Context, props: { actor: Actor }): Promise<WebhookView[]> {
  mustManage(props.actor);
  const rows = await ctx.db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute();
  const counts = await ctx.db
    .selectFrom('notifications')
    .select((eb) => ['webhook_id', 'status', eb.fn.countAll<number | string>().as('count'), eb.fn.max('sent_at').as('last_sent_at')])
    .where('channel', '=', 'webhook')
    .groupBy(['webhook_id', 'status'])
    .execute();
  const of = (id: string, status: string) => counts.find((count) => count.webhook_id === id && count.status === status);
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    description: row.description,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    topics: topicsOf(row.topics),
    pending: Number(of(row.id, 'pending')?.count ?? 0),
    failed: Number(of(row.id, 'failed')?.count ?? 0),
    lastSentAt: of(row.id, 'sent')?.last_sent_at ?? null,
  }));
}

/**
 * Changes a webhook: stops (`active: false`) or resumes delivering to it, and/or sets its topics.
 * Asking for the state it is in is a 409; deliveries already waiting for a topic it drops are given
 * up by the delivery worker (`unsubscribed`).
 */
export async function updateWebhook(
  ctx: Context,
  props: { actor: Actor; webhookId: string; active?: boolean | undefined; topics?: 'all' | readonly NoticeTopic[] | undefined },
): Promise<void> {
  mustManage(props.actor);
  const topics = props.topics === undefined ? undefined : checkedTopics(props.topics);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('webhooks').select(['id', 'disabled_at', 'topics']).where('id', '=', props.webhookId).executeTakeFirst();
    if (!row) throw notFound('The webhook');
    if (props.active !== undefined) {
      if ((row.disabled_at === null) === props.active) {
        throw props.active ? refused('webhook_enabled', 'This webhook is already enabled.', {}) : refused('webhook_disabled', 'This webhook is already disabled.', {});
      }
      await trx
        .updateTable('webhooks')
        .set({ disabled_at: props.active ? null : now })
        .where('id', '=', row.id)
        .execute();
      await recordAudit(trx, { at: now, actorId: props.actor.id, action: props.active ? 'webhook.enable' : 'webhook.disable', subjectType: 'webhook', subjectId: row.id });
    }
    if (topics !== undefined && storedTopics(topics) !== row.topics) {
      await trx.updateTable('webhooks').set({ topics: storedTopics(topics) }).where('id', '=', row.id).execute();
      await recordAudit(trx, { at: now, actorId: props.actor.id, action: 'webhook.topics', subjectType: 'webhook', subjectId: row.id, detail: { from: topicsOf(row.topics), to: topics } });
    }
  });
}

/** Stops (`active: false`) or resumes delivering to a webhook; asking for the state it is in is a 409. */
export async function setWebhookActive(ctx: Context, props: { actor: Actor; webhookId: string; active: boolean }): Promise<void> {
  await updateWebhook(ctx, props);
}

export async function disableWebhook(ctx: Context, props: { actor: Actor; webhookId: string }): Promise<void> {
  await setWebhookActive(ctx, { ...props, active: false });
}

/** Removes a webhook and its deliveries (sent, waiting and failed) in one transaction. */
export async function deleteWebhook(ctx: Context, props: { actor: Actor; webhookId: string }): Promise<void> {
  mustManage(props.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('webhooks').select(['id', 'url']).where('id', '=', props.webhookId).executeTakeFirst();
    if (!row) throw notFound('The webhook');
    const deliveries = await trx.deleteFrom('notifications').where('channel', '=', 'webhook').where('webhook_id', '=', row.id).executeTakeFirst();
    await trx.deleteFrom('webhooks').where('id', '=', row.id).execute();
    await recordAudit(trx, {
      at: now,
      actorId: props.actor.id,
      action: 'webhook.delete',
      subjectType: 'webhook',
      subjectId: row.id,
      detail: { url: row.url, deliveriesRemoved: Number(deliveries.numDeletedRows) },
    });
  });
}

/** A webhook's most recent deliveries, newest first; `status` narrows them (e.g. to the failures). */
export async function listWebhookDeliveries(
  ctx: Context,
  props: { actor: Actor; webhookId: string; status?: DeliveryView['status'] | undefined; limit?: number | undefined },
): Promise<DeliveryView[]> {
  mustManage(props.actor);
  const hook = await ctx.db.selectFrom('webhooks').select('id').where('id', '=', props.webhookId).executeTakeFirst();
  if (!hook) throw notFound('The webhook');
  let query = ctx.db.selectFrom('notifications').selectAll().where('channel', '=', 'webhook').where('webhook_id', '=', hook.id);
  if (props.status) query = query.where('status', '=', props.status);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(props.limit ?? 50)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    template: row.template,
    caseId: row.case_id,
    status: row.status as DeliveryView['status'],
    attempts: row.attempts,
    lastErrorCode: (row.last_error_code as DeliveryErrorCode | null) ?? (row.last_error ? 'error' : null),
    lastHttpStatus: row.last_http_status,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  }));
}
