import { Type, type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../../commands/context.js';
import { createUnit, listUnits } from '../../../commands/units.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { CreateUnitBody, Unit } from './schemas.js';

export function unitRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/api/v1/units', {
    schema: { tags: ['units'], summary: 'List units', response: { 200: Type.Object({ items: Type.Array(Unit) }), ...errorResponses } },
    handler: async (request) => ({ items: await listUnits(ctx, { actor: actorOf(request) }) }),
  });

  app.post('/api/v1/units', {
    schema: { tags: ['units'], summary: 'Add a unit', body: CreateUnitBody, response: { 201: Unit, ...errorResponses } },
    handler: async (request, reply) => {
      const body = request.body as Static<typeof CreateUnitBody>;
      const unit = await createUnit(ctx, { actor: actorOf(request), ...body });
      return reply.status(201).send(unit);
    },
  });
}
