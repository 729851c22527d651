import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AttachmentFile } from '../../commands/attachments.js';
import type { Upload } from '../../attachments/content.js';
import type { AttachmentSettings } from '../../attachments/storage.js';
import { DomainError, invalid } from '../../core/errors.js';

/** The form field files come in; a request may carry several. */
export const fileField = 'file';

/** The longest plain field of a multipart form: a 5,000-character description in any script fits. */
const fieldBytes = 64 * 1024;

/** What a multipart request carried: its files, in order, and its plain fields (the last value of each). */
export interface UploadBody {
  files: Upload[];
  fields: Record<string, string>;
}

/**
 * Lets routes read multipart/form-data (the staff app's file fields, the portal's plain HTML form,
 * the APIs' uploads). Only the attachment routes read it; the security plugin refuses it elsewhere.
 * The limits stop a request at the operator's file size and count, before it is read to the end.
 */
export async function registerUploads(app: FastifyInstance, settings: Pick<AttachmentSettings, 'maxBytes' | 'perCase'>): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: true,
    // Fields: the portal's petition form sends 21 (five representatives' names and contacts among them).
    limits: { fileSize: settings.maxBytes, files: settings.perCase, fields: 40, fieldSize: fieldBytes, parts: settings.perCase + 40, headerPairs: 100 },
  });
}

function isFramework(error: unknown, code: string): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}

/**
 * Reads an upload whole (each file at most the size limit): a file over the limit, too many files,
 * or a body that is not multipart is a 400 naming the field, and nothing is written.
 */
export async function readUpload(request: FastifyRequest, settings: Pick<AttachmentSettings, 'maxBytes' | 'perCase'>): Promise<UploadBody> {
  if (!request.isMultipart()) {
    throw new DomainError('unsupported_media_type', 'Send files as multipart/form-data.', { details: { accepted: ['multipart/form-data'] } });
  }
  const body: UploadBody = { files: [], fields: {} };
  await readParts(request, settings, body);
  return body;
}

/**
 * Reads a form that carries files (the portal's petition form): a file refused by the limits is
 * answered as a problem beside the fields read so far — the form's text fields come before its
 * file field — so the form can be shown again filled in, saying why.
 */
export async function readUploadForm(
  request: FastifyRequest,
  settings: Pick<AttachmentSettings, 'maxBytes' | 'perCase'>,
): Promise<UploadBody & { problem: DomainError | null }> {
  const body: UploadBody = { files: [], fields: {} };
  try {
    await readParts(request, settings, body);
    return { ...body, problem: null };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'validation_failed') return { files: [], fields: body.fields, problem: error };
    throw error;
  }
}

async function readParts(request: FastifyRequest, settings: Pick<AttachmentSettings, 'maxBytes' | 'perCase'>, into: UploadBody): Promise<void> {
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        // The parser cuts a longer value short; a cut value is refused, never stored as if whole.
        if (part.valueTruncated) throw invalid(part.fieldname, `is longer than ${fieldBytes} bytes.`, { code: 'too_long', params: { limit: fieldBytes } });
        into.fields[part.fieldname] = String(part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      // A form's file field left empty still sends a part: no name, no bytes.
      if (part.filename === '' && bytes.length === 0) continue;
      if (part.fieldname !== fileField) throw invalid(part.fieldname, `files come in the field "${fileField}".`, { code: 'unknown_field' });
      into.files.push({ field: fileField, name: part.filename, bytes, claimedType: part.mimetype });
    }
  } catch (error) {
    if (isFramework(error, 'FST_REQ_FILE_TOO_LARGE')) {
      throw invalid(fileField, `is larger than ${settings.maxBytes} bytes.`, { code: 'file_too_large', params: { limit: settings.maxBytes } });
    }
    if (isFramework(error, 'FST_FILES_LIMIT') || isFramework(error, 'FST_PARTS_LIMIT')) {
      throw invalid(fileField, `a case holds at most ${settings.perCase} files.`, { code: 'too_many', params: { limit: settings.perCase } });
    }
    if (isFramework(error, 'FST_INVALID_MULTIPART_CONTENT_TYPE')) {
      throw new DomainError('unsupported_media_type', 'Send files as multipart/form-data.', { details: { accepted: ['multipart/form-data'] } });
    }
    throw error;
  }
}

/** What an upload's Idempotency-Key is checked against: its files' names and digests and its fields. */
export function uploadFingerprint(body: UploadBody): unknown {
  return {
    files: body.files.map((file) => ({ name: file.name, sha256: createHash('sha256').update(file.bytes).digest('hex') })),
    fields: body.fields,
  };
}

/** A checkbox or a JSON client's flag: `true`, `on` or `1`. */
export function flag(value: string | undefined): boolean {
  return value !== undefined && ['true', 'on', '1'].includes(value.trim().toLowerCase());
}

/** `filename*` carries any name (RFC 6266, 8187); `filename` an ASCII stand-in for old clients. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends a file to be saved, never shown in place: its stored type, no sniffing, not cached. */
export function sendFile(reply: FastifyReply, file: AttachmentFile): FastifyReply {
  return reply
    .header('content-type', file.type)
    .header('content-disposition', disposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}
