import { randomBytes } from 'node:crypto';
import { DomainError, forbidden, invalid, notFound } from '../core/errors.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { render, type Language, type TemplateKey } from '../notifications/templates.js';
import type { Context } from './context.js';

export interface NotificationView {
  id: string;
  caseId: string | null;
  template: string;
  subject: string;
  text: string;
  createdAt: string;
  readAt: string | null;
}

/** The signed-in user's in-app notifications, newest first, in their language. */
export async function listMyNotifications(ctx: Context, props: { actor: Actor; unreadOnly?: boolean; limit?: number }): Promise<NotificationView[]> {
  let query = ctx.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', props.actor.id)
    .where('channel', '=', 'inapp');
  if (props.unreadOnly) query = query.where('read_at', 'is', null);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(props.limit ?? 50).execute();
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    template: row.template,
    ...render(row.template as TemplateKey, row.language as Language, JSON.parse(row.data) as Record<string, unknown>, ctx.timeZone),
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}

export async function markNotificationRead(ctx: Context, props: { actor: Actor; notificationId: string }): Promise<void> {
  const result = await ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.now() })
    .where('id', '=', props.notificationId)
    .where('user_id', '=', props.actor.id)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const exists = await ctx.db.selectFrom('notifications').select('user_id').where('id', '=', props.notificationId).executeTakeFirst();
    if (!exists || exists.user_id !== props.actor.id) throw notFound('The notification');
  }
}

export interface WebhookView {
  id: string;
  url: string;
  description: string | null;
  createdAt: string;
  disabledAt: string | null;
}

/** Registers a webhook; every notification is POSTed to it, signed with the secret returned once. */
export async function createWebhook(ctx: Context, props: { actor: Actor; url: string; description?: string | null }): Promise<WebhookView & { secret: string }> {
  if (!can(props.actor, 'settings.manage')) throw forbidden('Only an admin can manage webhooks.');
  let parsed: URL;
  try {
    parsed = new URL(props.url);
  } catch {
    throw invalid('url', 'is not a URL.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('url', 'must be an http:// or https:// URL.');
  const secret = randomBytes(24).toString('base64url');
  const row = { id: ctx.newId(), url: parsed.toString(), secret, description: props.description?.trim() || null, created_at: ctx.now(), created_by: props.actor.id, disabled_at: null };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('webhooks').values(row).execute();
    await recordAudit(trx, { at: row.created_at, actorId: props.actor.id, action: 'webhook.create', subjectType: 'webhook', subjectId: row.id, detail: { url: row.url } });
  });
  return { id: row.id, url: row.url, description: row.description, createdAt: row.created_at, disabledAt: null, secret };
}

export async function listWebhooks(ctx: Context, props: { actor: Actor }): Promise<WebhookView[]> {
  if (!can(props.actor, 'settings.manage')) throw forbidden('Only an admin can manage webhooks.');
  const rows = await ctx.db.selectFrom('webhooks').selectAll().orderBy('created_at').execute();
  return rows.map((row) => ({ id: row.id, url: row.url, description: row.description, createdAt: row.created_at, disabledAt: row.disabled_at }));
}

export async function disableWebhook(ctx: Context, props: { actor: Actor; webhookId: string }): Promise<void> {
  if (!can(props.actor, 'settings.manage')) throw forbidden('Only an admin can manage webhooks.');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('webhooks').select(['id', 'disabled_at']).where('id', '=', props.webhookId).executeTakeFirst();
    if (!row) throw notFound('The webhook');
    if (row.disabled_at) throw new DomainError('already_done', 'This webhook is already disabled.');
    await trx.updateTable('webhooks').set({ disabled_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, { at: now, actorId: props.actor.id, action: 'webhook.disable', subjectType: 'webhook', subjectId: row.id });
  });
}
