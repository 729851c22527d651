import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { recordReviewBody, recordReviewOutcome, reviewQueue } from '../../../commands/reviews.js';
import { printReviewRequest } from '../../../commands/print-review-request.js';
import { ReviewBodyBody, ReviewOutcomeBody, ReviewQueueItem, ReviewQueueQuery } from '../../../contract/reviews.js';
import { actorOf } from '../../plugins/auth.js';
import { pickLanguage } from '../../messages.js';
import { ErrorResponse, errorResponses, Id } from '../../schemas.js';
import { CaseDetail, CaseParams } from './schemas.js';
import { NoticePdfQuery, PdfBytes, sendPdf } from './notice-routes.js';

const changed = { 200: CaseDetail, ...errorResponses };
const RoundParams = Type.Object({ id: Id, round: Type.Integer({ minimum: 1, maximum: 2 }) }, { additionalProperties: false });

/** Review by the body above (Art. 35–36): the round's conclusion, a body outside the system and its printed request, the review office's queue. */
export function caseReviewRoutes(app: App, ctx: Context): void {
  app.post('/api/v1/cases/:id/review/outcome', {
    schema: {
      tags: ['cases'],
      summary: "Record the review body's conclusion on the latest round, after its written answer: upheld, changed or revoked, with a note",
      params: CaseParams,
      body: ReviewOutcomeBody,
      response: changed,
    },
    handler: async (request) => recordReviewOutcome(ctx, { actor: actorOf(request), caseId: request.params.id, ...request.body }),
  });

  app.post('/api/v1/cases/:id/review/body', {
    schema: {
      tags: ['cases'],
      summary: 'Name the review body of the latest round when it is outside the system (no level above in this deployment)',
      params: CaseParams,
      body: ReviewBodyBody,
      response: changed,
    },
    handler: async (request) => recordReviewBody(ctx, { actor: actorOf(request), caseId: request.params.id, name: request.body.name }),
  });

  app.get('/api/v1/cases/:id/reviews/:round/request.pdf', {
    schema: {
      tags: ['cases'],
      summary: 'The request for a review by a body outside the system, as a PDF to send it, in zh or en; audited as a read of personal data',
      params: RoundParams,
      querystring: NoticePdfQuery,
      produces: ['application/pdf'],
      response: { 200: PdfBytes, ...errorResponses, 503: ErrorResponse },
    },
    handler: async (request, reply) => {
      const language = pickLanguage(request.query.lang, request.headers['accept-language']);
      return sendPdf(reply, await printReviewRequest(ctx, { actor: actorOf(request), caseId: request.params.id, round: request.params.round, language }));
    },
  });

  app.get('/api/v1/reviews', {
    schema: {
      tags: ['cases'],
      summary: "A review office's queue: the cases whose review rounds went to it (the reader's unit unless bodyUnitId names another), soonest due first",
      querystring: ReviewQueueQuery,
      response: { 200: Type.Object({ items: Type.Array(ReviewQueueItem) }), ...errorResponses },
    },
    handler: async (request) => {
      const { bodyUnitId, state } = request.query;
      return { items: await reviewQueue(ctx, { actor: actorOf(request), ...(bodyUnitId ? { bodyUnitId } : {}), ...(state ? { state } : {}) }) };
    },
  });
}
