import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { invalid } from '../core/errors.js';

import { acceptedKinds, attachmentTypeByExtension, attachmentTypes, extensionOf, type AttachmentType } from './content-types.js';

/** A file as it arrived: the form field it came in, the name the sender gave it, its bytes, the type it claimed. */
export interface Upload {
  field: string;
  name: string;
  bytes: Buffer;
  claimedType?: string | undefined;
}

/** A file fit to store: its type read from its content, images re-encoded without their metadata. */
export interface CheckedFile {
  field: string;
  name: string;
  type: AttachmentType;
  bytes: Buffer;
  sha256: string;
}

function isAttachmentType(value: string): value is AttachmentType {
  return (attachmentTypes as readonly string[]).includes(value);
}

/** A name safe to show and to send back in Content-Disposition: no path, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base === '' ? 'file' : base).slice(0, 200);
}

/**
 * The type the file's content is, refused when it is none we take or not the type its name (or
 * the sender) claims: a `.pdf` that is a program is refused, whatever its name says.
 */
async function contentType(upload: Upload): Promise<AttachmentType> {
  const detected = await fileTypeFromBuffer(upload.bytes);
  if (!detected || !isAttachmentType(detected.mime)) {
    throw invalid(upload.field, `is not a PDF, JPEG, PNG or WebP file${detected ? ` (its content is ${detected.mime})` : ''}.`, {
      code: 'file_type',
      params: { accepted: [...acceptedKinds] },
    });
  }
  const extension = extensionOf(upload.name);
  const named = extension === undefined ? undefined : attachmentTypeByExtension[extension];
  const claimed = upload.claimedType && isAttachmentType(upload.claimedType) ? upload.claimedType : undefined;
  for (const said of [named, claimed]) {
    if (said !== undefined && said !== detected.mime) {
      throw invalid(upload.field, `claims to be ${said} but its content is ${detected.mime}.`, { code: 'type_mismatch', params: { claimed: said, actual: detected.mime } });
    }
  }
  if (extension !== undefined && named === undefined) {
    throw invalid(upload.field, `is named .${extension}, which is not a PDF, JPEG, PNG or WebP file.`, { code: 'file_type', params: { accepted: [...acceptedKinds] } });
  }
  return detected.mime;
}

/**
 * Re-encodes an image so nothing but its pixels is kept: EXIF (a photo's location, the camera),
 * XMP and comments are dropped; the orientation is applied to the pixels first, so it shows upright.
 */
async function withoutMetadata(upload: Upload, type: AttachmentType): Promise<Buffer> {
  if (type === 'application/pdf') return upload.bytes;
  try {
    const image = sharp(upload.bytes, { failOn: 'error' }).rotate();
    if (type === 'image/jpeg') return await image.jpeg({ quality: 90 }).toBuffer();
    if (type === 'image/png') return await image.png().toBuffer();
    return await image.webp({ quality: 90 }).toBuffer();
  } catch {
    throw invalid(upload.field, 'cannot be read as an image; it may be damaged.', { code: 'unreadable' });
  }
}

/** Checks one upload (empty, too large, its type from its content) and strips an image's metadata. */
export async function checkUpload(upload: Upload, maxBytes: number): Promise<CheckedFile> {
  if (upload.bytes.length === 0) throw invalid(upload.field, 'is empty.', { code: 'required' });
  if (upload.bytes.length > maxBytes) {
    throw invalid(upload.field, `is larger than ${maxBytes} bytes.`, { code: 'file_too_large', params: { limit: maxBytes } });
  }
  const type = await contentType(upload);
  const bytes = await withoutMetadata(upload, type);
  return { field: upload.field, name: cleanName(upload.name), type, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
