import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { printNotice, type PrintedNotice } from '../../../commands/print-notice.js';
import { actorOf } from '../../plugins/auth.js';
import { pickLanguage } from '../../messages.js';
import { ErrorResponse, errorResponses, Id } from '../../schemas.js';
import type { FastifyReply } from 'fastify';

export const NoticeParams = Type.Object({ id: Id, noticeId: Id }, { additionalProperties: false });
/** `lang` picks the notice's language; without it, the reader's Accept-Language (Chinese unless English comes first). */
export const NoticePdfQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])) }, { additionalProperties: false });
export const PdfBytes = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' });

/** A printed document sent as it is: a PDF download under its own name, never cached. */
export function sendPdf(reply: FastifyReply, printed: PrintedNotice): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${printed.filename}"`)
    .header('cache-control', 'no-store')
    .send(printed.pdf);
}

/** Written notices printed: a notice as a PDF to seal and hand over or post. */
export function caseNoticeRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/cases/:id/notices/:noticeId.pdf', {
    schema: {
      tags: ['cases'],
      summary: 'A written notice as a PDF (office, title, reference, date, text, room for the seal), in zh or en; audited as a read of personal data',
      params: NoticeParams,
      querystring: NoticePdfQuery,
      produces: ['application/pdf'],
      response: { 200: PdfBytes, ...errorResponses, 503: ErrorResponse },
    },
    handler: async (request, reply) => {
      const { id, noticeId } = request.params;
      const language = pickLanguage(request.query.lang, request.headers['accept-language']);
      return sendPdf(reply, await printNotice(ctx, { actor: actorOf(request), caseId: id, noticeId, language }));
    },
  });
}
