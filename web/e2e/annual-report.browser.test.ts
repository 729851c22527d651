import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

/**
 * The annual report's staff page (Art. 41): three petitions in November 2026 — two letters and a
 * visit, all on wage arrears, the township leading two — read on 1 December, the year not yet over.
 */
describe.runIf(hasBrowser)('the annual report page', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    world.time.set('2026-11-02T08:00:00.000Z');
    for (const [channel, title, unitId] of [
      ['letter', '城关镇工地欠薪', world.units.township.id],
      ['letter', '东街工地欠薪', world.units.township.id],
      ['visit', '社保补缴', world.units.department.id],
    ] as const) {
      const opened = expectStatus<{ id: string }>(
        await world.as('coordinator', {
          method: 'POST',
          url: '/api/v1/cases',
          payload: { kind: 'individual', channel, category: 'wage-arrears', urgency: 'normal', title, description: '八月起未发工资。' },
        }),
        201,
      );
      expectStatus(await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${opened.id}/assignments`, payload: { unitId, role: 'lead' } }), 201);
    }
    world.time.set('2026-12-01T02:00:00.000Z');
  });
  afterAll(() => harness.close());

  it('opens from the dashboard, shows the year’s figures in every section, prints without the app’s frame and downloads the PDF (en)', async () => {
    const { base, world } = harness;
    const page = await (await harness.context({ width: 1280, locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'leader@county.test', 'en');
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('link', { name: 'Annual report (Article 41)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Annual report' }).waitFor();

    // This year by default, so far.
    await expect(page.getByLabel('Year').inputValue()).resolves.toBe('2026');
    await page.getByRole('heading', { name: 'Annual report on petition work, 2026' }).waitFor();
    await expect(page.locator('#so-far').textContent()).resolves.toBe('The year is not over: the figures are as of 1 Dec 2026.');
    const headings = await page.locator('.annual-section h3').allTextContents();
    expect(headings).toEqual([
      '1. Petitions received',
      '2. Accepted and concluded',
      '3. Reviews',
      '4. Units with the most petitions',
      '5. Transfers and assignments',
      '6. Supervision',
      '7. Suggestions and their adoption',
    ]);
    const row = (table: string, label: string) => page.locator(`table[data-table="${table}"] tbody tr`).filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    await expect(row('total', 'Received').locator('td').allTextContents()).resolves.toEqual(['3']);
    await expect(row('byChannel', 'Letter').locator('td').allTextContents()).resolves.toEqual(['2', '67%']);
    await expect(row('byChannel', 'Visit in person').locator('td').allTextContents()).resolves.toEqual(['1', '33%']);
    await expect(row('byCategory', 'Wage arrears').locator('td').allTextContents()).resolves.toEqual(['3', '100%']);
    await expect(row('bodies', world.units.township.nameEn ?? '').locator('td').first().textContent()).resolves.toBe('2');
    await expect(row('supervision', 'Put under supervision').locator('td').allTextContents()).resolves.toEqual(['0', '0']);
    await page.screenshot({ path: screenshotPath('web-annual-report-en-1280'), fullPage: true });

    // The PDF link answers a PDF, for the year shown, in each language.
    const href = (await page.locator('#pdf-en').getAttribute('href')) ?? '';
    expect(href).toBe('/api/v1/reports/annual.pdf?year=2026&lang=en');
    for (const link of ['#pdf-en', '#pdf-zh']) {
      const answer = await page.request.get(`${base}${(await page.locator(link).getAttribute('href')) ?? ''}`);
      expect(answer.status()).toBe(200);
      expect(answer.headers()['content-type']).toBe('application/pdf');
      expect((await answer.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }

    // On paper: the report alone, without the header, the year's form or the buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('form.annual-year').isVisible()).resolves.toBe(false);
    await expect(page.locator('#pdf-en').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('heading', { name: 'Annual report on petition work, 2026' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('web-annual-report-print-en'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // A year that has not begun is refused beside the field, in the user's words; an earlier year reads as complete.
    await page.getByLabel('Year').fill('2027');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.locator('.field-error').textContent()).resolves.toContain('The year 2027 has not begun; the latest annual report is for 2026.');
    expect(new URL(page.url()).searchParams.get('year')).toBe('2027');
    await page.getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: 'Annual report on petition work, 2025' }).waitFor();
    await expect(page.locator('#so-far').count()).resolves.toBe(0);
    await expect(row('total', 'Received').locator('td').allTextContents()).resolves.toEqual(['0']);
    expect(problems).toEqual([]);
  });

  it('speaks Chinese, and a bookmark of a year opens that year', async () => {
    const { base } = harness;
    const page = await (await harness.context({ width: 390 })).newPage();
    await signIn(page, base, 'coordinator@county.test', 'zh');
    await page.goto(`${base}/dashboard/annual-report?year=2026`);
    await page.getByRole('heading', { name: '2026年度信访工作报告' }).waitFor();
    await expect(page.locator('.annual-section h3').first().textContent()).resolves.toBe('一、受理信访事项总体情况');
    const letters = page.locator('table[data-table="byChannel"] tbody tr').filter({ has: page.getByRole('rowheader', { name: '来信', exact: true }) });
    await expect(letters.locator('td').allTextContents()).resolves.toEqual(['2', '67%']);
    await expect(page.getByRole('link', { name: '下载 PDF（中文）' }).getAttribute('href')).resolves.toBe('/api/v1/reports/annual.pdf?year=2026&lang=zh');
    await page.screenshot({ path: screenshotPath('web-annual-report-zh-390'), fullPage: true });
  });
});
