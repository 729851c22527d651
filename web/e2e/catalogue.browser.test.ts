import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { expectStatus } from '../../test/api.js';
import { petition, submit } from '../../test/public.js';
import { get, post } from '../../test/requests.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

/**
 * The routing catalogue (派单目录) and transfers (转送) on the case page (issue 12 items 3 and 4): a
 * petition sent through the public API arrives with the catalogue's proposal, the office confirms
 * it with one action; a transfer to the case's own unit is refused on its field, one to another
 * unit shows the receiving body's own reply clock; the admin's catalogue page ranks the entry
 * rerouted most, and the admin corrects it without republishing the plan.
 */
describe.runIf(hasBrowser)('the routing catalogue and transfers on the case page', () => {
  let harness: Harness;
  let caseId = '';
  beforeAll(async () => {
    harness = await startHarness({ adminTotpRequired: false });
    const { reference } = await submit(harness.world, petition({ title: '东街工地欠薪三个月' }));
    caseId = (await harness.world.ctx.db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => harness.close());

  it('shows the catalogue’s proposal for a petition from the public API, and the coordinator confirms it in one action (zh)', async () => {
    const { base } = harness;
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');
    await page.goto(`${base}/cases/${caseId}`);
    const routing = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: '派单目录建议' }) });
    // Wages are the county bureau's everywhere (the catalogue's county-wide entry), asked from 城关镇.
    await routing.getByText('县人社局').waitFor();
    await routing.getByText('城关镇').waitFor();
    await routing.getByText('信访局确认或选择其他单位之前，不交办任何单位。', { exact: false }).waitFor();
    const units = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: '责任单位' }) });
    await units.getByText('尚未交办责任单位。').waitFor();
    await page.screenshot({ path: screenshotPath('web-case-routing-proposal-zh-1280'), fullPage: true });

    await routing.getByRole('button', { name: '确认并交办' }).click();
    await routing.getByText('确认，已交办并通知各单位。', { exact: false }).waitFor();
    expect(await routing.getByRole('button', { name: '确认并交办' }).count()).toBe(0);
    await units.locator('.assignment').filter({ hasText: '县人社局' }).getByText('牵头').waitFor();
    await page.locator('.timeline').getByText('已确认派单目录建议').waitFor();
    expect(problems).toEqual([]);
  });

  it('refuses a transfer to the case’s own unit on its field, and a transfer to another unit shows the receiving body’s 15-day clock (en)', async () => {
    const { base, world } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.goto(`${base}/cases/${caseId}`);
    const transfers = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Transfers and assignments' }) });
    await transfers.getByText('The case has not been transferred or assigned to another body.').waitFor();
    await transfers.getByRole('button', { name: 'Transfer or assign to another body…' }).click();
    const form = transfers.getByRole('form', { name: 'Transfer or assign to another body…' });
    // The county bureau already leads the case (the confirmed proposal): the server refuses, on the unit field, in English.
    await form.getByLabel('Unit').selectOption({ label: 'County human resources and social security bureau' });
    await form.getByLabel('Reason (told to the petitioner)').fill('The site is the township’s project.');
    await form.getByRole('button', { name: 'Transfer the case' }).click();
    await form.locator('.field-invalid').filter({ hasText: 'Unit' }).getByText('The case is already with this unit: transfer it to another body.').waitFor();
    expect(await world.ctx.db.selectFrom('transfers').select('id').execute()).toEqual([]);

    await form.getByLabel('Unit').selectOption({ label: 'Chengguan township' });
    await form.getByRole('button', { name: 'Transfer the case' }).click();
    const record = transfers.locator('article.transfer');
    await record.getByText('Chengguan township').waitFor();
    await record.getByText('The site is the township’s project.').waitFor();
    const clock = record.locator('.clock').filter({ hasText: 'Receiving body’s reply to the petitioner (Art. 23)' });
    await clock.waitFor();
    const [transfer] = await world.ctx.db.selectFrom('transfers').select(['id', 'reply_due_at']).execute();
    // The receiver's clock is its own: 15 days from the transfer, apart from the office's clocks.
    const days = (Date.parse(transfer?.reply_due_at ?? '') - Date.parse(world.time.now())) / 86_400_000;
    expect(days).toBeGreaterThan(15);
    expect(days).toBeLessThanOrEqual(16);
    expect(await clock.innerText()).toContain('15 days');
    const href = await record.getByRole('link', { name: 'Letter, PDF (Chinese)' }).getAttribute('href');
    const pdf = await page.request.get(`${base}${href ?? ''}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.locator('.timeline').getByText('Transferred to Chengguan township').waitFor();
    await transfers.screenshot({ path: screenshotPath('web-case-transfer-en-1280') });
    expect(problems).toEqual([]);
  });

  it('lists the catalogue with each entry’s objections and reroutes, ranks the entry rerouted most, and the admin corrects it without republishing (zh)', async () => {
    const { base, world } = harness;
    // A road matter from 城关镇: the catalogue proposes the township, the office confirms, the township objects, the office reroutes it.
    const { reference } = await submit(world, petition({ category: 'transport', title: '东街路口缺少信号灯', location: '城关镇东街' }));
    const roadCase = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
    const confirmed = expectStatus<{ assignments: { id: string }[] }>(await post(world, 'coordinator', `/api/v1/cases/${roadCase}/routing`, { decision: 'confirm' }), 200);
    const assignmentId = confirmed.assignments[0]?.id ?? '';
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${roadCase}/assignments/${assignmentId}/object`, { reason: '县道信号灯由县交通运输局负责。' }), 200);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${roadCase}/assignments/${assignmentId}/reroute`, { unitId: world.units.department.id }), 200);
    const closing = expectStatus<{ id: string }>(await post(world, 'admin', '/api/v1/units', { name: '县拆迁办', nameEn: 'Demolition office', kind: 'department' }), 201);

    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'admin@county.test', 'zh');
    await page.goto(`${base}/admin/catalogue`);
    await page.getByRole('heading', { level: 1, name: '派单目录' }).waitFor();
    const report = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: '改派最多的条目' }) });
    const worst = report.locator('tbody tr').first();
    await worst.getByText('交通运输').waitFor();
    expect(await worst.locator('td').allInnerTexts()).toEqual(['交通运输', '城关镇', '城关镇', '2', '1', '1', '建议 1 · 确认 1 · 更改 0']);

    const entries = page.locator('table').first();
    const road = entries.locator('tbody tr').filter({ hasText: '交通运输' }).first();
    expect(await road.locator('td').nth(5).innerText()).toBe('1');
    await road.getByRole('button', { name: '编辑条目：交通运输 · 城关镇' }).click();
    const editor = page.getByRole('form', { name: '编辑条目：交通运输 · 城关镇' });
    // The unit chosen is deactivated before the form is saved: refused on its field, in Chinese, nothing changed.
    await editor.getByLabel('牵头单位').selectOption({ label: '县拆迁办' });
    expectStatus(await post(world, 'admin', `/api/v1/units/${closing.id}/deactivate`), 200);
    await editor.getByRole('button', { name: '保存条目' }).click();
    await editor.locator('.field-invalid').getByText('县拆迁办”已停用，不能再交办案件。', { exact: false }).waitFor();
    const plansBefore = await world.ctx.db.selectFrom('plans').select('id').execute();

    await editor.getByLabel('牵头单位').selectOption({ label: '县人社局' });
    await editor.getByLabel('城关镇').check();
    await editor.getByRole('button', { name: '保存条目' }).click();
    await road.locator('td').nth(2).getByText('县人社局').waitFor();
    expect(await road.locator('td').nth(3).innerText()).toBe('城关镇');
    await road.getByText('修改', { exact: false }).waitFor();
    expect(await world.ctx.db.selectFrom('plans').select('id').execute()).toEqual(plansBefore);
    await page.screenshot({ path: screenshotPath('web-admin-catalogue-zh-1280'), fullPage: true });

    // The next road matter from 城关镇 is proposed to the corrected units.
    const next = await submit(world, petition({ category: 'transport', title: '东街路灯不亮', location: '城关镇东街' }));
    const nextCase = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', next.reference).executeTakeFirstOrThrow()).id;
    const proposal = expectStatus<{ proposal: { leadUnitId: string; assistingUnitIds: string[] } }>(await get(world, 'coordinator', `/api/v1/cases/${nextCase}/routing`), 200).proposal;
    expect(proposal).toMatchObject({ leadUnitId: world.units.department.id, assistingUnitIds: [world.units.township.id] });
    expect(problems).toEqual([]);
  });
});
