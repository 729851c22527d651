import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { listCallbacksDue } from '../../../commands/callbacks-due.js';
import { CallbacksDue, CallbacksDueQuery } from '../../../contract/callbacks.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';

/** The office's list of call-backs due (回访), soonest due first. */
export function callbackRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/callbacks/due', {
    schema: { tags: ['cases'], summary: 'The call-backs due, soonest first (the office’s list; overdue ones marked)', querystring: CallbacksDueQuery, response: { 200: CallbacksDue, ...errorResponses } },
    handler: async (request) => listCallbacksDue(ctx, { actor: actorOf(request), limit: request.query.limit, cursor: request.query.cursor }),
  });
}
