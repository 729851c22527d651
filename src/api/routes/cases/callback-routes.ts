import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { getCallbacks, recordCallback, reportRework, sendBackOnRating } from '../../../commands/callbacks.js';
import { CallbackState, RecordCallbackBody, ReworkReportBody, SendBackBody } from '../../../contract/callbacks.js';
import { actorOf } from '../../plugins/auth.js';
import { idempotently } from '../../plugins/idempotency.js';
import { ErrorResponse, errorResponses } from '../../schemas.js';
import { CaseParams } from './schemas.js';

const state = { 200: CallbackState, ...errorResponses, 422: ErrorResponse };

/**
 * The office's call-back (回访) after an answer and the rework (发回重办) it or the petitioner's
 * rating sends the case back for; each write honours an Idempotency-Key.
 */
export function caseCallbackRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/cases/:id/callbacks', {
    schema: { tags: ['cases'], summary: 'The case’s call-backs (due and recorded), its reworks, the petitioner’s latest rating, and what the reader may do', params: CaseParams, response: { 200: CallbackState, ...errorResponses } },
    handler: async (request) => getCallbacks(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/callbacks', {
    schema: {
      tags: ['cases'],
      summary: 'The office records the call-back due: its outcome and what was said; unsatisfied for a reason the unit can fix sends the case back for rework with a new clock',
      params: CaseParams,
      body: RecordCallbackBody,
      response: state,
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return idempotently(ctx, request, reply, `user:${actor.id}`, (key) => recordCallback(ctx, { actor, caseId: request.params.id, ...request.body }, key));
    },
  });

  app.post('/api/v1/cases/:id/rework', {
    schema: {
      tags: ['cases'],
      summary: 'The office sends the case back to its lead unit for rework on the petitioner’s unsatisfied rating of the latest answer, for a reason the unit can fix',
      params: CaseParams,
      body: SendBackBody,
      response: state,
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return idempotently(ctx, request, reply, `user:${actor.id}`, (key) => sendBackOnRating(ctx, { actor, caseId: request.params.id, ...request.body }, key));
    },
  });

  app.post('/api/v1/cases/:id/rework/report', {
    schema: { tags: ['cases'], summary: 'The lead unit reports its rework (once); stops its clock, and a new call-back falls due', params: CaseParams, body: ReworkReportBody, response: state },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return idempotently(ctx, request, reply, `user:${actor.id}`, (key) => reportRework(ctx, { actor, caseId: request.params.id, report: request.body.report }, key));
    },
  });
}
