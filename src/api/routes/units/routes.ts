import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { createUnit, deactivateUnit, listUnits, reactivateUnit, updateUnit } from '../../../commands/units.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { CreateUnitBody, UpdateUnitBody } from '../../../contract/admin-bodies.js';
import { Unit } from './schemas.js';

export function unitRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/units', {
    schema: { tags: ['units'], summary: 'List units, active or not', response: { 200: Type.Object({ items: Type.Array(Unit) }), ...errorResponses } },
    handler: async (request) => ({ items: await listUnits(ctx, { actor: actorOf(request) }) }),
  });

  app.post('/api/v1/units', {
    schema: { tags: ['units'], summary: 'Add a unit', body: CreateUnitBody, response: { 201: Unit, ...errorResponses } },
    handler: async (request, reply) => {
      const body = request.body;
      const unit = await createUnit(ctx, { actor: actorOf(request), ...body });
      return reply.status(201).send(unit);
    },
  });

  app.patch('/api/v1/units/:id', {
    schema: {
      tags: ['units'],
      summary: 'Edit a unit: names, kind, parent (400 unit_cycle for a loop), responsible leader and duty',
      params: IdParams,
      body: UpdateUnitBody,
      response: { 200: Unit, ...errorResponses },
    },
    handler: async (request) => {
      const { id } = request.params;
      const body = request.body;
      return updateUnit(ctx, { actor: actorOf(request), unitId: id, ...body });
    },
  });

  app.post('/api/v1/units/:id/deactivate', {
    schema: {
      tags: ['units'],
      summary: 'Deactivate a unit (409 unit_has_open_assignments while it holds open cases: reroute them first)',
      params: IdParams,
      response: { 200: Unit, ...errorResponses },
    },
    handler: async (request) => {
      const { id } = request.params;
      return deactivateUnit(ctx, { actor: actorOf(request), unitId: id });
    },
  });

  app.post('/api/v1/units/:id/reactivate', {
    schema: { tags: ['units'], summary: 'Reactivate a unit', params: IdParams, response: { 200: Unit, ...errorResponses } },
    handler: async (request) => {
      const { id } = request.params;
      return reactivateUnit(ctx, { actor: actorOf(request), unitId: id });
    },
  });
}
