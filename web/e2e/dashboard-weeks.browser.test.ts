import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

/**
 * Letters received in the weeks of 16 and 23 November (Asia/Shanghai weeks, Monday to Sunday), two of
 * them a minute apart across the local midnight that ends the week of 16 Nov; one case is closed on
 * 30 Nov. The dashboard's received/closed bars open the queue of exactly those cases.
 */
describe.runIf(hasBrowser)("the dashboard's weekly bars open the cases received, or closed, in that week", () => {
  let harness: Harness;
  const weekOf16 = ['十六日周一来信', '周三来信', '周日深夜来信'];
  const weekOf23 = ['周一零点来信', '二十五日来信'];
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    world.time.set('2026-11-30T02:00:00.000Z');
    const open = async (title: string, receivedAt: string) =>
      expectStatus<{ id: string }>(
        await world.as('coordinator', {
          method: 'POST',
          url: '/api/v1/cases',
          payload: { kind: 'individual', channel: 'letter', category: 'wage-arrears', title, description: '八月起未发工资。', receivedAt },
        }),
        201,
      ).id;
    // 16 Nov 00:00 in Shanghai is 15 Nov 16:00 UTC; 22 Nov 23:59 there is 15:59 UTC, still the week of 16 Nov.
    await open(weekOf16[0] ?? '', '2026-11-15T16:00:00.000Z');
    await open(weekOf16[1] ?? '', '2026-11-18T03:00:00.000Z');
    await open(weekOf16[2] ?? '', '2026-11-22T15:59:00.000Z');
    await open(weekOf23[0] ?? '', '2026-11-22T16:00:00.000Z');
    const closing = await open(weekOf23[1] ?? '', '2026-11-25T01:00:00.000Z');
    for (const [path, payload] of [
      ['assignments', { unitId: world.units.township.id, role: 'lead' }],
      ['transitions', { to: 'resolution' }],
      ['answers', { body: '已全额发放。' }],
      ['transitions', { to: 'closed' }],
    ] as const) {
      expect((await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${closing}/${path}`, payload })).statusCode).toBeLessThan(300);
    }
  });
  afterAll(() => harness.close());

  it('clicks the week of 16 Nov: the queue lists exactly its three letters, says so, and clears it; the closed bar opens the closed case', async () => {
    const { base } = harness;
    const page = await (await harness.context({ width: 1440, locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'en');
    const titles = async () => (await page.locator('table.queue tbody td.queue-title a').allInnerTexts()).sort();

    // The bars of one series (by its colour), left to right; a week with none has no bar at all.
    const bars = async (fill: string) => {
      await page.goto(`${base}/dashboard`);
      const figure = page.locator('figure').filter({ has: page.getByRole('heading', { name: 'Received and closed per week' }) });
      const series = figure.locator(`.recharts-bar-rectangle path[fill="${fill}"]`);
      await series.first().waitFor({ timeout: 15_000 });
      return series;
    };
    const received = () => bars('#1d4f91');
    const closed = () => bars('#2a9d8f');
    // Letters came in the weeks of 16 and 23 Nov only: the first bar is the week of 16 Nov.
    await expect.poll(async () => (await received()).count()).toBe(2);
    await (await received()).nth(0).click();
    await page.getByRole('heading', { level: 1, name: 'Case queue' }).waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      receivedFrom: '2026-11-15T16:00:00.000Z',
      receivedTo: '2026-11-22T16:00:00.000Z',
    });
    await expect.poll(titles).toEqual([...weekOf16].sort());
    const period = page.locator('#queue-received-period');
    await expect(period.innerText()).resolves.toContain('Received 16 Nov 2026 – 22 Nov 2026');
    await page.screenshot({ path: screenshotPath('web-queue-week-from-dashboard-en') });
    await period.getByRole('button', { name: 'Any date' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect.poll(titles).toEqual([...weekOf16, ...weekOf23].sort());

    // The week of 23 Nov by its bar too: the letter at local midnight is in it, the one a minute before is not.
    await (await received()).nth(1).click();
    await page.getByRole('heading', { level: 1, name: 'Case queue' }).waitFor();
    await expect.poll(titles).toEqual([...weekOf23].sort());

    // The closed bar of this week opens the one case closed in it.
    await (await closed()).nth(0).click();
    await page.getByRole('heading', { level: 1, name: 'Case queue' }).waitFor();
    expect(new URL(page.url()).searchParams.get('closedFrom')).toBe('2026-11-29T16:00:00.000Z');
    await expect.poll(titles).toEqual([weekOf23[1]]);
    await expect(page.locator('#queue-closed-period').innerText()).resolves.toContain('Closed 30 Nov 2026 – 6 Dec 2026');
    expect(problems).toEqual([]);
  }, 90_000);
});
