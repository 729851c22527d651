import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

/**
 * Five letters the department leads, received Mon 2 Nov, accepted the next day and answered on
 * 10 Nov; one letter the township leads, the same. Read on 20 Nov: the department's rates show, the
 * township's (one case, under the plan's minimum of five) and the commitments (none) say "too few cases".
 */
describe.runIf(hasBrowser)('the dashboard’s indicators', () => {
  let harness: Harness;
  const references: string[] = [];
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    const as = async (url: string, payload: object, status = 200) =>
      expectStatus<{ id: string; reference: string }>(await world.as('coordinator', { method: 'POST', url, payload }), status);
    const ids: string[] = [];
    world.time.set('2026-11-02T02:00:00.000Z');
    for (const unitId of [...Array<string>(5).fill(world.units.department.id), world.units.township.id]) {
      const opened = await as('/api/v1/cases', { kind: 'individual', channel: 'letter', category: 'wage-arrears', title: '社保补缴', description: '八月起未缴社保。' }, 201);
      await as(`/api/v1/cases/${opened.id}/assignments`, { unitId, role: 'lead' }, 201);
      ids.push(opened.id);
      if (unitId === world.units.department.id) references.push(opened.reference);
    }
    world.time.set('2026-11-03T02:00:00.000Z');
    for (const id of ids) await as(`/api/v1/cases/${id}/transitions`, { to: 'resolution' });
    world.time.set('2026-11-10T02:00:00.000Z');
    for (const id of ids) await as(`/api/v1/cases/${id}/answers`, { body: '已补缴。' }, 201);
    world.time.set('2026-11-20T02:00:00.000Z');
  });
  afterAll(() => harness.close());

  it('shows each indicator with its definition, the rate or "too few cases", and opens the cases behind a figure (zh)', async () => {
    const { base } = harness;
    const page = await (await harness.context({ width: 1440 })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');
    await page.goto(`${base}/dashboard`);
    const section = page.locator('section.indicators');
    await section.getByRole('heading', { name: '各单位指标' }).waitFor();
    const table = section.locator('.indicators-table');
    await table.waitFor();
    // Each indicator's definition stands under its name.
    const header = table.locator('thead th').filter({ hasText: '按期办结率' });
    await expect.poll(() => header.innerText()).toContain('在办理期限内');
    const row = (name: string) => table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name }) });
    const column = 1 + ['timelyAcceptance', 'onTimeConclusion', 'ratingParticipation', 'satisfaction', 'rework', 'commitmentsKept'].indexOf('onTimeConclusion');
    const cell = (name: string, index: number) => row(name).locator('td').nth(index - 1);
    expect(await cell('县人社局', column).innerText()).toMatch(/100\.0%\s*5 件中 5 件/);
    expect(await cell('县人社局', column + 1).innerText()).toMatch(/0\.0%\s*5 件中 0 件/);
    expect(await cell('城关镇', column).innerText()).toMatch(/案件过少\s*1 件中 1 件/);
    expect(await cell('县人社局', column + 3).innerText()).toMatch(/0\.0%\s*5 件中 0 件/);
    expect(await cell('县人社局', column + 4).innerText()).toMatch(/案件过少\s*0 件中 0 件/);
    expect(await cell('合计（全部案件）', column).innerText()).toMatch(/100\.0%\s*6 件中 6 件/);
    await page.screenshot({ path: screenshotPath('web-indicators-zh-1440'), fullPage: true });

    // The department's on-time conclusion opens its five cases, counted and out of.
    await cell('县人社局', column).getByRole('button').click();
    const behind = page.locator('#indicator-cases');
    await behind.getByRole('heading', { name: '县人社局 — 按期办结率' }).waitFor();
    const counted = behind.locator('.indicator-part').first();
    await counted.getByRole('heading', { name: '计入的案件（5）' }).waitFor();
    expect((await counted.getByRole('link').allInnerTexts()).sort()).toEqual([...references].sort());
    await behind.locator('.indicator-part').nth(1).getByRole('heading', { name: '全部案件（5）' }).waitFor();
    // Below the minimum the figure still opens its cases.
    await cell('城关镇', column).getByRole('button').click();
    await behind.getByRole('heading', { name: '城关镇 — 按期办结率' }).waitFor();
    await expect.poll(() => behind.locator('.indicator-part').first().getByRole('link').count()).toBe(1);
    await behind.locator('.indicator-part').first().getByRole('link').click();
    await page.waitForURL(/\/cases\/[^/]+$/);
    expect(problems).toEqual([]);
  });

  it('downloads the CSV with each definition beside its figure (en)', async () => {
    const { base } = harness;
    const page = await (await harness.context({ width: 1280 })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.goto(`${base}/dashboard`);
    const section = page.locator('section.indicators');
    await section.locator('.indicators-table').waitFor();
    expect(await section.innerText()).toContain('No rate is shown over fewer than 5 cases');
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Indicators as CSV' }).click()]);
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += String(chunk);
    const lines = csv.replace(/^\uFEFF/, '').split('\n');
    expect(lines[0]).toMatch(/^Unit,Indicator,Definition,Numerator,Denominator,Rate \(%\),Note/);
    expect(lines.find((line) => line.startsWith('县人社局,On-time conclusion rate,'))).toMatch(/,5,5,100\.0,/);
    expect(lines.find((line) => line.startsWith('城关镇,On-time conclusion rate,'))).toMatch(/,1,1,,Too few cases for a rate,/);
    expect(problems).toEqual([]);
  });
});
