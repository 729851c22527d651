import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { pdfText, squeezed } from '../../test/pdf.js';
import { openLetter, signIn, startHarness, watchForErrors, type Harness } from './harness.js';

const title = '工地拖欠工资挂牌督办';
const otherTitle = '另一件未督办的来信';
const requirements = '十日内结清工资并报告落实情况';
const feedback = 'Wages for August to October paid on 4 November; the contractor is barred from new county work.';

const panelOf = (page: Page, name: string) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });

describe.runIf(hasBrowser)('supervision on the case page: a leader puts a case under it, the lead unit answers the notice', () => {
  let harness: Harness;
  let caseId = '';
  beforeAll(async () => {
    harness = await startHarness();
    // Monday 2 November 2026, 16:00 in the county; the township leads both cases.
    caseId = await openLetter(harness.world, title, { to: 'resolution' });
    await openLetter(harness.world, otherTitle, { to: 'resolution' });
  });
  afterAll(() => harness.close());

  it('walks the notice, the unit’s late written feedback, the dashboard and the queue’s filter, and the end (zh, en)', async () => {
    const { base, world } = harness;

    // A leader puts the case under listed supervision, with a day for the feedback.
    const leader = await (await harness.context()).newPage();
    const leaderProblems = watchForErrors(leader);
    await signIn(leader, base, 'leader@county.test', 'zh');
    await leader.goto(`${base}/cases/${caseId}`);
    const panel = panelOf(leader, '督办');
    await panel.getByText('该案件未在督办中。').waitFor();
    await panel.getByRole('button', { name: '督办此案件…' }).click();
    // Without requirements nothing is sent: the field says why.
    await panel.getByRole('button', { name: '发出督办通知书' }).click();
    await panel.getByText('此项为必填项。').waitFor();
    expect((await world.as('leader', { method: 'GET', url: `/api/v1/cases/${caseId}/supervision` })).json()).toMatchObject({ current: null });
    await panel.getByLabel('督办方式').selectOption('listed');
    await panel.getByLabel(/^督办要求/).fill(requirements);
    await panel.getByLabel(/^书面反馈期限/).fill('1');
    await panel.getByRole('button', { name: '发出督办通知书' }).click();
    const record = panel.locator('article[data-supervision-kind="listed"]');
    await record.getByText('牵头责任单位：城关镇').waitFor();
    await record.getByText(requirements).waitFor();
    await record.locator('.clock').filter({ hasText: '督办书面反馈' }).getByText(/^截止/).waitFor();
    await record.getByText('等待城关镇书面反馈。').waitFor();
    expect(await panel.getByRole('button', { name: '书面反馈…' }).count()).toBe(0);
    await leader.locator('.timeline').getByText('挂牌督办：向城关镇发出督办通知书').first().waitFor();
    // The notice goes to the unit, not the petitioner: it is not among the written notices to them.
    expect(await leader.locator('article[data-notice-kind="supervision"]').count()).toBe(0);
    const href = await record.getByRole('link', { name: '督办通知书 中文PDF' }).getAttribute('href');
    const pdf = await leader.request.get(`${base}${href ?? ''}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const printed = squeezed(await pdfText(await pdf.body()));
    for (const part of ['信访事项督办通知书', '城关镇', '挂牌督办', requirements]) expect(printed).toContain(part);
    await leader.screenshot({ path: screenshotPath('web-case-supervision-zh-1280'), fullPage: true });
    expect(leaderProblems).toEqual([]);
    await leader.context().close();

    // Three days on, the township's officer answers the notice: after its due date, and said so.
    world.time.set('2026-11-05T02:00:00.000Z');
    const officer = await (await harness.context({ locale: 'en-GB' })).newPage();
    const officerProblems = watchForErrors(officer);
    await signIn(officer, base, 'officer@county.test', 'en');
    await officer.goto(`${base}/cases/${caseId}`);
    const unitPanel = panelOf(officer, 'Supervision');
    await unitPanel.getByText('Awaiting the written feedback of Chengguan township.').waitFor();
    await unitPanel.locator('.clock').filter({ hasText: 'Written feedback on supervision' }).getByText('overdue', { exact: false }).waitFor();
    expect(await unitPanel.getByRole('button', { name: 'End the supervision…' }).count()).toBe(0);
    const unitHref = await unitPanel.getByRole('link', { name: 'Supervision notice, PDF (English)' }).getAttribute('href');
    expect((await officer.request.get(`${base}${unitHref ?? ''}`)).status()).toBe(200);
    await unitPanel.getByRole('button', { name: 'Give the written feedback…' }).click();
    await unitPanel.getByRole('button', { name: 'Send the written feedback' }).click();
    await unitPanel.getByText('Fill this in.').waitFor();
    await unitPanel.getByLabel(/^Written feedback/).fill(feedback);
    await unitPanel.getByRole('button', { name: 'Send the written feedback' }).click();
    await unitPanel.getByText(/Chengguan township gave its written feedback .*, after its due date \(3 Nov 2026, 23:59\)\./).waitFor();
    await unitPanel.getByText(feedback).waitFor();
    expect(await unitPanel.getByRole('button', { name: 'Give the written feedback…' }).count()).toBe(0);
    await unitPanel.locator('.clock').getByText('Missed', { exact: true }).waitFor();
    await officer.locator('.timeline').getByText('Chengguan township gave its written feedback on supervision, late').first().waitFor();
    await unitPanel.screenshot({ path: screenshotPath('web-case-supervision-feedback-en-1280') });
    expect(officerProblems).toEqual([]);

    // The leader finds it on the dashboard and in the queue's filter, reads the feedback and ends the supervision.
    const again = await (await harness.context()).newPage();
    const againProblems = watchForErrors(again);
    await signIn(again, base, 'leader@county.test', 'zh');
    await again.goto(`${base}/dashboard`);
    const tile = again.locator('.tile-supervised');
    await tile.locator('.tile-value').getByText('1', { exact: true }).waitFor();
    await tile.getByText('其中挂牌督办：1').waitFor();
    await tile.getByRole('link').click();
    await again.waitForURL(/supervised=true/);
    expect(await again.getByLabel('只看督办中').isChecked()).toBe(true);
    await again.locator('table').getByText(title).waitFor();
    expect(await again.locator('table').getByText(otherTitle).count()).toBe(0);
    // A click, not uncheck(): the box follows the address, which changes a moment after the click.
    await again.getByLabel('只看督办中').click();
    await again.waitForURL((url) => !url.search.includes('supervised'));
    await again.locator('table').getByText(otherTitle).waitFor();
    expect(await again.getByLabel('只看督办中').isChecked()).toBe(false);

    await again.goto(`${base}/cases/${caseId}`);
    const ending = panelOf(again, '督办');
    await ending.getByText(feedback).waitFor();
    await ending.getByText(/城关镇已于 .* 书面反馈，已超过反馈期限（2026年11月3日 23:59）。/).waitFor();
    await ending.getByRole('button', { name: '结束督办…' }).click();
    await ending.getByLabel(/^说明/).fill('工资已结清，结束挂牌督办。');
    await ending.getByRole('button', { name: '结束督办', exact: true }).click();
    await ending.getByText('该案件未在督办中。').waitFor();
    await ending.getByText('以往督办（1）').click();
    await ending.locator('article[data-ended="true"]').getByText(feedback).waitFor();
    await ending.getByRole('button', { name: '督办此案件…' }).waitFor();
    await again.locator('.timeline').getByText('挂牌督办结束').first().waitFor();
    // The officer's page hears of the end live.
    await unitPanel.getByText('The case is not under supervision.').waitFor();
    expect(againProblems).toEqual([]);
    expect(officerProblems).toEqual([]);
    // Three sign-ins, a PDF read and a live update: more than the default on a busy machine.
  }, 90_000);
});
