import { notFound, refused } from '../core/errors.js';
import { officeOf } from '../core/jurisdictions.js';
import { categoryName, localText } from '../core/plan.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { loadPlan } from '../db/repositories/plans.js';
import { reviewRow, unitTree } from '../db/repositories/reviews.js';
import { requirePdfFont } from '../documents/font.js';
import { reviewRequestPdf, type ReviewRequestLetter } from '../documents/review-request-pdf.js';
import type { DocumentLanguage } from '../documents/words.js';
import { pdfFontOf, type Context } from '../context/context.js';
import type { PrintedNotice } from './print-notice.js';
import { caseFor } from './support/case-access.js';
import { noticeDate } from './written-notices.js';

/**
 * The request for a review by a body outside the system, as a PDF to send it (a county deployment
 * without the level above): addressed to the body the office recorded, from the office that
 * answered, naming the case, the answer reviewed and the petitioner's reason, and the body's
 * 30 days (Art. 35–36). It carries the petitioner's words, so printing it is audited as a read of
 * personal data.
 */
export async function printReviewRequest(
  ctx: Context,
  props: { actor: Actor; caseId: string; round: number; language: DocumentLanguage },
): Promise<PrintedNotice> {
  requirePdfFont(pdfFontOf(ctx));
  const letter = await ctx.db.transaction().execute(async (trx): Promise<ReviewRequestLetter> => {
    const { row } = await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.review' });
    const review = await reviewRow(trx, row.id, props.round);
    if (!review) throw notFound('The review round');
    if (review.body_unit_id !== null) throw refused('review_body_in_system', 'This round went to a petition office in the system; nothing is printed for it.', { round: review.round });
    if (review.outside_body === null) throw refused('review_body_unnamed', 'Record the name of the review body first.', { round: review.round }, { field: 'name' });
    const [tree, plan, reviewed] = await Promise.all([
      unitTree(trx),
      loadPlan(trx, row.plan_id),
      trx.selectFrom('answers').select('created_at').where('case_id', '=', row.id).where('review_round', '=', review.round - 1).orderBy('created_at', 'desc').executeTakeFirst(),
    ]);
    const officeId = officeOf(tree, review.answered_by_root_id);
    const office = officeId ? await trx.selectFrom('units').select(['name', 'name_en']).where('id', '=', officeId).executeTakeFirst() : undefined;
    await recordAudit(trx, {
      at: ctx.now(),
      actorId: props.actor.id,
      action: 'case.personal_data.read',
      subjectType: 'case',
      subjectId: row.id,
      detail: { reviewRequest: review.round, printed: props.language },
    });
    const category = categoryName(plan?.document, row.category);
    return {
      round: review.round,
      to: review.outside_body,
      office: { zh: office?.name ?? '', en: office?.name_en ?? office?.name ?? '' },
      reference: row.reference,
      category: { zh: localText(category, 'zh'), en: localText(category, 'en') },
      answeredOn: reviewed ? noticeDate(ctx, reviewed.created_at) : null,
      requestedOn: noticeDate(ctx, review.requested_at),
      date: noticeDate(ctx, ctx.now()),
      reason: review.reason,
    };
  });
  const pdf = await reviewRequestPdf(pdfFontOf(ctx), letter, props.language);
  return { pdf, filename: `${letter.reference}-review-${letter.round}-request-${props.language}.pdf` };
}
