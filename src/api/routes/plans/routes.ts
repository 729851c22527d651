import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { Context } from '../../../context/context.js';
import { planChecklist } from '../../../commands/plan-checklist.js';
import { createPlanDraft, getPlan, publishPlan, updatePlanDraft } from '../../../commands/plans.js';
import { forbidden } from '../../../core/errors.js';
import { planToYaml } from '../../../core/plan-yaml.js';
import { can } from '../../../core/policy.js';
import { listPlans } from '../../../db/repositories/plans.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { Plan, PlanBody, PlanChecklist, PlanSummary } from './schemas.js';
import type { App } from '../../typed-app.js';

const wantsYaml = (request: FastifyRequest) => /\b(application|text)\/(x-)?yaml\b/.test(request.headers.accept ?? '');

export function planRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/plans', {
    schema: { tags: ['plans'], summary: 'List plan versions', response: { 200: Type.Object({ items: Type.Array(PlanSummary) }), ...errorResponses } },
    handler: async (request) => {
      if (!can(actorOf(request), 'plan.read')) throw forbidden();
      const rows = await listPlans(ctx.db);
      return {
        items: rows.map((row) => ({
          id: row.id,
          key: row.key,
          version: row.version,
          status: row.status,
          name: row.name,
          createdAt: row.created_at,
          publishedAt: row.published_at,
        })),
      };
    },
  });

  app.post('/api/v1/plans', {
    schema: {
      tags: ['plans'],
      summary: 'Import a plan as a new draft version (YAML or JSON)',
      body: PlanBody,
      response: { 201: Plan, ...errorResponses },
    },
    handler: async (request, reply) => {
      const plan = await createPlanDraft(ctx, { actor: actorOf(request), source: request.body });
      return reply.status(201).send(plan);
    },
  });

  app.get('/api/v1/plans/:id', {
    schema: {
      tags: ['plans'],
      summary: 'One plan version; send Accept: application/yaml to export it as YAML',
      params: IdParams,
      response: {
        200: { content: { 'application/json': { schema: Plan }, 'application/yaml': { schema: Type.String() } } },
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      const plan = await getPlan(ctx, { actor: actorOf(request), planId: id });
      if (wantsYaml(request)) return reply.type('application/yaml; charset=utf-8').serializer(String).send(planToYaml(plan.document));
      return plan;
    },
  });

  app.get('/api/v1/plans/:id/checklist', {
    schema: {
      tags: ['plans'],
      summary: "A plan version's checklist and stage guidance, once per version (ETag; If-None-Match answers 304)",
      params: IdParams,
      response: { 200: PlanChecklist, 304: Type.Null({ description: 'Not modified: the copy the client holds is current.' }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      const answer = await planChecklist(ctx, { actor: actorOf(request), planId: id });
      // Private: only signed-in staff may read it. A published version never changes; a draft may, so it is revalidated.
      reply.header('etag', answer.etag).header('cache-control', answer.immutable ? 'private, max-age=31536000, immutable' : 'private, no-cache');
      const held = request.headers['if-none-match'];
      if (held && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === answer.etag)) return reply.status(304).send(null);
      return answer.checklist;
    },
  });

  app.put('/api/v1/plans/:id', {
    schema: { tags: ['plans'], summary: 'Replace a draft', params: IdParams, body: PlanBody, response: { 200: Plan, ...errorResponses } },
    handler: async (request) => {
      const { id } = request.params;
      return updatePlanDraft(ctx, { actor: actorOf(request), planId: id, source: request.body });
    },
  });

  app.post('/api/v1/plans/:id/publish', {
    schema: { tags: ['plans'], summary: 'Publish a draft; it becomes immutable', params: IdParams, response: { 200: Plan, ...errorResponses } },
    handler: async (request) => {
      const { id } = request.params;
      return publishPlan(ctx, { actor: actorOf(request), planId: id });
    },
  });
}
