import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { revealPersonalData } from '../../../commands/reveal-personal-data.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { RevealBody } from '../../../contract/case-bodies.js';
import { CaseParams, PersonalData } from './schemas.js';

/** The break-glass read of a case's names and contacts, for readers who do not see them by default. */
export function casePersonalDataRoutes(app: App, ctx: Context): void {
  app.post('/api/v1/cases/:id/personal-data/reveal', {
    schema: {
      tags: ['cases'],
      summary: "Reveal a case's names and contacts with a stated reason (audited as case.personal_data.break_glass; auditors are notified)",
      params: CaseParams,
      body: RevealBody,
      response: { 200: PersonalData, ...errorResponses },
    },
    handler: async (request) => {
      const { id } = request.params;
      const { reason } = request.body;
      return revealPersonalData(ctx, { actor: actorOf(request), caseId: id, reason });
    },
  });
}
