import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import { pdfFontOf, type Context } from '../../../context/context.js';
import { decideRouting, getRouting } from '../../../commands/routing.js';
import { createTransfer, listTransfers, replyToTransfer, reportTransferResult, transferLetter } from '../../../commands/transfers.js';
import { RoutingAnswer, RoutingBody, TransferBody, TransferList, TransferReplyBody, TransferReportBody } from '../../../contract/routing.js';
import { pickLanguage } from '../../messages.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, Id } from '../../schemas.js';
import { CaseDetail, CaseParams } from './schemas.js';
import { transferLetterHtml, transferLetterPdf } from './transfer-letter.js';

const TransferParams = Type.Object({ id: Id, transferId: Id }, { additionalProperties: false });
const changed = { 200: CaseDetail, ...errorResponses };

/**
 * Routing and transfers: the catalogue's proposal for a case and the office's one action on it;
 * transfers (转送) and assignments (交办) to other bodies, the receiver's reply, the result report,
 * and the printable letter.
 */
export function caseTransferRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/cases/:id/routing', {
    schema: { tags: ['cases'], summary: 'What the routing catalogue proposed for the case at registration', params: CaseParams, response: { 200: RoutingAnswer, ...errorResponses } },
    handler: async (request) => getRouting(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/routing', {
    schema: { tags: ['cases'], summary: 'Confirm the proposal, or change it: the units are assigned and notified at once', params: CaseParams, body: RoutingBody, response: changed },
    handler: async (request) => decideRouting(ctx, { actor: actorOf(request), caseId: request.params.id, ...request.body }),
  });

  app.get('/api/v1/cases/:id/transfers', {
    schema: { tags: ['cases'], summary: 'The case’s transfers and assignments to other bodies, with their clocks', params: CaseParams, response: { 200: TransferList, ...errorResponses } },
    handler: async (request) => listTransfers(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/transfers', {
    schema: {
      tags: ['cases'],
      summary: 'Transfer (转送) or assign (交办, with a result report due) the case to a unit of the tree or an outside body; the petitioner’s transfer notice is issued',
      params: CaseParams,
      body: TransferBody,
      response: { 201: CaseDetail, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await createTransfer(ctx, { actor: actorOf(request), caseId: request.params.id, ...request.body })),
  });

  app.post('/api/v1/cases/:id/transfers/:transferId/reply', {
    schema: { tags: ['cases'], summary: 'The receiving body’s written reply to the petitioner (accepts or not, Art. 23); stops its clock', params: TransferParams, body: TransferReplyBody, response: changed },
    handler: async (request) => replyToTransfer(ctx, { actor: actorOf(request), caseId: request.params.id, transferId: request.params.transferId, ...request.body }),
  });

  app.post('/api/v1/cases/:id/transfers/:transferId/report', {
    schema: { tags: ['cases'], summary: 'An assigned case’s result report (办结报告); stops its clock', params: TransferParams, body: TransferReportBody, response: changed },
    handler: async (request) => reportTransferResult(ctx, { actor: actorOf(request), caseId: request.params.id, transferId: request.params.transferId, report: request.body.report }),
  });

  app.get('/api/v1/cases/:id/transfers/:transferId/letter', {
    schema: {
      tags: ['cases'],
      summary: 'The printable transfer letter (HTML): office, reference, date, receiving body, room for the seal',
      params: TransferParams,
      querystring: Type.Object({ lang: Type.Optional(Type.Enum(['zh', 'en'])) }, { additionalProperties: false }),
      response: { 200: Type.String(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const letter = await transferLetter(ctx, { actor: actorOf(request), caseId: request.params.id, transferId: request.params.transferId });
      const language = pickLanguage(request.query.lang, request.headers['accept-language']);
      return reply.type('text/html; charset=utf-8').send(transferLetterHtml(letter, language, ctx.timeZone));
    },
  });

  app.get('/api/v1/cases/:id/transfers/:transferId/letter.pdf', {
    schema: {
      tags: ['cases'],
      summary: 'The transfer letter as a PDF to print, seal and send (503 pdf_font_missing when the server has no CJK font)',
      params: TransferParams,
      querystring: Type.Object({ lang: Type.Optional(Type.Enum(['zh', 'en'])) }, { additionalProperties: false }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const letter = await transferLetter(ctx, { actor: actorOf(request), caseId: request.params.id, transferId: request.params.transferId });
      const language = pickLanguage(request.query.lang, request.headers['accept-language']);
      const pdf = await transferLetterPdf(pdfFontOf(ctx), letter, language, ctx.timeZone);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="transfer-${letter.reference}.pdf"`).send(pdf);
    },
  });
}
