import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { getCase } from '../../../commands/get-case.js';
import { listCases } from '../../../commands/list-cases.js';
import { listEvents } from '../../../commands/list-events.js';
import { openCase } from '../../../commands/open-case.js';
import { actorOf } from '../../plugins/auth.js';
import { idempotently } from '../../plugins/idempotency.js';
import { ErrorResponse, errorResponses, Page } from '../../schemas.js';
import { OpenCaseBody } from '../../../contract/case-bodies.js';
import { CaseDetail, CaseParams, CaseSummary, Event, EventsQuery, ListCasesQuery } from './schemas.js';

export function caseRoutes(app: App, ctx: Context): void {
  app.post('/api/v1/cases', {
    schema: {
      tags: ['cases'],
      summary: 'Register a petition (an Idempotency-Key header makes a retry answer the same, never a second case)',
      body: OpenCaseBody,
      response: { 201: CaseDetail, ...errorResponses, 422: ErrorResponse },
    },
    handler: async (request, reply) => {
      const body = request.body;
      const actor = actorOf(request);
      const detail = await idempotently(ctx, request, reply, `user:${actor.id}`, (key) => openCase(ctx, { actor, ...body }, key));
      return reply.status(201).send(detail);
    },
  });

  app.get('/api/v1/cases', {
    schema: { tags: ['cases'], summary: 'The case queue', querystring: ListCasesQuery, response: { 200: Page(CaseSummary), ...errorResponses } },
    handler: async (request) => {
      const query = request.query;
      const actor = actorOf(request);
      return listCases(ctx, {
        actor,
        filters: {
          ...(query.stage ? { stage: query.stage } : {}),
          ...(query.unit ? { unitId: query.unit } : {}),
          ...(query.role ? { role: query.role } : {}),
          ...(query.urgency ? { urgency: query.urgency } : {}),
          ...(query.category ? { category: query.category } : {}),
          ...(query.overdue ? { overdue: true } : {}),
          ...(query.q ? { q: query.q } : {}),
          ...(query.objection ? { objection: true } : {}),
          ...(query.supervised ? { supervised: true } : {}),
          ...(query.inCharge ? { leaderInChargeId: actor.id } : {}),
          ...(query.flag ? { flag: query.flag } : {}),
          ...(query.receivedFrom ? { receivedFrom: query.receivedFrom } : {}),
          ...(query.receivedTo ? { receivedTo: query.receivedTo } : {}),
          ...(query.closedFrom ? { closedFrom: query.closedFrom } : {}),
          ...(query.closedTo ? { closedTo: query.closedTo } : {}),
        },
        ...(query.sort ? { order: query.sort } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
    },
  });

  app.get('/api/v1/cases/:id', {
    schema: { tags: ['cases'], summary: 'One case with everything on it', params: CaseParams, response: { 200: CaseDetail, ...errorResponses } },
    handler: async (request) => {
      const { id } = request.params;
      return getCase(ctx, { actor: actorOf(request), caseId: id });
    },
  });

  app.get('/api/v1/cases/:id/events', {
    schema: {
      tags: ['cases'],
      summary: 'The case timeline, oldest first',
      params: CaseParams,
      querystring: EventsQuery,
      response: { 200: Page(Event), ...errorResponses },
    },
    handler: async (request) => {
      const { id } = request.params;
      const query = request.query;
      return listEvents(ctx, {
        actor: actorOf(request),
        caseId: id,
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
    },
  });
}
