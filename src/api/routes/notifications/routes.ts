import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { listMyNotifications, markNotificationRead } from '../../../commands/notifications.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { Notification } from './schemas.js';

const NotificationsQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);

/** The signed-in user's in-app notifications. */
export function notificationRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/notifications', {
    schema: { tags: ['notifications'], summary: 'My notifications, newest first', querystring: NotificationsQuery, response: { 200: Type.Object({ items: Type.Array(Notification) }), ...errorResponses } },
    handler: async (request) => {
      const query = request.query;
      return { items: await listMyNotifications(ctx, { actor: actorOf(request), unreadOnly: query.unread ?? false, ...(query.limit ? { limit: query.limit } : {}) }) };
    },
  });

  app.post('/api/v1/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Mark a notification read', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      const { id } = request.params;
      await markNotificationRead(ctx, { actor: actorOf(request), notificationId: id });
      return reply.status(204).send(null);
    },
  });
}
