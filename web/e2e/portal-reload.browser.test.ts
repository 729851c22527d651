import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { submit } from '../../test/public.js';
import { post } from '../../test/requests.js';
import { startHarness, type Harness } from './harness.js';

describe.runIf(hasBrowser)("the petition portal's forms in a browser: each POST redirects to a page a reload shows again", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('rates and asks for a review; reloading after each sends nothing again, and after the cookie is gone says what to do', async () => {
    const { world, base } = harness;
    const { reference, accessCode } = await submit(world);
    const caseId = (await world.as('coordinator', { method: 'GET', url: `/api/v1/cases?q=${reference}` })).json<{ items: { id: string }[] }>().items[0]?.id ?? '';
    for (const [who, path, body] of [
      ['coordinator', 'assignments', { unitId: world.units.township.id, role: 'lead' }],
      ['coordinator', 'transitions', { to: 'resolution' }],
      ['unit_officer', 'answers', { body: 'Two of the three months were paid on 1 December.' }],
      ['coordinator', 'transitions', { to: 'closed' }],
    ] as const) {
      expect((await post(world, who, `/api/v1/cases/${caseId}/${path}`, body)).statusCode).toBeLessThan(300);
    }
    const count = async (table: 'feedback' | 'reviews') =>
      table === 'feedback'
        ? (await world.ctx.db.selectFrom('feedback').select('id').where('case_id', '=', caseId).execute()).length
        : (await world.as('coordinator', { method: 'GET', url: `/api/v1/cases/${caseId}` })).json<{ reviewCount: number }>().reviewCount;

    const context = await harness.context({ locale: 'en-GB', width: 375 });
    const page = await context.newPage();
    await page.goto(`${base}/petition/status?lang=en`);
    await page.getByLabel('Reference').fill(reference);
    await page.getByLabel('Access code').fill(accessCode);
    await page.getByRole('button', { name: 'Show progress' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Progress of your petition');
    expect(page.url()).toBe(`${base}/petition/progress?lang=en`);
    expect(await page.content()).not.toContain(accessCode);

    await page.getByLabel('2 · Unsatisfied').check();
    await page.getByRole('button', { name: 'Send rating' }).click();
    await expect(page.locator('#feedback-saved').textContent()).resolves.toContain('You can ask for a review below');
    expect(new URL(page.url()).pathname).toBe('/petition/progress');
    await page.reload();
    await expect(page.locator('#feedback-saved').textContent()).resolves.toContain('You can ask for a review below');
    await expect(page.locator('article.answer').textContent()).resolves.toContain('Your rating: 2');
    expect(await page.getByRole('button', { name: 'Send rating' }).count()).toBe(0);
    expect(await count('feedback')).toBe(1);
    await page.screenshot({ path: screenshotPath('portal-rated-reloaded-en-375'), fullPage: true });

    await page.getByLabel('Why you ask for a review').fill('Only two of the three months were paid.');
    await page.getByRole('button', { name: 'Ask for a review' }).click();
    await expect(page.locator('#review-requested').isVisible()).resolves.toBe(true);
    await page.reload();
    await expect(page.locator('#stage strong').textContent()).resolves.toBe('Under review');
    expect(await count('reviews')).toBe(1);

    // The language switch is a link to the same page.
    await page.getByRole('link', { name: '中文' }).click();
    await expect(page.locator('#stage strong').textContent()).resolves.toBe('复查中');

    // The cookie ended (the browser closed, or 30 minutes passed): a reload says what to do.
    await context.clearCookies();
    await page.reload();
    await expect(page.locator('#lookup-error').textContent()).resolves.toContain('请重新输入事项编号和查询码');
    await expect(page.getByLabel('查询码').isVisible()).resolves.toBe(true);
    expect(await page.content()).not.toContain(reference);
    await page.screenshot({ path: screenshotPath('portal-cookie-ended-zh-375'), fullPage: true });
  });
});
