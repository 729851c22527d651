import { Type, type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { calendarSourceText, importCalendar } from '../../../commands/calendar.js';
import type { Context } from '../../../commands/context.js';
import { createWebhook, disableWebhook, listMyNotifications, listWebhooks, markNotificationRead } from '../../../commands/notifications.js';
import { forbidden } from '../../../core/errors.js';
import { can } from '../../../core/policy.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, Id, IdParams, Nullable, Time } from '../../schemas.js';
import { Notification } from './schemas.js';

const Webhook = Type.Object({ id: Id, url: Type.String(), description: Nullable(Type.String()), createdAt: Time, disabledAt: Nullable(Time) });
const WebhookBody = Type.Object(
  { url: Type.String({ minLength: 1, maxLength: 2000 }), description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
  { additionalProperties: false },
);
const NotificationsQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  { additionalProperties: false },
);

/** In-app notifications, webhooks and the holiday calendar. */
export function notificationRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/api/v1/notifications', {
    schema: { tags: ['notifications'], summary: 'My notifications, newest first', querystring: NotificationsQuery, response: { 200: Type.Object({ items: Type.Array(Notification) }), ...errorResponses } },
    handler: async (request) => {
      const query = request.query as Static<typeof NotificationsQuery>;
      return { items: await listMyNotifications(ctx, { actor: actorOf(request), unreadOnly: query.unread ?? false, ...(query.limit ? { limit: query.limit } : {}) }) };
    },
  });

  app.post('/api/v1/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Mark a notification read', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>;
      await markNotificationRead(ctx, { actor: actorOf(request), notificationId: id });
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/webhooks', {
    schema: { tags: ['notifications'], summary: 'Webhooks (admins)', response: { 200: Type.Object({ items: Type.Array(Webhook) }), ...errorResponses } },
    handler: async (request) => ({ items: await listWebhooks(ctx, { actor: actorOf(request) }) }),
  });

  app.post('/api/v1/webhooks', {
    schema: {
      tags: ['notifications'],
      summary: 'Register a webhook; deliveries are signed with HMAC-SHA256 using the secret shown once',
      body: WebhookBody,
      response: { 201: Type.Intersect([Webhook, Type.Object({ secret: Type.String() })]), ...errorResponses },
    },
    handler: async (request, reply) => {
      const body = request.body as Static<typeof WebhookBody>;
      return reply.status(201).send(await createWebhook(ctx, { actor: actorOf(request), ...body }));
    },
  });

  app.post('/api/v1/webhooks/:id/disable', {
    schema: { tags: ['notifications'], summary: 'Stop delivering to a webhook', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>;
      await disableWebhook(ctx, { actor: actorOf(request), webhookId: id });
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/calendar', {
    schema: { tags: ['calendar'], summary: 'The holiday calendar in force, as YAML', response: { 200: Type.String(), ...errorResponses } },
    handler: async (request, reply) => {
      if (!can(actorOf(request), 'plan.read')) throw forbidden();
      return reply.type('application/yaml; charset=utf-8').serializer(String).send(await calendarSourceText(ctx.db));
    },
  });

  app.put('/api/v1/calendar', {
    schema: {
      tags: ['calendar'],
      summary: 'Replace the holiday calendar (YAML, Content-Type: application/yaml)',
      body: Type.String({ maxLength: 1_000_000 }),
      response: { 200: Type.Object({ name: Type.String(), years: Type.Array(Type.Integer()), holidays: Type.Integer(), workdays: Type.Integer() }), ...errorResponses },
    },
    handler: async (request) => {
      const calendar = await importCalendar(ctx, { actor: actorOf(request), source: request.body as string });
      return { name: calendar.name, years: calendar.years, holidays: calendar.holidays.size, workdays: calendar.workdays.size };
    },
  });
}
