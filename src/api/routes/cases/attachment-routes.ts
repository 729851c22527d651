import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { attachFiles, attachmentSettings, downloadAttachment, listAttachments } from '../../../commands/attachments.js';
import { AddedAttachments, AttachmentList } from '../../../contract/attachments.js';
import { Id } from '../../../contract/common.js';
import { actorOf } from '../../plugins/auth.js';
import { idempotently } from '../../plugins/idempotency.js';
import { flag, readUpload, sendFile, uploadFingerprint } from '../../plugins/uploads.js';
import { errorResponses, ErrorResponse } from '../../schemas.js';
import { CaseParams } from './schemas.js';

const AttachmentParams = Type.Object({ id: Id, attachmentId: Id }, { additionalProperties: false });

/** Files on a case: upload (multipart, field `file`, `internal`), list, download (audited). */
export function caseAttachmentRoutes(app: App, ctx: Context): void {
  const settings = attachmentSettings(ctx);

  app.get('/api/v1/cases/:id/attachments', {
    schema: {
      tags: ['cases'],
      summary: "A case's files (names only for who sees its personal data) and what the caller may do with them",
      params: CaseParams,
      response: { 200: AttachmentList, ...errorResponses },
    },
    handler: async (request) => listAttachments(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/attachments', {
    schema: {
      tags: ['cases'],
      summary:
        'Attach files (multipart/form-data: one or more `file` parts, `internal`=true to keep them from the petitioner). ' +
        'PDF, JPEG, PNG or WebP by content; images lose their metadata. Honours Idempotency-Key.',
      consumes: ['multipart/form-data'],
      params: CaseParams,
      response: { 201: AddedAttachments, 413: ErrorResponse, 415: ErrorResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request, settings);
      const items = await idempotently(
        ctx,
        request,
        reply,
        `user:${actor.id}`,
        (key) => attachFiles(ctx, { actor, caseId: request.params.id, files: upload.files, internal: flag(upload.fields.internal) }, key),
        uploadFingerprint(upload),
      );
      return reply.status(201).send({ items });
    },
  });

  app.get('/api/v1/cases/:id/attachments/:attachmentId', {
    schema: {
      tags: ['cases'],
      summary: 'Download one file (as an attachment, its stored type); each download is written to the audit log',
      params: AttachmentParams,
      response: errorResponses,
    },
    handler: async (request, reply) => {
      const file = await downloadAttachment(ctx, { actor: actorOf(request), caseId: request.params.id, attachmentId: request.params.attachmentId });
      return sendFile(reply, file);
    },
  });
}
