import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Where an attachment's sealed bytes are kept. The database store (the default) writes them in the
 * command's own transaction, so a failed command leaves nothing behind; an S3-compatible store
 * (s3-store.ts) keeps them outside, under the attachment's id.
 */
export interface AttachmentStore {
  /** Stored in the `storage` column, so a file is read back from the store that holds it. */
  kind: 'database' | 's3';
  put(db: Kysely<Database>, id: string, sealed: Buffer): Promise<void>;
  get(db: Kysely<Database>, id: string): Promise<Buffer | null>;
  remove(db: Kysely<Database>, ids: readonly string[]): Promise<void>;
}

/** The sealed bytes in `attachment_blobs`, beside the rest of the case. */
export const databaseStore: AttachmentStore = {
  kind: 'database',
  async put(db, id, sealed) {
    await db.insertInto('attachment_blobs').values({ attachment_id: id, sealed }).execute();
  },
  async get(db, id) {
    const row = await db.selectFrom('attachment_blobs').select('sealed').where('attachment_id', '=', id).executeTakeFirst();
    return row ? Buffer.from(row.sealed) : null;
  },
  async remove(db, ids) {
    if (ids.length === 0) return;
    await db.deleteFrom('attachment_blobs').where('attachment_id', 'in', ids).execute();
  },
};

/** What the operator sets for attachments (REDRESS_ATTACHMENT_*); absent from a context, the defaults. */
export interface AttachmentSettings {
  /** The largest file, in bytes (REDRESS_ATTACHMENT_MAX_BYTES, 10 MB). */
  maxBytes: number;
  /** How many files one case may hold (REDRESS_ATTACHMENTS_PER_CASE, 20). */
  perCase: number;
  store: AttachmentStore;
}

export const defaultAttachmentMaxBytes = 10 * 1024 * 1024;
export const defaultAttachmentsPerCase = 20;

export const defaultAttachmentSettings: AttachmentSettings = {
  maxBytes: defaultAttachmentMaxBytes,
  perCase: defaultAttachmentsPerCase,
  store: databaseStore,
};

/** The stores a context knows, by the name kept in each row: a file stays readable when the setting changes. */
export function storeFor(settings: AttachmentSettings, kind: string): AttachmentStore {
  if (kind === settings.store.kind) return settings.store;
  if (kind === 'database') return databaseStore;
  throw new Error(`This attachment is kept in the ${kind} store, which is not configured.`);
}
