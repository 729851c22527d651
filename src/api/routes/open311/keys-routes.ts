import type { App } from '../../typed-app.js';
import { Type } from 'typebox';
import type { Context } from '../../../context/context.js';
import { createOpen311Key, listOpen311Keys, revokeOpen311Key } from '../../../commands/public/open311-keys.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { CreateOpen311KeyBody } from '../../../contract/admin-bodies.js';
import { NewOpen311Key, Open311Key, Open311KeyParams } from './keys-schemas.js';

/** Admins manage the keys Open311 clients post requests with. */
export function open311KeyRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/open311/keys', {
    schema: { tags: ['open311'], summary: 'List Open311 API keys', response: { 200: Type.Object({ items: Type.Array(Open311Key) }), ...errorResponses } },
    handler: async (request) => ({ items: await listOpen311Keys(ctx, { actor: actorOf(request) }) }),
  });

  app.post('/api/v1/open311/keys', {
    schema: {
      tags: ['open311'],
      summary: 'Issue an Open311 API key (shown this once)',
      body: CreateOpen311KeyBody,
      response: { 201: NewOpen311Key, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { name } = request.body;
      const created = await createOpen311Key(ctx, { actor: actorOf(request), name });
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  });

  app.post('/api/v1/open311/keys/:id/revoke', {
    schema: { tags: ['open311'], summary: 'Revoke an Open311 API key', params: Open311KeyParams, response: { 200: Open311Key, ...errorResponses } },
    handler: async (request) => {
      const { id } = request.params;
      return revokeOpen311Key(ctx, { actor: actorOf(request), id });
    },
  });
}
