import { notFound } from '../core/errors.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { requirePdfFont } from '../documents/font.js';
import { noticePdf } from '../documents/notice-pdf.js';
import type { DocumentLanguage } from '../documents/words.js';
import { pdfFontOf, type Context, type Trx } from '../context/context.js';
import { petitionFor, type PetitionKey } from './public/petition-access.js';
import { caseFor } from './support/case-access.js';
import { staffOnlyNoticeKinds, type NoticeKind } from '../core/written-notices.js';
import { noticeDate, writtenNoticeView, type WrittenNotice } from './written-notices.js';

/** A printed notice: the PDF's bytes and the name to save it under. */
export interface PrintedNotice {
  pdf: Buffer;
  filename: string;
}

async function noticeOf(ctx: Context, trx: Trx, row: CaseRow, noticeId: string, options: { petitioner?: boolean } = {}): Promise<WrittenNotice> {
  const stored = await trx.selectFrom('written_notices').selectAll().where('id', '=', noticeId).where('case_id', '=', row.id).executeTakeFirst();
  // A notice written to a unit (a supervision notice) is not the petitioner's to print.
  if (!stored || (options.petitioner && staffOnlyNoticeKinds.includes(stored.kind as NoticeKind))) throw notFound('The notice');
  return writtenNoticeView(ctx, stored);
}

function printed(ctx: Context, row: CaseRow, notice: WrittenNotice, language: DocumentLanguage): Promise<PrintedNotice> {
  const pdf = noticePdf(pdfFontOf(ctx), { office: notice.office, content: notice.content, reference: row.reference, date: noticeDate(ctx, notice.issuedAt) }, language);
  return pdf.then((bytes) => ({ pdf: bytes, filename: `${row.reference}-${notice.kind}-${language}.pdf` }));
}

/**
 * A written notice as a PDF for staff who may read the case, to print, seal and hand over or post.
 * Its text speaks to the petitioner about their matter, so the read is written to the audit log as a
 * read of personal data (`case.personal_data.read`, naming the notice).
 */
export async function printNotice(ctx: Context, props: { actor: Actor; caseId: string; noticeId: string; language: DocumentLanguage }): Promise<PrintedNotice> {
  requirePdfFont(pdfFontOf(ctx));
  const { row, notice } = await ctx.db.transaction().execute(async (trx) => {
    const { row } = await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.read' });
    const notice = await noticeOf(ctx, trx, row, props.noticeId);
    await recordAudit(trx, {
      at: ctx.now(),
      actorId: props.actor.id,
      action: 'case.personal_data.read',
      subjectType: 'case',
      subjectId: row.id,
      detail: { notice: notice.id, kind: notice.kind, printed: props.language },
    });
    return { row, notice };
  });
  return printed(ctx, row, notice, props.language);
}

/** A written notice as a PDF for the petitioner, opened with their reference and access code. */
export async function printPetitionNotice(ctx: Context, key: PetitionKey, props: { noticeId: string; language: DocumentLanguage }): Promise<PrintedNotice> {
  requirePdfFont(pdfFontOf(ctx));
  const { row, notice } = await ctx.db.transaction().execute(async (trx) => {
    const row = await petitionFor(ctx, trx, key);
    return { row, notice: await noticeOf(ctx, trx, row, props.noticeId, { petitioner: true }) };
  });
  return printed(ctx, row, notice, props.language);
}
