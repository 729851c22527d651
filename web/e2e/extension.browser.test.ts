import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { openLetter, signIn, startHarness, watchForErrors, type Harness } from './harness.js';

const reason = 'Records must come from the provincial archive.';

describe.runIf(hasBrowser)('an extension on the case page: the office requests, a leader approves', () => {
  let harness: Harness;
  let caseId = '';
  beforeAll(async () => {
    harness = await startHarness();
    caseId = await openLetter(harness.world, '工地拖欠工资需延期', { description: '八月起未发工资。', to: 'decision' });
  });
  afterAll(() => harness.close());

  it('moves the time to conclude only when the leader approves (en, then zh)', async () => {
    const { base } = harness;
    const office = await (await harness.context({ locale: 'en-GB' })).newPage();
    const officeProblems = watchForErrors(office);
    await signIn(office, base, 'coordinator@county.test', 'en');
    await office.goto(`${base}/cases/${caseId}`);
    const deadlines = office.locator('section').filter({ has: office.getByRole('heading', { level: 2, name: 'Deadlines' }) });
    const dueBefore = await deadlines.locator('.clock').filter({ hasText: 'Conclude' }).first().locator('.clock-time').innerText();
    await deadlines.getByRole('button', { name: 'Request an extension of the time to conclude' }).click();
    await deadlines.getByLabel('Extra days').fill('20');
    await deadlines.getByLabel('Reason (told to the petitioner)').fill(reason);
    await deadlines.getByRole('button', { name: 'Request the extension' }).click();
    await deadlines.getByText('An extension of 20 days was requested').waitFor();
    expect(await deadlines.locator('.clock').filter({ hasText: 'Conclude' }).first().locator('.clock-time').innerText()).toBe(dueBefore);
    expect(await deadlines.getByRole('button', { name: 'Approve the extension' }).count()).toBe(0);

    const leader = await (await harness.context()).newPage();
    const leaderProblems = watchForErrors(leader);
    await signIn(leader, base, 'leader@county.test', 'zh');
    await leader.goto(`${base}/cases/${caseId}`);
    await leader.getByText('待领导审批').first().waitFor();
    await leader.getByText(reason).first().waitFor();
    await leader.screenshot({ path: screenshotPath('web-case-extension-pending-zh-1280'), fullPage: true });
    await leader.getByRole('button', { name: '批准延期' }).click();
    await leader.getByText('已延期一次，延长 20 天。').waitFor();
    await leader.locator('.timeline').getByText('办结期限延长 20 天').waitFor();
    // The written notice of the extension on the case page, with its PDF in both languages, downloaded with the page's own session.
    const notices = leader.locator('section').filter({ has: leader.getByRole('heading', { level: 2, name: '书面告知' }) });
    const extension = notices.locator('article[data-notice-kind="extension"]');
    await extension.getByText('信访事项延期办理告知书').waitFor();
    const hrefs = await Promise.all(['中文PDF', '英文PDF'].map((name) => extension.getByRole('link', { name }).getAttribute('href')));
    expect(hrefs.map((href) => href?.replace(/^.*\?/, ''))).toEqual(['lang=zh', 'lang=en']);
    const pdf = await leader.request.get(`${base}${hrefs[0] ?? ''}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await extension.screenshot({ path: screenshotPath('web-case-notice-zh-1280') });

    // The office's page hears of it live.
    await office.getByText('Extended once, by 20 days.').waitFor();
    expect(await office.locator('.clock').filter({ hasText: 'Conclude' }).first().locator('.clock-time').innerText()).not.toBe(dueBefore);
    expect(officeProblems).toEqual([]);
    expect(leaderProblems).toEqual([]);
  });
});
