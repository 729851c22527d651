import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { scanDeadlines } from '../../src/jobs/deadline-scanner.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

/**
 * Two letters on Mon 2 Nov 08:00 UTC: the township leads one and never acknowledges it (due 08:30);
 * the department leads the other. The scanner runs only on 30 Nov, four weeks later: the miss still
 * belongs to the week of 2 Nov, when it was due.
 */
describe.runIf(hasBrowser)('the dashboard: every figure opens its cases', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    world.time.set('2026-11-02T08:00:00.000Z');
    const open = async (title: string, unitId: string, urgency: string) => {
      const opened = expectStatus<{ id: string }>(
        await world.as('coordinator', {
          method: 'POST',
          url: '/api/v1/cases',
          payload: { kind: 'individual', channel: 'letter', category: 'wage-arrears', urgency, title, description: '八月起未发工资。' },
        }),
        201,
      );
      expectStatus(await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${opened.id}/assignments`, payload: { unitId, role: 'lead' } }), 201);
      return opened.id;
    };
    await open('城关镇工地欠薪', world.units.township.id, 'urgent');
    await open('社保补缴', world.units.department.id, 'normal');
    world.time.set('2026-11-30T02:00:00.000Z');
    expect((await scanDeadlines(world.ctx)).missed).toBeGreaterThan(0);
  });
  afterAll(() => harness.close());

  it('charts a miss in the week it was due, and opens the queue and the report behind each figure (zh, 1440 px)', async () => {
    const { base, world } = harness;
    const page = await (await harness.context({ width: 1440 })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');
    await page.getByRole('link', { name: '统计', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '统计' }).waitFor();

    // The weekly misses, as a table: the week of 2 Nov has them, the week of 30 Nov (when found) none.
    const missed = page.locator('figure').filter({ has: page.getByRole('heading', { name: '每周逾期数' }) });
    await missed.getByText('查看数据').click();
    const weekRow = (label: RegExp) => missed.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: label }) });
    expect(Number(await weekRow(/11月2日/).locator('td').innerText())).toBeGreaterThan(0);
    expect(await weekRow(/11月30日/).locator('td').innerText()).toBe('0');
    await page.screenshot({ path: screenshotPath('web-dashboard-zh-1440'), fullPage: true });

    // The accountability table fits the page at 1440 px, and offers its printable page for the same period.
    const scroller = page.locator('.accountability .table-scroll');
    await scroller.waitFor();
    expect(await scroller.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    const printable = await page.getByRole('link', { name: '打印版报告' }).getAttribute('href');
    expect(printable).toMatch(/^\/reports\/accountability\?from=.+&to=.+&lang=zh$/);

    // A week of misses opens the accountability table for that week.
    await weekRow(/11月2日/).getByRole('link').click();
    await expect.poll(() => new URL(page.url()).search).toBe('?from=2026-11-02&to=2026-11-08');
    await expect.poll(() => page.getByLabel('起始日期').inputValue()).toBe('2026-11-02');
    const township = page.locator('.accountability-table tbody tr').filter({ has: page.getByRole('rowheader', { name: '城关镇' }) });
    await township.waitFor();

    // The overdue tile opens the queue filtered to overdue cases: as many as the tile says.
    await page.goto(`${base}/dashboard`);
    const overdue = page.locator('.tile').filter({ hasText: '已逾期' });
    const count = Number(await overdue.locator('.tile-value').innerText());
    expect(count).toBe(2);
    await overdue.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: '案件列表' }).waitFor();
    expect(new URL(page.url()).search).toBe('?overdue=true');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(count);
    expect(await page.getByLabel('只看逾期').isChecked()).toBe(true);

    // A unit's bar (here its row in the chart's table) opens the cases it leads.
    await page.goto(`${base}/dashboard`);
    const byUnit = page.locator('figure').filter({ has: page.getByRole('heading', { name: '各牵头单位在办案件' }) });
    await byUnit.getByText('查看数据').click();
    await byUnit.getByRole('link', { name: '城关镇' }).click();
    await page.getByRole('heading', { level: 1, name: '案件列表' }).waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ stage: 'open', unit: world.units.township.id, role: 'lead' });
    await page.getByRole('link', { name: '城关镇工地欠薪' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.getByLabel('单位承办角色').inputValue()).toBe('lead');
    await page.screenshot({ path: screenshotPath('web-queue-from-dashboard-zh') });
    expect(problems).toEqual([]);
  });

  it('reads the same at 375 px in English, the table scrolling inside its card', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB', width: 375 })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.goto(`${base}/dashboard?from=2026-11-02&to=2026-11-08`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Printable report' }).waitFor();
    await page.locator('.accountability-table').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: screenshotPath('web-dashboard-en-375'), fullPage: true });

    // The same period's report downloads as CSV, its head in English.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('accountability-2026-11-02-2026-11-08.csv');
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += String(chunk);
    expect(csv.split('\n')[0]).toMatch(/unit/i);
    expect(problems).toEqual([]);
  });
});
