import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { pdfText, squeezed } from '../../../../test/pdf.js';
import { buildPublicWorld, cookiesOf, form, petition, status, submit, type Submitted } from '../../../../test/public.js';
import { assignId, expectError, get, post } from '../../../../test/requests.js';

interface Notice {
  id: string;
  kind: string;
  issuedAt: string;
  content: { zh: { title: string; body: string }; en: { title: string; body: string } };
}

const office = { zh: '领导小组办公室（设在县信访局）', en: 'Office of the leadership group (in the county petition bureau)' };

/** A PDF answer's text, squeezed of the white space its line breaks add. */
async function textOf(response: LightMyRequestResponse): Promise<string> {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['cache-control']).toBe('no-store');
  return squeezed(await pdfText(response.rawPayload));
}

/**
 * Written notices as the petitioner receives them (issue 12 item 5): accepting a case and sending a
 * matter to its lawful channel issue their notices; each prints as a PDF in zh and en naming the
 * office, the reference and the date, for staff (audited as a read of personal data), for the
 * petitioner on the portal and through the public API.
 */
describe.each(databaseKinds)('written notices printed as PDF, on %s', (kind) => {
  let world: ApiWorld;
  let court: Submitted;
  let courtId = '';
  const idOf = async (receipt: Submitted) => (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id;
  const notices = async (caseId: string) => expectStatus<{ notices: Notice[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200).notices;
  const lookUp = async (receipt: Submitted, lang: 'zh' | 'en') => {
    const posted = await world.app.inject({ method: 'POST', url: '/petition/status', ...form({ lang, reference: receipt.reference, accessCode: receipt.accessCode }) });
    expect(posted.statusCode).toBe(303);
    return { location: String(posted.headers.location), cookies: cookiesOf(posted) };
  };

  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    world.time.set('2026-11-04T02:00:00.000Z');
    court = await submit(world, petition({ title: '张三 owes me for the house', petitioner: { name: '王五', contact: 'wang.wu@example.test' } }));
    courtId = await idOf(court);
  });
  afterAll(() => world.dispose());

  it('answers a court matter with a notice naming the litigation channel and how to use it, its PDF text checked in zh and en', async () => {
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${courtId}/lawful-channel`, { channel: 'litigation', note: 'A contract dispute with the builder.' }), 200);
    const [notice, ...more] = await notices(courtId);
    expect(more).toEqual([]);
    expect(notice?.kind).toBe('non_acceptance');
    // The matter by its category: the title typed for the case carries a name.
    expect(notice?.content.zh.body).toContain(`编号 ${court.reference}，拖欠工资`);
    expect(JSON.stringify(notice)).not.toContain('张三');
    expect(JSON.stringify(notice)).not.toContain('contract dispute');
    const url = `/api/v1/cases/${courtId}/notices/${notice?.id ?? ''}.pdf`;

    const zh = await textOf(await get(world, 'coordinator', `${url}?lang=zh`));
    for (const part of [office.zh, '信访事项不予受理告知书', `编号：${court.reference}`, '日期：2026年11月4日', '不予作为信访事项受理', '请通过以下途径依法提出：诉讼。', '向有管辖权的人民法院提起诉讼。', '（盖章）']) {
      expect(zh).toContain(squeezed(part));
    }
    expect(zh).not.toContain('理由：');
    const en = await textOf(await get(world, 'coordinator', `${url}?lang=en`));
    for (const part of [office.en, 'Notice of non-acceptance', `Reference: ${court.reference}`, 'Date: 4 November 2026', 'through this channel: Litigation.', "This matter belongs to the people's courts: bring a lawsuit before the competent court", '(Seal)']) {
      expect(en).toContain(squeezed(part));
    }
    // Without lang, the reader's language.
    const byHeader = await world.as('coordinator', { method: 'GET', url, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(await textOf(byHeader)).toContain('Noticeofnon-acceptance');
    expect(byHeader.headers['content-disposition']).toBe(`attachment; filename="${court.reference}-non_acceptance-en.pdf"`);

    // Each staff print is a read of personal data in the audit log, naming the notice.
    const reads = await world.ctx.db.selectFrom('audit_entries').select(['actor_id', 'detail']).where('action', '=', 'case.personal_data.read').where('subject_id', '=', courtId).execute();
    const printed = reads.map((entry) => JSON.parse(entry.detail) as Record<string, unknown>).filter((detail) => detail.notice === notice?.id);
    expect(printed.map((detail) => detail.printed)).toEqual(['zh', 'en', 'en']);
    // Emailed: the petitioner left an address.
    const sent = await world.ctx.db.selectFrom('notifications').select('template').where('case_id', '=', courtId).where('address_sealed', 'is not', null).execute();
    expect(sent.map((item) => item.template)).toEqual(['notice.issued']);
  });

  it('refuses a print to whoever may not read the case, a notice of another case, and a language it does not have', async () => {
    const [notice] = await notices(courtId);
    const url = `/api/v1/cases/${courtId}/notices/${notice?.id ?? ''}.pdf`;
    expectError(await get(world, 'anonymous', url), 401, 'unauthenticated');
    expectError(await get(world, 'otherOfficer', url), 403, 'forbidden');
    expectError(await get(world, 'coordinator', `/api/v1/cases/${courtId}/notices/no-such-notice.pdf`), 404, 'not_found');
    const other = await idOf(await submit(world));
    expectError(await get(world, 'coordinator', `/api/v1/cases/${other}/notices/${notice?.id ?? ''}.pdf`), 404, 'not_found');
    expectError(await get(world, 'coordinator', `${url}?lang=fr`), 400, 'validation_failed', 'lang');
  });

  it('issues the acceptance notice when the office accepts, shown on the portal with its PDF in both languages', async () => {
    world.time.set('2026-11-05T03:00:00.000Z');
    const receipt = await submit(world);
    const caseId = await idOf(receipt);
    await assignId(world, caseId, world.units.township.id);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'decision' }), 200);
    const [notice] = await notices(caseId);
    expect(notice?.kind).toBe('acceptance');
    expect(notice?.content.zh.body).toBe(`您反映的信访事项（编号 ${receipt.reference}，拖欠工资）已于 2026年11月5日 受理，将在 2027年1月4日 前办结并书面答复您。`);

    for (const [lang, title] of [['zh', '信访事项受理告知书'], ['en', 'Notice of acceptance']] as const) {
      const { location, cookies } = await lookUp(receipt, lang);
      const page = await world.app.inject({ method: 'GET', url: location, cookies });
      expect(page.body).toContain(`data-notice-kind="acceptance"`);
      expect(page.body).toContain(title);
      const href = `/petition/notices/${notice?.id ?? ''}.pdf?lang=`;
      expect(page.body).toContain(`href="${href}zh"`);
      expect(page.body).toContain(`href="${href}en"`);
      const pdf = await world.app.inject({ method: 'GET', url: `${href}${lang}`, cookies });
      const text = await textOf(pdf);
      expect(text).toContain(squeezed(title));
      expect(text).toContain(squeezed(lang === 'zh' ? `编号：${receipt.reference}` : `Reference: ${receipt.reference}`));
      expect(text).toContain(lang === 'zh' ? '2027年1月4日' : '4January2027');
    }
    // Without the petition held in its cookie, the portal asks for the reference and code again.
    const unheld = await world.app.inject({ method: 'GET', url: `/petition/notices/${notice?.id ?? ''}.pdf?lang=zh` });
    expect(unheld.headers['content-type']).toContain('text/html');

    // The public API: with the access code, the PDF; with a wrong one, the same 404 as any wrong code.
    const publicUrl = `/public/v1/petitions/${receipt.reference}/notices/${notice?.id ?? ''}.pdf?lang=en`;
    const byCode = await world.as('anonymous', { method: 'GET', url: publicUrl, headers: { 'x-access-code': receipt.accessCode } });
    expect(await textOf(byCode)).toContain('Noticeofacceptance');
    expectError(await world.as('anonymous', { method: 'GET', url: publicUrl, headers: { 'x-access-code': court.accessCode } }), 404, 'not_found');
    // The petitioner's own reads are not staff reads of personal data.
    const staffReads = await world.ctx.db.selectFrom('audit_entries').select('detail').where('action', '=', 'case.personal_data.read').where('subject_id', '=', caseId).execute();
    expect(staffReads.filter((entry) => entry.detail.includes('printed'))).toEqual([]);
  });

  it('issues the non-acceptance notice with its reason when the office declines, without a channel it never named', async () => {
    const receipt = await submit(world);
    const caseId = await idOf(receipt);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'not_accepted', reason: '同一事项已于2026年10月办结。' }), 200);
    const [notice] = await notices(caseId);
    expect(notice?.kind).toBe('non_acceptance');
    expect(notice?.content.zh.body).toBe(`您反映的信访事项（编号 ${receipt.reference}，拖欠工资）不予作为信访事项受理。\n\n理由：同一事项已于2026年10月办结。`);
    expect(notice?.content.en.body).not.toContain('channel');
    const seen = expectStatus<{ notices: Notice[] }>(await status(world, receipt.reference, receipt.accessCode), 200);
    expect(seen.notices.map((item) => item.kind)).toEqual(['non_acceptance']);
  });

  it('answers 503 pdf_font_missing when the font is not installed', async () => {
    const [notice] = await notices(courtId);
    const font = world.ctx.pdfFont;
    world.ctx.pdfFont = { path: '/nonexistent/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' };
    try {
      const refused = expectError(await get(world, 'coordinator', `/api/v1/cases/${courtId}/notices/${notice?.id ?? ''}.pdf`), 503, 'pdf_font_missing');
      expect(refused.details).toEqual({ path: '/nonexistent/NotoSansCJK-Regular.ttc' });
      const { cookies } = await lookUp(court, 'zh');
      const page = await world.app.inject({ method: 'GET', url: `/petition/notices/${notice?.id ?? ''}.pdf?lang=zh`, cookies });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('暂时无法生成PDF');
    } finally {
      if (font) world.ctx.pdfFont = font;
      else delete world.ctx.pdfFont;
    }
  });
});
