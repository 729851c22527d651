import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { createResponseTemplate, listResponseTemplates, templatesForCase, updateResponseTemplate } from '../../../commands/response-templates.js';
import { responseTemplateUses } from '../../../core/response-templates.js';
import { FilledTemplate, NewResponseTemplateBody, ResponseTemplate, ResponseTemplateEditBody } from '../../../contract/response-templates.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParams } from '../../schemas.js';

/** The office's response templates (答复模板), and a case's templates filled in for it. */
export function responseTemplateRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/response-templates', {
    schema: {
      tags: ['response templates'],
      summary: 'The response templates: active ones, or every one with all=true',
      querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ResponseTemplate) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await listResponseTemplates(ctx, { actor: actorOf(request), all: request.query.all === true }) }),
  });

  app.post('/api/v1/response-templates', {
    schema: { tags: ['response templates'], summary: 'Add a response template (the office; audited)', body: NewResponseTemplateBody, response: { 201: ResponseTemplate, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await createResponseTemplate(ctx, { actor: actorOf(request), template: request.body })),
  });

  app.patch('/api/v1/response-templates/:id', {
    schema: { tags: ['response templates'], summary: 'Edit or deactivate a response template (the office; audited)', params: IdParams, body: ResponseTemplateEditBody, response: { 200: ResponseTemplate, ...errorResponses } },
    handler: async (request) => updateResponseTemplate(ctx, { actor: actorOf(request), templateId: request.params.id, edit: request.body }),
  });

  app.get('/api/v1/cases/:id/response-templates', {
    schema: {
      tags: ['cases'],
      summary: "The active templates for one use that serve the case's category, filled in for the case",
      params: IdParams,
      querystring: Type.Object({ use: Type.Optional(Type.Enum([...responseTemplateUses])) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(FilledTemplate) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await templatesForCase(ctx, { actor: actorOf(request), caseId: request.params.id, use: request.query.use ?? 'answer' }) }),
  });
}
