import type { App } from '../../typed-app.js';
import type { Static } from 'typebox';
import type { Context } from '../../../context/context.js';
import { typed, type PetitionInput } from '../../../commands/public/petition-input.js';
import { getPetitionStatus, giveFeedback, requestReview, submitPetition, type PublicStatus } from '../../../commands/public/petitions.js';
import { portalMessages } from '../../portal/i18n/index.js';
import { idempotently } from '../../plugins/idempotency.js';
import { guarded } from './guard.js';
import { Type } from 'typebox';
import { attachPetitionerFiles, attachmentSettings, downloadPetitionAttachment, listPetitionAttachments } from '../../../commands/attachments.js';
import { PublicAttachments } from '../../../contract/attachments.js';
import { Id } from '../../../contract/common.js';
import { readUpload, sendFile, uploadFingerprint } from '../../plugins/uploads.js';
import { ErrorResponse } from '../../schemas.js';
import { printPetitionNotice } from '../../../commands/print-notice.js';
import { pickLanguage } from '../../messages.js';
import { NoticePdfQuery, PdfBytes, sendPdf } from '../cases/notice-routes.js';
import type { GuessThrottle } from './guess-throttle.js';
import {
  AccessCodeHeaders,
  FeedbackBody,
  FeedbackResult,
  PublicStatus as PublicStatusSchema,
  publicErrors,
  Receipt,
  ReferenceParams,
  ReviewBody,
  SubmitPetitionBody,
} from './schemas.js';

interface PublicApiOptions {
  throttle: GuessThrottle;
  submissionsPerHour: number;
  bodyLimit: number;
}

/** The status as the API presents it: the stage also in plain words, in both languages. */
function present(status: PublicStatus) {
  const pause = status.pause ? { ...status.pause, reasonText: { zh: portalMessages.zh.pause.reason[status.pause.kind], en: portalMessages.en.pause.reason[status.pause.kind] } } : null;
  return { ...status, pause, stageText: { zh: portalMessages.zh.stages[status.stage].title, en: portalMessages.en.stages[status.stage].title } };
}

function petitionInput(body: Static<typeof SubmitPetitionBody>): PetitionInput {
  const name = typed(body.petitioner?.name);
  const contact = typed(body.petitioner?.contact);
  const location = typed(body.location);
  return {
    kind: body.kind,
    category: body.category.trim(),
    title: body.title.trim(),
    description: body.description.trim(),
    ...(location ? { location } : {}),
    ...(typeof body.headcount === 'number' ? { headcount: body.headcount } : {}),
    ...(body.representatives && body.representatives.length > 0
      ? {
          representatives: body.representatives.map((rep) => {
            const repContact = typed(rep.contact);
            return { name: rep.name.trim(), ...(repContact ? { contact: repContact } : {}) };
          }),
        }
      : {}),
    ...(name || contact ? { petitioner: { ...(name ? { name } : {}), ...(contact ? { contact } : {}) } } : {}),
  };
}

/** `/public/v1/petitions…`: the petitioner's API, no account — a reference and a private access code. */
export function publicPetitionRoutes(app: App, ctx: Context, options: PublicApiOptions): void {
  app.post('/public/v1/petitions', {
    bodyLimit: options.bodyLimit,
    config: { rateLimit: { max: options.submissionsPerHour, timeWindow: '1 hour' } },
    schema: {
      tags: ['public'],
      summary: 'Submit a petition; the access code in the answer is shown this once',
      security: [],
      body: SubmitPetitionBody,
      response: { 201: Receipt, ...publicErrors },
    },
    handler: async (request, reply) => {
      const body = request.body;
      // No account here: the caller is their network address, so nobody else can replay their receipt.
      const receipt = await idempotently(ctx, request, reply, `public:${request.ip}`, (key) =>
        submitPetition(ctx, { input: petitionInput(body), via: 'public_api', idempotency: key }),
      );
      return reply.status(201).header('cache-control', 'no-store').send(receipt);
    },
  });

  app.get('/public/v1/petitions/:reference', {
    schema: {
      tags: ['public'],
      summary: 'The petition’s stage, deadlines and answers (header X-Access-Code)',
      security: [],
      params: ReferenceParams,
      headers: AccessCodeHeaders,
      response: { 200: PublicStatusSchema, ...publicErrors },
    },
    handler: async (request, reply) => {
      const { reference } = request.params;
      const accessCode = request.headers['x-access-code'];
      const status = await guarded(options.throttle, request, reply, () => getPetitionStatus(ctx, { reference, accessCode }));
      return reply.header('cache-control', 'no-store').send(present(status));
    },
  });

  app.post('/public/v1/petitions/:reference/feedback', {
    bodyLimit: options.bodyLimit,
    schema: {
      tags: ['public'],
      summary: 'Rate the latest answer (1–5); an unsatisfied rating offers the review',
      security: [],
      params: ReferenceParams,
      headers: AccessCodeHeaders,
      body: FeedbackBody,
      response: { 201: FeedbackResult, ...publicErrors },
    },
    handler: async (request, reply) => {
      const { reference } = request.params;
      const accessCode = request.headers['x-access-code'];
      const body = request.body;
      const result = await guarded(options.throttle, request, reply, () =>
        giveFeedback(ctx, { reference, accessCode, rating: body.rating, ...(body.comment ? { comment: body.comment } : {}) }),
      );
      return reply.status(201).header('cache-control', 'no-store').send({ ...present(result.status), offerReview: result.offerReview });
    },
  });

  app.post('/public/v1/petitions/:reference/review', {
    bodyLimit: options.bodyLimit,
    schema: {
      tags: ['public'],
      summary: 'Request a review (within 30 days of the answer) with a reason',
      security: [],
      params: ReferenceParams,
      headers: AccessCodeHeaders,
      body: ReviewBody,
      response: { 200: PublicStatusSchema, ...publicErrors },
    },
    handler: async (request, reply) => {
      const { reference } = request.params;
      const accessCode = request.headers['x-access-code'];
      const { reason } = request.body;
      const status = await guarded(options.throttle, request, reply, () => requestReview(ctx, { reference, accessCode, reason }));
      return reply.header('cache-control', 'no-store').send(present(status));
    },
  });

  app.get('/public/v1/petitions/:reference/notices/:noticeId.pdf', {
    schema: {
      tags: ['public'],
      summary: 'A written notice the petitioner was sent, as a PDF to print (header X-Access-Code), in zh or en',
      security: [],
      params: Type.Object({ reference: ReferenceParams.properties.reference, noticeId: Id }, { additionalProperties: false }),
      headers: AccessCodeHeaders,
      querystring: NoticePdfQuery,
      produces: ['application/pdf'],
      response: { 200: PdfBytes, ...publicErrors, 503: ErrorResponse },
    },
    handler: async (request, reply) => {
      const { reference, noticeId } = request.params;
      const accessCode = request.headers['x-access-code'];
      const language = pickLanguage(request.query.lang, request.headers['accept-language']);
      const printed = await guarded(options.throttle, request, reply, () => printPetitionNotice(ctx, { reference, accessCode }, { noticeId, language }));
      return sendPdf(reply, printed);
    },
  });

  publicAttachmentRoutes(app, ctx, options);
}

const PublicAttachmentParams = Type.Object(
  { reference: ReferenceParams.properties.reference, attachmentId: Id },
  { additionalProperties: false },
);

/** The petitioner's files: send some (multipart, field `file`), list those they may see, download one. */
function publicAttachmentRoutes(app: App, ctx: Context, options: PublicApiOptions): void {
  const settings = attachmentSettings(ctx);
  app.post('/public/v1/petitions/:reference/attachments', {
    config: { rateLimit: { max: options.submissionsPerHour, timeWindow: '1 hour' } },
    schema: {
      tags: ['public'],
      summary: 'Send files for the petition (multipart/form-data, one or more `file` parts: PDF, JPEG, PNG or WebP); honours Idempotency-Key',
      security: [],
      consumes: ['multipart/form-data'],
      params: ReferenceParams,
      headers: AccessCodeHeaders,
      response: { 201: PublicAttachments, 415: ErrorResponse, ...publicErrors },
    },
    handler: async (request, reply) => {
      const { reference } = request.params;
      const accessCode = request.headers['x-access-code'];
      const upload = await readUpload(request, settings);
      const items = await guarded(options.throttle, request, reply, () =>
        idempotently(ctx, request, reply, `public:${request.ip}`, (key) => attachPetitionerFiles(ctx, { reference, accessCode, files: upload.files }, key), uploadFingerprint(upload)),
      );
      return reply.status(201).header('cache-control', 'no-store').send({ items });
    },
  });

  app.get('/public/v1/petitions/:reference/attachments', {
    schema: {
      tags: ['public'],
      summary: 'The files of the petition the petitioner may see: those they sent and those the office shared (never internal ones)',
      security: [],
      params: ReferenceParams,
      headers: AccessCodeHeaders,
      response: { 200: PublicAttachments, ...publicErrors },
    },
    handler: async (request, reply) => {
      const { reference } = request.params;
      const accessCode = request.headers['x-access-code'];
      const items = await guarded(options.throttle, request, reply, () => listPetitionAttachments(ctx, { reference, accessCode }));
      return reply.header('cache-control', 'no-store').send({ items });
    },
  });

  app.get('/public/v1/petitions/:reference/attachments/:attachmentId', {
    schema: {
      tags: ['public'],
      summary: 'Download one of those files',
      security: [],
      params: PublicAttachmentParams,
      headers: AccessCodeHeaders,
      response: publicErrors,
    },
    handler: async (request, reply) => {
      const { reference, attachmentId } = request.params;
      const accessCode = request.headers['x-access-code'];
      const file = await guarded(options.throttle, request, reply, () => downloadPetitionAttachment(ctx, { reference, accessCode, attachmentId }));
      return sendFile(reply, file);
    },
  });
}
