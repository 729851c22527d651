import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { appPages } from '../src/pages.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

describe.runIf(hasBrowser)('the staff web app: every page survives a reload and a bookmark', () => {
  let harness: Harness;
  let caseId: string;
  beforeAll(async () => {
    // Signing in with a second factor is walked in accounts.browser.test.ts; here the admin only visits pages.
    harness = await startHarness({ adminTotpRequired: false });
    const opened = expectStatus<{ id: string }>(
      await harness.world.as('coordinator', {
        method: 'POST',
        url: '/api/v1/cases',
        payload: { kind: 'individual', channel: 'letter', category: 'wage-arrears', title: '拖欠工资', description: '八月起未发工资。' },
      }),
      201,
    );
    caseId = opened.id;
  });
  afterAll(() => harness.close());

  it('reloads each page of the router as itself, never as raw JSON', async () => {
    const { base, world } = harness;
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'admin@county.test', 'zh');
    // A published plan cannot be edited: its editor page says so (an h2), which is that page loading.
    const urls = Object.values(appPages)
      .filter((path) => path !== appPages.signIn)
      .map((path) => (path.startsWith('/plans/') ? path.replace(':id', world.planId) : path.replace(':id', caseId)))
      .map((path) => path.replace(':page', 'users'));
    // `/admin` opens the first admin page the admin may see.
    const landsOn = (url: string) => (url === appPages.admin ? '/admin/users' : url);
    expect(urls).toContain('/notifications');
    for (const url of urls) {
      // A bookmark: typed into a fresh tab; then a reload of the same page.
      await page.goto(`${base}${url}`);
      await page.locator('main').locator('h1, h2').first().waitFor().catch(async () => {
        throw new Error(`${url}: no heading; the page says ${await page.locator('body').innerText()}`);
      });
      await page.reload();
      const heading = page.locator('main').locator('h1, h2').first();
      await heading.waitFor();
      expect(await page.locator('body').innerText(), url).not.toContain('No route');
      expect(await heading.innerText(), url).not.toBe('未找到');
      expect(new URL(page.url()).pathname, url).toBe(landsOn(url));
    }
    await page.goto(`${base}/notifications`);
    await page.reload();
    await page.screenshot({ path: screenshotPath('web-notifications-reloaded-zh') });
    expect(problems).toEqual([]);
    // Every page of the app is opened twice (bookmark, reload): more pages than one test's default time.
  }, 120_000);

  it('shows its own “not found” page for an unknown path, in the reader’s language, and keeps JSON for the API', async () => {
    const { base } = harness;
    for (const [language, title, back] of [
      ['zh', '未找到', '返回案件列表'],
      ['en', 'Not found', 'Back to the case queue'],
    ] as const) {
      const context = await harness.context({ locale: language === 'zh' ? 'zh-CN' : 'en-GB', width: language === 'zh' ? 1440 : 375 });
      const page = await context.newPage();
      const problems = watchForErrors(page, [404]);
      await signIn(page, base, 'coordinator@county.test', language);
      const response = await page.goto(`${base}/no-such-page/here`);
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('link', { name: back }).waitFor();
      await page.screenshot({ path: screenshotPath(`web-not-found-${language}`) });
      const api = await page.goto(`${base}/api/v1/no-such-thing`);
      expect(api?.status()).toBe(404);
      expect(await api?.json()).toMatchObject({ error: { code: 'not_found' } });
      expect(problems).toEqual([]);
    }
  });
});
