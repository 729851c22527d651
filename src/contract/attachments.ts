import { Type } from 'typebox';
import { Id, Nullable, Time } from './common.js';
import { attachmentTypes } from '../attachments/content-types.js';

/** The kinds of file a case takes, by their media type. */
export const AttachmentType = Type.Enum([...attachmentTypes]);

/** A file on a case as staff see it; `name` is null for a reader who does not see the case's personal data. */
export const Attachment = Type.Object({
  id: Id,
  name: Nullable(Type.String()),
  type: AttachmentType,
  size: Type.Integer({ minimum: 0 }),
  sha256: Type.String(),
  internal: Type.Boolean(),
  uploadedBy: Type.Object({
    via: Type.Enum(['staff', 'petitioner']),
    userId: Nullable(Id),
    userName: Nullable(Type.String()),
  }),
  createdAt: Time,
});

export const AttachmentList = Type.Object({
  items: Type.Array(Attachment),
  mayUpload: Type.Boolean(),
  /** Opening a file is for who sees the case's personal data; each download is audited. */
  mayDownload: Type.Boolean(),
  maxBytes: Type.Integer(),
  perCase: Type.Integer(),
});

/** What an upload answers: the files it added. */
export const AddedAttachments = Type.Object({ items: Type.Array(Attachment) });

/** A file as the petitioner sees it: never one the office marked internal. */
export const PublicAttachment = Type.Object({
  id: Id,
  name: Type.String(),
  type: AttachmentType,
  size: Type.Integer({ minimum: 0 }),
  fromPetitioner: Type.Boolean(),
  createdAt: Time,
});

export const PublicAttachments = Type.Object({ items: Type.Array(PublicAttachment) });
