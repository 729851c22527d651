import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { endSupervision, getSupervision, giveSupervisionFeedback, superviseCase } from '../../../commands/supervision.js';
import { EndSupervisionBody, SuperviseBody, SupervisionFeedbackBody, SupervisionState } from '../../../contract/supervision.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { CaseParams } from './schemas.js';

const state = { 200: SupervisionState, ...errorResponses };

/**
 * Supervision by the leadership group (督办, 挂牌督办; Art. 40): put a case under it with a written
 * notice and a due date for the unit's written feedback, the unit's feedback, and its end.
 */
export function caseSupervisionRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/cases/:id/supervision', {
    schema: { tags: ['cases'], summary: 'The case’s supervision under way, those ended, and what the reader may do', params: CaseParams, response: state },
    handler: async (request) => getSupervision(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/supervision', {
    schema: {
      tags: ['cases'],
      summary: 'A leader puts the case under supervision (督办) or listed supervision (挂牌督办): the supervision notice is issued to the lead unit and its written feedback is clocked',
      params: CaseParams,
      body: SuperviseBody,
      response: { 201: SupervisionState, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await superviseCase(ctx, { actor: actorOf(request), caseId: request.params.id, ...request.body })),
  });

  app.post('/api/v1/cases/:id/supervision/feedback', {
    schema: { tags: ['cases'], summary: 'The supervised unit’s written feedback (once, by its own officers); stops its clock', params: CaseParams, body: SupervisionFeedbackBody, response: state },
    handler: async (request) => giveSupervisionFeedback(ctx, { actor: actorOf(request), caseId: request.params.id, feedback: request.body.feedback }),
  });

  app.post('/api/v1/cases/:id/supervision/end', {
    schema: { tags: ['cases'], summary: 'A leader ends the supervision', params: CaseParams, body: EndSupervisionBody, response: state },
    handler: async (request) => endSupervision(ctx, { actor: actorOf(request), caseId: request.params.id, ...request.body }),
  });
}
