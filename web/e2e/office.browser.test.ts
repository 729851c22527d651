import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

interface Opened {
  id: string;
  reference: string;
}

describe.runIf(hasBrowser)('the staff web app: live updates, dashboard, plans, phones', () => {
  let harness: Harness;
  let visit: Opened;
  beforeAll(async () => {
    // The admin here edits plans; signing in with a second factor is walked in accounts.browser.test.ts.
    harness = await startHarness({ adminTotpRequired: false });
    const { world } = harness;
    visit = expectStatus<Opened>(
      await world.as('coordinator', {
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          kind: 'collective',
          channel: 'visit',
          urgency: 'major',
          category: 'land-requisition',
          title: '征地补偿款分配不公',
          description: '三十名村民反映征地补偿款分配不公开。',
          location: '城关镇政府',
          headcount: 30,
          representatives: [{ name: '陈静' }, { name: '刘洋' }],
        },
      }),
      201,
    );
    expectStatus(await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${visit.id}/assignments`, payload: { unitId: world.units.township.id, role: 'lead' } }), 201);
  });
  afterAll(() => harness.close());

  it('shows a change made by someone else within two seconds, without a reload', async () => {
    const { base, world } = harness;
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');

    // The queue: a case registered elsewhere appears.
    const startedQueue = Date.now();
    const letter = expectStatus<Opened>(
      await world.as('admin', {
        method: 'POST',
        url: '/api/v1/cases',
        payload: { kind: 'individual', channel: 'letter', category: 'education', title: '校车停运', description: '乡村校车停运，学生上学困难。' },
      }),
      201,
    );
    await page.getByRole('link', { name: '校车停运' }).waitFor({ timeout: 2_000 });
    const queueMs = Date.now() - startedQueue;

    // The case page: the township's note appears in the timeline, the page never reloading.
    await page.goto(`${base}/cases/${visit.id}`);
    await page.getByRole('heading', { level: 1, name: '征地补偿款分配不公' }).waitFor();
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const started = Date.now();
    expectStatus(await world.as('unit_officer', { method: 'POST', url: `/api/v1/cases/${visit.id}/notes`, payload: { body: '已联系村委会，明日上午召开村民代表会议。' } }), 201);
    await page.locator('.timeline').getByText('已联系村委会，明日上午召开村民代表会议。').waitFor({ timeout: 2_000 });
    const caseMs = Date.now() - started;
    await page.locator('.live-changes').getByText('您打开此页面后，案件有了新的变化').waitFor();
    await page.locator('.live-changes').getByText(/officer.*备注/).waitFor();
    await expect(page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).resolves.toBe(true);
    expect(queueMs).toBeLessThan(2_000);
    expect(caseMs).toBeLessThan(2_000);
    expect(letter.reference).toMatch(/^\d{4}-/);
    expect(problems).toEqual([]);
  });

  it('charts the caseload and links each accountability figure to its cases; the language switch is remembered', async () => {
    const { base, world } = harness;
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'leader@county.test', 'zh');
    await page.getByRole('link', { name: '统计' }).click();
    await page.getByRole('heading', { level: 1, name: '统计' }).waitFor();
    const statsAvailable = (await world.as('leader', { method: 'GET', url: '/api/v1/stats' })).statusCode === 200;
    const reportAvailable = (await world.as('leader', { method: 'GET', url: '/api/v1/reports/accountability' })).statusCode === 200;
    if (statsAvailable) {
      await page.locator('.recharts-wrapper').first().waitFor();
      expect(await page.locator('figure.chart').count()).toBe(4);
    } else {
      await page.getByText('本服务器暂未提供这些统计数据。').first().waitFor();
    }
    if (reportAvailable) {
      const row = page.locator('.accountability-table tr').filter({ hasText: '城关镇' });
      await row.getByRole('button').first().click();
      await page.locator('#accountability-cases').getByRole('link', { name: visit.reference }).click();
      await page.getByRole('heading', { level: 1, name: '征地补偿款分配不公' }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: '统计' }).waitFor();
    }
    if (statsAvailable) await page.locator('.recharts-wrapper').first().waitFor();
    // The wide accountability table scrolls inside its card; the page itself never does.
    await expect(page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).resolves.toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('web-dashboard-zh'), fullPage: true });

    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en-GB');
    if (statsAvailable) await page.locator('.recharts-wrapper').first().waitFor();
    await page.screenshot({ path: screenshotPath('web-dashboard-en'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('works on a phone: the queue becomes cards and nothing scrolls sideways', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB', width: 375 })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'officer@county.test', 'en');
    await page.getByRole('link', { name: '征地补偿款分配不公' }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('web-queue-375'), fullPage: true });
    await page.getByRole('link', { name: '征地补偿款分配不公' }).click();
    await page.getByRole('button', { name: 'Acknowledge' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('web-case-375'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows the plan readably and lets an admin edit a draft, see its problems by line, and publish it', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'admin@county.test', 'en');
    await page.getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('link', { name: '重大紧急信访事项处置工作预案' }).click();
    await page.getByRole('heading', { level: 2, name: 'Principles' }).waitFor();
    await page.getByRole('button', { name: 'Print' }).waitFor();

    await page.getByRole('link', { name: 'New draft from this version' }).click();
    const editor = page.getByLabel('Plan (YAML)');
    await expect.poll(() => editor.inputValue()).toContain('acceptDays: 15');
    const yaml = await editor.inputValue();
    const line = yaml.split('\n').findIndex((text: string) => text.includes('acceptDays: 15')) + 1;
    const dayKindLine = yaml.split('\n').findIndex((text: string) => text.includes('dayKind: calendar')) + 1;
    await editor.fill(yaml.replace('acceptDays: 15', 'acceptDays: fifteen').replace('dayKind: calendar', 'dayKind: weekdays'));
    await page.getByRole('button', { name: 'Check and save draft' }).click();
    const problem = page.getByRole('button', { name: `Line ${line}` });
    await problem.waitFor();
    // Every problem at once, in the reader's words: a choice lists what it may be.
    const listed = page.locator('.yaml-problems');
    await listed.getByText('Enter a whole number.').waitFor();
    await listed.locator('li', { hasText: `Line ${dayKindLine}` }).getByText('Use one of: calendar, working.').waitFor();
    await problem.click();
    await page.getByText(`Cursor on line ${line}`).waitFor();
    await editor.fill(yaml.replace('acceptDays: 15', 'acceptDays: 10'));
    await page.getByRole('button', { name: 'Check and save draft' }).click();
    await page.getByText('Saved as draft version 2.').waitFor();
    // The built-in plan is the demo county's: its catalogue entries for units this tree lacks are saved, listed as waiting.
    await page.locator('.catalogue-waiting').getByText('No unit in the unit tree is named “县住建局”.').first().waitFor();
    await page.locator('.editor-preview').getByText('10 days').first().waitFor();
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.locator('.plan-meta').getByText('Published').waitFor();
    expect(problems).toEqual([]);
  });
});
