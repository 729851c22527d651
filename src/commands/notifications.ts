import { notFound } from '../core/errors.js';
import type { Actor } from '../core/types.js';
import { render } from '../notifications/templates.js';
import type { Context } from '../context/context.js';

interface NotificationView {
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
    ...render(row.template, row.language, JSON.parse(row.data) as Record<string, unknown>, ctx.timeZone),
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
