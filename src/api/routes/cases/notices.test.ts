import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, cookiesOf, form, petition, status, submit, type Submitted } from '../../../../test/public.js';
import { assignId, get, post } from '../../../../test/requests.js';

interface Notice {
  id: string;
  kind: string;
  issuedAt: string;
  issuedBy: string | null;
  office: { zh?: string; en?: string };
  content: { zh: { title: string; body: string }; en: { title: string; body: string } };
}

/**
 * Written notices (告知, issue 12 item 5): the decisions the petitioner is told of in writing are
 * issued from the plan's templates, stored as sent, listed on the case and shown on the portal's
 * status, and emailed when the petitioner left an email address.
 */
describe.each(databaseKinds)('written notices to the petitioner, on %s', (kind) => {
  let world: ApiWorld;
  let receipt: Submitted;
  let caseId = '';
  const reason = 'Records must come from the provincial archive.';
  const notices = async () => expectStatus<{ notices: Notice[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200).notices;
  const petitionerSees = async () => (JSON.parse((await status(world, receipt.reference, receipt.accessCode)).body) as { notices: Notice[] }).notices;
  const emails = async () =>
    world.ctx.db.selectFrom('notifications').select(['template', 'data']).where('case_id', '=', caseId).where('address_sealed', 'is not', null).orderBy('created_at').execute();

  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    world.time.set('2026-11-02T08:00:00.000Z');
    receipt = await submit(world, petition({ petitioner: { name: '王五', contact: 'wang.wu@example.test' } }));
    caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id;
    await assignId(world, caseId, world.units.township.id);
    world.time.set('2026-11-02T10:00:00.000Z');
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'decision' }), 200);
  });
  afterAll(() => world.dispose());

  it('issues the extension notice with its reason when a leader approves the extension', async () => {
    // Accepting the case issued its notice of acceptance (notice-pdf.test.ts follows it to the portal).
    expect((await notices()).map((item) => item.kind)).toEqual(['acceptance']);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/extensions`, { days: 20, reason }), 200);
    expect(await notices()).toHaveLength(1);
    world.time.set('2026-11-03T02:00:00.000Z');
    expectStatus(await post(world, 'leader', `/api/v1/cases/${caseId}/extensions/approve`), 200);
    const [acceptance, notice, ...more] = await notices();
    expect(more).toEqual([]);
    expect(notice).toEqual(
      expect.objectContaining({ kind: 'extension', issuedAt: '2026-11-03T02:00:00.000Z', issuedBy: world.users.leader.id, office: { zh: '领导小组办公室（设在县信访局）', en: 'Office of the leadership group (in the county petition bureau)' } }),
    );
    expect(notice?.content.zh.title).toBe('信访事项延期办理告知书');
    expect(notice?.content.zh.body).toBe(
      `您反映的信访事项（编号 ${receipt.reference}，拖欠工资）因Records must come from the provincial archive，经批准延长办理期限 20 日，新的办结期限为 2027年1月21日。`,
    );
    // The reason's own full stop and the template's make one.
    expect(notice?.content.en.body).toBe(
      `Your petition (reference ${receipt.reference}, Wage arrears): the time to conclude it has been extended, with approval, by 20 days because Records must come from the provincial archive. It is now due by 21 January 2027.`,
    );
    // Stored sealed: the text is not in the row in the clear.
    const row = await world.ctx.db.selectFrom('written_notices').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.content_sealed.startsWith('v1.')).toBe(true);
    expect(row.content_sealed).not.toContain('archive');
    // The petitioner sees it on the status page; their email is the extension's own (not sent twice).
    expect(await petitionerSees()).toEqual([acceptance, notice]);
    expect((await emails()).map((item) => item.template)).toEqual(['notice.issued', 'case.extended']);
  });

  it('issues the handling opinion from the written answer: claim, facts, decision, basis and the review deadline, and emails it', async () => {
    expectStatus(await post(world, 'leader', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution', reason: 'Verify and pay.' }), 200);
    world.time.set('2026-11-10T02:00:00.000Z');
    const answer = {
      body: 'The contractor pays the wages in full by 30 November.',
      facts: 'Payroll records show wages for August to October were not paid.',
      basis: 'Regulations on Guaranteeing the Payment of Wages to Migrant Workers, Art. 30.',
    };
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${caseId}/answers`, answer), 201);
    const opinion = (await notices()).find((item) => item.kind === 'handling_opinion');
    expect(opinion?.content.zh.title).toBe('信访事项处理意见书');
    const zh = opinion?.content.zh.body ?? '';
    // The claim is named by its category, never by the petitioner's own words (they may carry names).
    expect(zh).toContain('信访请求：拖欠工资');
    expect(opinion?.content.en.body).toContain('The claim: Wage arrears');
    expect(zh).not.toContain('school building site');
    expect(zh).toContain(`查明事实：${answer.facts}`);
    expect(zh).toContain(`处理意见：${answer.body}`);
    expect(zh).toContain(`依据：${answer.basis}`);
    expect(zh).toContain('自收到本意见书之日起 30 日内（2026年12月10日 前）');
    expect(opinion?.content.en.body).toContain('within 30 days of receiving it (by 10 December 2026)');
    expect((await petitionerSees()).map((item) => item.kind)).toEqual(['acceptance', 'extension', 'handling_opinion']);
    const sent = await emails();
    expect(sent.map((item) => item.template)).toEqual(['notice.issued', 'case.extended', 'notice.issued']);
    // The outbox holds the text sealed only.
    const data = JSON.parse(sent[2]?.data ?? '{}') as Record<string, unknown>;
    expect(data).toEqual(expect.objectContaining({ reference: receipt.reference, kind: 'handling_opinion', titleEn: 'Handling opinion' }));
    expect(JSON.stringify(data)).not.toContain('Payroll');
  });

  it("shows the notices on the portal's status page in both languages", async () => {
    for (const [lang, title, text] of [
      ['zh', '信访事项处理意见书', '查明事实：Payroll records show wages for August to October were not paid.'],
      ['en', 'Notice of extension', 'The facts found: Payroll records show wages for August to October were not paid.'],
    ] as const) {
      const posted = await world.app.inject({ method: 'POST', url: '/petition/status', ...form({ lang, reference: receipt.reference, accessCode: receipt.accessCode }) });
      expect(posted.statusCode).toBe(303);
      const page = await world.app.inject({ method: 'GET', url: String(posted.headers.location), cookies: cookiesOf(posted) });
      expect(page.body).toContain('id="notices"');
      expect(page.body).toContain(title);
      expect(page.body).toContain(`<p>${text}</p>`);
    }
  });
});
