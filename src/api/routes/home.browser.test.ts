import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, type ApiWorld } from '../../../test/api.js';
import { hasBrowser, launchBrowser, screenshotPath } from '../../../test/browser.js';

describe.runIf(hasBrowser)('the start page in a browser', () => {
  let world: ApiWorld;
  let base: string;
  beforeAll(async () => {
    world = await buildApiWorld('sqlite');
    await world.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => world.dispose());

  it('speaks Chinese by default, switches to English, and links to the API docs', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ locale: 'zh-CN' });
      await page.goto(`${base}/`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Redress 信访事项处置系统');
      await page.getByRole('link', { name: 'English' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('Redress — petitions and grievances');
      await page.screenshot({ path: screenshotPath('start-page-en') });
      await page.getByRole('link', { name: 'API documentation' }).click();
      await page.waitForURL(/\/api\/docs/);
      await page.waitForSelector('.swagger-ui .info', { timeout: 15_000 });
      await expect(page.locator('.swagger-ui .info .title').first().textContent()).resolves.toContain('Redress API');
    } finally {
      await browser.close();
    }
  });
});
