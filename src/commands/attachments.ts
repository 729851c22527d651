import type { Static } from 'typebox';
import { attachmentTypes, type AttachmentType } from '../attachments/content-types.js';
import { Attachment, AttachmentList as AttachmentListSchema, PublicAttachment as PublicAttachmentSchema } from '../contract/attachments.js';
import { checkUpload, type CheckedFile, type Upload } from '../attachments/content.js';
import { defaultAttachmentSettings, storeFor, type AttachmentSettings } from '../attachments/storage.js';
import { forbidden, invalid, notFound } from '../core/errors.js';
import { can, personalDataAccess } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { appendEvent } from '../db/events.js';
import type { CaseRow } from '../db/repositories/cases.js';
import type { AttachmentsTable } from '../db/schema.js';
import { matterFacts } from '../presenters/matter-view.js';
import type { Context, Trx } from '../context/context.js';
import { petitionFor, type PetitionKey } from './public/petition-access.js';
import { caseFor } from './support/case-access.js';
import { runCaseWrite, type CaseChange } from './support/case-command.js';
import { claimIdempotencyKey, keepIdempotentResult, type IdempotencyKey } from './support/idempotency.js';

/** A file on a case as staff see it (contract/attachments.ts). */
export type AttachmentView = Static<typeof Attachment>;
/** A file on a case as the petitioner sees it: only files not marked internal. */
export type PublicAttachment = Static<typeof PublicAttachmentSchema>;

/** The stored type, which was read from the content when the file came in. */
function storedType(row: AttachmentsTable): AttachmentType {
  const type = attachmentTypes.find((known) => known === row.media_type);
  if (type === undefined) throw new Error(`Attachment ${row.id} has an unknown type.`);
  return type;
}

/** A file to send back: its stored type and name, and its bytes opened. */
export interface AttachmentFile {
  name: string;
  type: string;
  bytes: Buffer;
}

export function attachmentSettings(ctx: Context): AttachmentSettings {
  return ctx.attachments ?? defaultAttachmentSettings;
}

type AttachmentRow = AttachmentsTable & { uploader_name: string | null };

async function attachmentRows(trx: Trx, caseId: string): Promise<AttachmentRow[]> {
  return trx
    .selectFrom('attachments')
    .leftJoin('users', 'users.id', 'attachments.uploaded_by')
    .selectAll('attachments')
    .select('users.name as uploader_name')
    .where('attachments.case_id', '=', caseId)
    .orderBy('attachments.position')
    .execute();
}

function staffView(ctx: Context, row: AttachmentRow, namesShown: boolean): AttachmentView {
  return {
    id: row.id,
    name: namesShown ? ctx.sealer.open(row.name_sealed) : null,
    type: storedType(row),
    size: Number(row.size),
    sha256: row.sha256,
    internal: Number(row.internal) === 1,
    uploadedBy: { via: row.uploaded_via === 'petitioner' ? 'petitioner' : 'staff', userId: row.uploaded_by, userName: row.uploader_name },
    createdAt: row.created_at,
  };
}

function publicView(ctx: Context, row: AttachmentsTable): PublicAttachment {
  return {
    id: row.id,
    name: ctx.sealer.open(row.name_sealed),
    type: storedType(row),
    size: Number(row.size),
    fromPetitioner: row.uploaded_via === 'petitioner',
    createdAt: row.created_at,
  };
}

/** Every file checked (type from content, size, images stripped) before any transaction starts. */
export async function checkedFiles(ctx: Context, files: readonly Upload[]): Promise<CheckedFile[]> {
  if (files.length === 0) throw invalid('file', 'choose at least one file.', { code: 'required' });
  const settings = attachmentSettings(ctx);
  if (files.length > settings.perCase) {
    throw invalid('file', `a case holds at most ${settings.perCase} files.`, { code: 'too_many', params: { limit: settings.perCase } });
  }
  const checked: CheckedFile[] = [];
  for (const file of files) checked.push(await checkUpload(file, settings.maxBytes));
  return checked;
}

/**
 * Writes checked files to a locked case in the caller's transaction: room is checked against the
 * case's limit, each file's bytes sealed into the store, its row inserted. Returns the new rows.
 */
export async function storeFiles(
  ctx: Context,
  trx: Trx,
  row: CaseRow,
  files: readonly CheckedFile[],
  by: { via: 'staff' | 'petitioner'; userId: string | null; internal: boolean },
  now: string,
): Promise<AttachmentsTable[]> {
  const settings = attachmentSettings(ctx);
  const held = await trx
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  if (Number(held.count) + files.length > settings.perCase) {
    throw invalid('file', `a case holds at most ${settings.perCase} files; it has ${Number(held.count)}.`, { code: 'too_many', params: { limit: settings.perCase } });
  }
  const rows: AttachmentsTable[] = [];
  for (const [index, file] of files.entries()) {
    const attachment: AttachmentsTable = {
      id: ctx.newId(),
      case_id: row.id,
      position: Number(held.count) + index + 1,
      name_sealed: ctx.sealer.seal(file.name),
      media_type: file.type,
      size: file.bytes.length,
      sha256: file.sha256,
      internal: by.internal ? 1 : 0,
      uploaded_via: by.via,
      uploaded_by: by.userId,
      storage: settings.store.kind,
      created_at: now,
    };
    await trx.insertInto('attachments').values(attachment).execute();
    await settings.store.put(trx, attachment.id, ctx.sealer.sealBytes(file.bytes));
    rows.push(attachment);
  }
  return rows;
}

/** The timeline and audit entry of added files: what they are, never their names. */
export function attachedChange(rows: readonly AttachmentsTable[], internal: boolean): CaseChange {
  const files = rows.map((file) => ({ id: file.id, type: file.media_type, size: Number(file.size) }));
  return {
    event: { type: 'attachment.added', data: { files, internal } },
    audit: { action: 'case.attachment.add', detail: { files: rows.map((file) => ({ id: file.id, sha256: file.sha256 })), internal } },
    changes: {},
  };
}

/**
 * Staff attach files to a case (a scanned letter, photos, documents), all in one transaction: every
 * file is checked first, and one bad file leaves none written. With an idempotency key a retry
 * answers what the first request did.
 */
export async function attachFiles(
  ctx: Context,
  props: { actor: Actor; caseId: string; files: readonly Upload[]; internal: boolean },
  idempotency?: IdempotencyKey,
): Promise<AttachmentView[]> {
  const files = await checkedFiles(ctx, props.files);
  let added: AttachmentsTable[] = [];
  return runCaseWrite(ctx, {
    by: { kind: 'staff', actor: props.actor },
    lock: (trx) => caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.attach', lock: true }),
    work: async (trx, { row }, now) => {
      if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
      added = await storeFiles(ctx, trx, row, files, { via: 'staff', userId: props.actor.id, internal: props.internal }, now);
      return attachedChange(added, props.internal);
    },
    result: async (trx, updated) => {
      const uploader = await trx.selectFrom('users').select('name').where('id', '=', props.actor.id).executeTakeFirst();
      // The uploader named the files; their own names are shown back to them.
      const views = added.map((row) => staffView(ctx, { ...row, uploader_name: uploader?.name ?? null }, true));
      if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, updated.id, views);
      return views;
    },
  });
}

/** The petitioner sends files to their own case (the portal, the public API); they are never internal. */
export async function attachPetitionerFiles(
  ctx: Context,
  props: PetitionKey & { files: readonly Upload[] },
  idempotency?: IdempotencyKey,
): Promise<PublicAttachment[]> {
  const files = await checkedFiles(ctx, props.files);
  let added: AttachmentsTable[] = [];
  return runCaseWrite(ctx, {
    by: { kind: 'petitioner' },
    lock: async (trx) => ({ row: await petitionFor(ctx, trx, props, { lock: true }) }),
    work: async (trx, { row }, now) => {
      if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
      added = await storeFiles(ctx, trx, row, files, { via: 'petitioner', userId: null, internal: false }, now);
      return attachedChange(added, false);
    },
    result: async (trx, updated) => {
      const views = added.map((row) => publicView(ctx, row));
      if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, updated.id, views);
      return views;
    },
  });
}

/** The files sent with a new petition, checked before its transaction opens; none is allowed. */
export async function checkPetitionFiles(ctx: Context, files: readonly Upload[]): Promise<CheckedFile[]> {
  return files.length === 0 ? [] : checkedFiles(ctx, files);
}

/**
 * Stores the files sent with a petition as it is filed, inside the transaction that opens the case
 * (submitPetition's), with their timeline event and audit entry: the petition and its files are
 * filed together or not at all.
 */
export async function storeOpeningFiles(ctx: Context, trx: Trx, row: CaseRow, files: readonly CheckedFile[], now: string): Promise<void> {
  if (files.length === 0) return;
  const added = await storeFiles(ctx, trx, row, files, { via: 'petitioner', userId: null, internal: false }, now);
  const change = attachedChange(added, false);
  await appendEvent(trx, { caseId: row.id, type: change.event.type, actorId: null, at: now, data: { ...change.event.data, by: 'the petitioner' } });
  await recordAudit(trx, { at: now, actorId: null, action: change.audit.action, subjectType: 'case', subjectId: row.id, detail: { ...change.audit.detail, by: 'the petitioner' } });
}

/** What staff see of a case's files, and what they may do with them. */
export type AttachmentList = Static<typeof AttachmentListSchema>;

/** The case's files for a reader of the case: names for who sees its personal data, no content. */
export async function listAttachments(ctx: Context, props: { actor: Actor; caseId: string }): Promise<AttachmentList> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, unitIds } = await caseFor(ctx, trx, { ...props, action: 'case.read' });
    const shown = personalDataAccess(props.actor, unitIds, matterFacts(row)) === 'shown';
    const rows = await attachmentRows(trx, row.id);
    const settings = attachmentSettings(ctx);
    return {
      items: rows.map((file) => staffView(ctx, file, shown)),
      mayUpload: can(props.actor, 'case.attach', { type: 'case', assignedUnitIds: unitIds }),
      mayDownload: shown,
      maxBytes: settings.maxBytes,
      perCase: settings.perCase,
    };
  });
}

async function openFile(ctx: Context, trx: Trx, row: AttachmentsTable): Promise<AttachmentFile> {
  const sealed = await storeFor(attachmentSettings(ctx), row.storage).get(trx, row.id);
  if (!sealed) throw notFound('The file');
  return { name: ctx.sealer.open(row.name_sealed), type: row.media_type, bytes: ctx.sealer.openBytes(sealed) };
}

/** One file for staff who see the case's personal data; the download is written to the audit log. */
export async function downloadAttachment(ctx: Context, props: { actor: Actor; caseId: string; attachmentId: string }): Promise<AttachmentFile> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, unitIds } = await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.read' });
    if (personalDataAccess(props.actor, unitIds, matterFacts(row)) !== 'shown') {
      throw forbidden('Only the office and the units on this case open its files.');
    }
    const file = await trx.selectFrom('attachments').selectAll().where('id', '=', props.attachmentId).where('case_id', '=', row.id).executeTakeFirst();
    if (!file) throw notFound('The file');
    const opened = await openFile(ctx, trx, file);
    await recordAudit(trx, {
      at: ctx.now(),
      actorId: props.actor.id,
      action: 'case.attachment.download',
      subjectType: 'case',
      subjectId: row.id,
      detail: { attachmentId: file.id, sha256: file.sha256 },
    });
    return opened;
  });
}

/** The files the petitioner may see: those they sent and the office's not marked internal. */
export async function listPetitionAttachments(ctx: Context, key: PetitionKey): Promise<PublicAttachment[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await petitionFor(ctx, trx, key);
    const rows = await trx.selectFrom('attachments').selectAll().where('case_id', '=', row.id).where('internal', '=', 0).orderBy('position').execute();
    return rows.map((file) => publicView(ctx, file));
  });
}

/** One file for the petitioner; a file marked internal is as absent as one that does not exist. */
export async function downloadPetitionAttachment(ctx: Context, key: PetitionKey & { attachmentId: string }): Promise<AttachmentFile> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await petitionFor(ctx, trx, key);
    const file = await trx
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', key.attachmentId)
      .where('case_id', '=', row.id)
      .where('internal', '=', 0)
      .executeTakeFirst();
    if (!file) throw notFound('The file');
    return openFile(ctx, trx, file);
  });
}

/** Erases a case's files, bytes and rows, in the purge's transaction; returns how many there were. */
export async function purgeAttachments(ctx: Context, trx: Trx, caseId: string): Promise<number> {
  const rows = await trx.selectFrom('attachments').select(['id', 'storage']).where('case_id', '=', caseId).execute();
  if (rows.length === 0) return 0;
  const settings = attachmentSettings(ctx);
  for (const kind of new Set(rows.map((row) => row.storage))) {
    await storeFor(settings, kind).remove(
      trx,
      rows.filter((row) => row.storage === kind).map((row) => row.id),
    );
  }
  await trx.deleteFrom('attachments').where('case_id', '=', caseId).execute();
  return rows.length;
}
