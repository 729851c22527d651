import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, setWebhookActive, updateWebhook } from '../../../commands/webhooks.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { CreateWebhookBody, UpdateWebhookBody } from '../../../contract/admin-bodies.js';
import { DeliveriesQuery, Delivery, NewWebhook, Webhook } from './schemas.js';

/** Webhooks (admins): each notice is POSTed to every enabled one subscribed to its topic, signed with its secret. */
export function webhookRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/webhooks', {
    schema: { tags: ['webhooks'], summary: 'Webhooks, each with how its deliveries stand (admins)', response: { 200: Type.Object({ items: Type.Array(Webhook) }), ...errorResponses } },
    handler: async (request) => ({ items: await listWebhooks(ctx, { actor: actorOf(request) }) }),
  });

  app.post('/api/v1/webhooks', {
    schema: {
      tags: ['webhooks'],
      summary: 'Register a webhook for all notices or the topics named; deliveries are signed with HMAC-SHA256 using the secret shown once',
      body: CreateWebhookBody,
      response: { 201: NewWebhook, ...errorResponses },
    },
    handler: async (request, reply) => {
      const body = request.body;
      return reply.status(201).header('cache-control', 'no-store').send(await createWebhook(ctx, { actor: actorOf(request), ...body }));
    },
  });

  app.patch('/api/v1/webhooks/:id', {
    schema: {
      tags: ['webhooks'],
      summary: 'Disable (`active: false`) or enable a webhook, and/or set the topics it receives',
      params: IdParams,
      body: UpdateWebhookBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      const { active, topics } = request.body;
      await updateWebhook(ctx, { actor: actorOf(request), webhookId: id, active, topics });
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/webhooks/:id/disable', {
    schema: { tags: ['webhooks'], summary: 'Stop delivering to a webhook (the same as PATCH with `active: false`)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      const { id } = request.params;
      await setWebhookActive(ctx, { actor: actorOf(request), webhookId: id, active: false });
      return reply.status(204).send(null);
    },
  });

  app.delete('/api/v1/webhooks/:id', {
    schema: { tags: ['webhooks'], summary: 'Remove a webhook and its deliveries', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      const { id } = request.params;
      await deleteWebhook(ctx, { actor: actorOf(request), webhookId: id });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/webhooks/:id/deliveries', {
    schema: {
      tags: ['webhooks'],
      summary: "A webhook's recent deliveries, newest first: status, attempts, why the last one failed, when the next is due",
      params: IdParams,
      querystring: DeliveriesQuery,
      response: { 200: Type.Object({ items: Type.Array(Delivery) }), ...errorResponses },
    },
    handler: async (request) => {
      const { id } = request.params;
      const query = request.query;
      return { items: await listWebhookDeliveries(ctx, { actor: actorOf(request), webhookId: id, status: query.status, limit: query.limit }) };
    },
  });
}
