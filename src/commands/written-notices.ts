import { DateTime } from 'luxon';
import { categoryName, localText, noticeTemplate, type LocalText, type PlanDocument } from '../core/plan.js';
import { renderNotice, staffOnlyNoticeKinds, type NoticeContent, type NoticeKind, type NoticeParams } from '../core/written-notices.js';
import type { CaseRow } from '../db/repositories/cases.js';
import { pinnedPlan } from '../db/repositories/plans.js';
import type { WrittenNoticesTable } from '../db/schema.js';
import { enqueue } from '../notifications/outbox.js';
import type { Context, Trx } from '../context/context.js';

const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A time as a notice writes a date, in the jurisdiction's time zone: 2026年12月2日 / 2 December 2026. */
export function noticeDate(ctx: Pick<Context, 'timeZone'>, at: string): LocalText {
  const time = DateTime.fromISO(at, { zone: 'utc' }).setZone(ctx.timeZone);
  return { zh: time.toFormat('yyyy年M月d日'), en: time.setLocale('en').toFormat('d MMMM yyyy') };
}

/** A written notice as stored and shown: what was sent, in both languages. */
export interface WrittenNotice {
  id: string;
  kind: NoticeKind;
  issuedAt: string;
  issuedBy: string | null;
  office: LocalText;
  content: NoticeContent;
}

export function writtenNoticeView(ctx: Context, row: WrittenNoticesTable): WrittenNotice {
  return {
    id: row.id,
    kind: row.kind as NoticeKind,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    office: JSON.parse(row.office) as LocalText,
    content: JSON.parse(ctx.sealer.open(row.content_sealed)) as NoticeContent,
  };
}

/** The office that writes to the petitioner, as the plan's organisation names it. */
export function officeOf(plan: PlanDocument): LocalText {
  const officeRole = plan.organisation.find((item) => item.role === 'office');
  return officeRole ? { zh: localText(officeRole.name, 'zh'), en: localText(officeRole.name, 'en') } : { zh: '信访工作机构', en: 'Petition office' };
}

/**
 * Issues a written notice to the petitioner, inside the caller's transaction (the command that
 * decided what the notice tells): the plan's template for `kind` is filled with `params` and the
 * placeholders every notice has (reference, category, office, date), the text is stored sealed and
 * never changed, and the petitioner is emailed when they left an email address (pass `email: false`
 * when the command already emails them the same news). Returns the stored notice.
 */
export async function issueNotice(
  ctx: Context,
  trx: Trx,
  notice: { row: CaseRow; kind: NoticeKind; params: NoticeParams; actorId: string | null; now: string; email?: boolean },
): Promise<WrittenNotice> {
  const { row, kind, now } = notice;
  const plan = await pinnedPlan(trx, row);
  const office = officeOf(plan);
  // The matter by its category, never the case's own title: typed at the counter, it may carry a name, and the notice is shown on the portal.
  const category = categoryName(plan, row.category);
  const content = renderNotice(noticeTemplate(plan, kind), { ...notice.params, reference: row.reference, category, title: category, office, date: noticeDate(ctx, now) });
  const stored: WrittenNoticesTable = {
    id: ctx.newId(),
    case_id: row.id,
    kind,
    content_sealed: ctx.sealer.seal(JSON.stringify(content)),
    office: JSON.stringify(office),
    issued_at: now,
    issued_by: notice.actorId,
  };
  await trx.insertInto('written_notices').values(stored).execute();
  const address = row.petitioner_contact_sealed;
  const emailed = notice.email !== false && !staffOnlyNoticeKinds.includes(kind) && address !== null && emailLike.test(ctx.sealer.open(address));
  await enqueue(ctx, trx, emailed ? [{ addressSealed: address, language: 'zh' }] : [], {
    template: 'notice.issued',
    caseId: row.id,
    data: { reference: row.reference, kind, noticeId: stored.id, titleZh: content.zh.title, titleEn: content.en.title, ...(emailed ? { contentSealed: stored.content_sealed } : {}) },
  });
  return { id: stored.id, kind, issuedAt: now, issuedBy: notice.actorId, office, content };
}

/** A case's written notices, oldest first; `petitioner` leaves out those written to a unit (a supervision notice). */
export async function caseNotices(ctx: Context, trx: Trx, caseId: string, options: { petitioner?: boolean } = {}): Promise<WrittenNotice[]> {
  let query = trx.selectFrom('written_notices').selectAll().where('case_id', '=', caseId);
  if (options.petitioner) query = query.where('kind', 'not in', [...staffOnlyNoticeKinds]);
  const rows = await query.orderBy('issued_at').orderBy('id').execute();
  return rows.map((item) => writtenNoticeView(ctx, item));
}
