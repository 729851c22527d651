import type { App } from '../../typed-app.js';
import { clearCaseFlag } from '../../../commands/case-flags.js';
import type { Context } from '../../../context/context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { CaseDetail, FlagParams } from './schemas.js';

/** Flags on a case (e.g. `suspected_spam`): the office clears one after looking at the case. */
export function caseFlagRoutes(app: App, ctx: Context): void {
  app.post('/api/v1/cases/:id/flags/:flag/clear', {
    schema: {
      tags: ['cases'],
      summary: 'Clear a flag after checking the case (the office: coordinators and admins)',
      params: FlagParams,
      response: { 200: CaseDetail, ...errorResponses },
    },
    handler: async (request) => {
      const { id, flag } = request.params;
      return clearCaseFlag(ctx, { actor: actorOf(request), caseId: id, flag });
    },
  });
}
