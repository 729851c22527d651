import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { classifyCase, linkEarlierConclusion, recordAdoption, recordLawfulChannel } from '../../../commands/matter.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { AdoptionBody, ClassBody, FinalityBody, LawfulChannelBody } from '../../../contract/case-bodies.js';
import { CaseDetail, CaseParams } from './schemas.js';

const changed = { 200: CaseDetail, ...errorResponses };

/** The nature of the matter (Art. 29–31, 36): the office classifies, records the lawful channel, a suggestion's adoption, the earlier conclusion. */
export function caseMatterRoutes(app: App, ctx: Context): void {
  app.post('/api/v1/cases/:id/class', {
    schema: { tags: ['cases'], summary: 'Classify the matter (suggestion, report, appeal, inquiry), or change its class with a reason', params: CaseParams, body: ClassBody, response: changed },
    handler: async (request) => classifyCase(ctx, { actor: actorOf(request), caseId: request.params.id, ...request.body }),
  });

  app.post('/api/v1/cases/:id/lawful-channel', {
    schema: {
      tags: ['cases'],
      summary: "Record the lawful channel (Art. 31 (1)–(5)) the matter belongs to: it is not worked as a petition, and the petitioner is told the channel",
      params: CaseParams,
      body: LawfulChannelBody,
      response: changed,
    },
    handler: async (request) => recordLawfulChannel(ctx, { actor: actorOf(request), caseId: request.params.id, ...request.body }),
  });

  app.post('/api/v1/cases/:id/adoption', {
    schema: { tags: ['cases'], summary: "Record how far a suggestion was adopted, with a note (Art. 29)", params: CaseParams, body: AdoptionBody, response: changed },
    handler: async (request) => recordAdoption(ctx, { actor: actorOf(request), caseId: request.params.id, ...request.body }),
  });

  app.post('/api/v1/cases/:id/finality', {
    schema: {
      tags: ['cases'],
      summary: "Answer with an earlier case's conclusion: the same facts and reasons, nothing new (Art. 36), linked by its reference",
      params: CaseParams,
      body: FinalityBody,
      response: changed,
    },
    handler: async (request) => linkEarlierConclusion(ctx, { actor: actorOf(request), caseId: request.params.id, ...request.body }),
  });
}
