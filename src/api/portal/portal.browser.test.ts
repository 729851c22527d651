import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiWorld } from '../../../test/api.js';
import { hasBrowser, launchBrowser, screenshotPath } from '../../../test/browser.js';
import { buildPublicWorld } from '../../../test/public.js';
import { post } from '../../../test/requests.js';

describe.runIf(hasBrowser)('the petition portal in a browser without JavaScript', () => {
  let world: ApiWorld;
  let base: string;
  beforeAll(async () => {
    world = await buildPublicWorld('sqlite');
    await world.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => world.dispose());

  it('submits a petition with plain forms, reads the receipt, and follows it on the status page', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 375, height: 800 } });
      context.setDefaultTimeout(5000);
      const page = await context.newPage();
      await page.goto(`${base}/petition`);
      await expect(page.locator('h1').textContent()).resolves.toBe('信访事项网上办理');
      await page.getByRole('link', { name: '提交信访事项' }).first().click();

      await page.getByLabel('多人共同诉求（集体）').check();
      await page.getByLabel('事项类别').selectOption('wage-arrears');
      await page.getByLabel('标题').fill('东街工地拖欠十二名工人工资');
      await page.getByLabel('具体情况和诉求').fill('东街学校工地承包商自八月起拖欠十二名工人工资，多次讨要未果。请求责令支付。');
      await page.getByLabel('问题发生地点').fill('城关镇东街学校工地');
      await page.getByLabel('涉及人数').fill('12');
      await page.getByLabel('代表 1 姓名').fill('李明');
      await page.getByLabel('代表 1 联系方式').fill('13900000001');
      await page.locator('#name').fill('李明');
      await page.screenshot({ path: screenshotPath('portal-form-zh-375'), fullPage: true });
      await page.getByRole('button', { name: '提交' }).click();

      await expect(page.locator('h1').textContent()).resolves.toBe('您的信访事项已收到');
      const reference = (await page.locator('#reference').textContent()) ?? '';
      const accessCode = (await page.locator('#access-code').textContent()) ?? '';
      expect(reference).toMatch(/^\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(accessCode).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
      await page.screenshot({ path: screenshotPath('portal-receipt-zh-375'), fullPage: true });

      // A reload of the receipt files nothing again and shows no code, only where the reference is.
      expect(new URL(page.url()).pathname).toMatch(/^\/petition\/receipt\//);
      await page.reload();
      await expect(page.locator('h1').textContent()).resolves.toBe('这张回执已经显示过');
      await expect(page.locator('#reference').textContent()).resolves.toBe(reference);
      expect(await page.content()).not.toContain(accessCode);
      await page.screenshot({ path: screenshotPath('portal-receipt-reloaded-zh-375'), fullPage: true });
      const filed = (await world.as('coordinator', { method: 'GET', url: '/api/v1/cases?limit=100' })).json<{ items: { reference: string; title: string }[] }>();
      expect(filed.items.filter((item) => item.title === '东街工地拖欠十二名工人工资')).toHaveLength(1);

      // The office answers; the petitioner comes back later and types the reference and code by hand.
      const queue = (await world.as('coordinator', { method: 'GET', url: `/api/v1/cases?q=${reference}` })).json<{ items: { id: string }[] }>();
      const caseId = queue.items[0]?.id ?? '';
      for (const [who, path, body] of [
        ['coordinator', 'assignments', { unitId: world.units.township.id, role: 'lead' }],
        ['coordinator', 'transitions', { to: 'resolution' }],
        ['unit_officer', 'answers', { body: '经核实，十二名工人八至十月工资共计十四万元已于今日全额发放。' }],
        ['coordinator', 'transitions', { to: 'closed' }],
      ] as const) {
        expect((await post(world, who, `/api/v1/cases/${caseId}/${path}`, body)).statusCode).toBeLessThan(300);
      }

      const later = await context.newPage();
      await later.goto(`${base}/petition/status?lang=en`);
      await later.getByLabel('Reference').fill(reference.toLowerCase());
      await later.getByLabel('Access code').fill(accessCode.replace(/-/g, ''));
      await later.getByRole('button', { name: 'Show progress' }).click();
      await expect(later.locator('h1').textContent()).resolves.toBe('Progress of your petition');
      await expect(later.locator('#stage strong').textContent()).resolves.toBe('Concluded');
      await expect(later.locator('article.answer').textContent()).resolves.toContain('十四万元');
      expect(await later.content()).not.toContain('13900000001');
      await later.screenshot({ path: screenshotPath('portal-status-en-375'), fullPage: true });

      await later.getByLabel('2 · Unsatisfied').check();
      await later.getByRole('button', { name: 'Send rating' }).click();
      await expect(later.locator('#feedback-saved').textContent()).resolves.toContain('You can ask for a review below');
      await later.getByLabel('Why you ask for a review').fill('Only two of the three months were paid.');
      await later.getByRole('button', { name: 'Ask for a review' }).click();
      await expect(later.locator('#stage strong').textContent()).resolves.toBe('Under review');

      // The language switch is a plain link: the petition is held in the portal's sealed cookie, not in the page.
      await later.getByRole('link', { name: '中文' }).click();
      await expect(later.locator('#stage strong').textContent()).resolves.toBe('复查中');
      await later.screenshot({ path: screenshotPath('portal-status-zh-375'), fullPage: true });
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('lays out the pages at desktop width too, in both languages', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      for (const [path, name] of [
        ['/petition?lang=en', 'portal-home-en'],
        ['/petition/new?lang=en', 'portal-form-en'],
        ['/petition/privacy?lang=zh', 'portal-privacy-zh'],
      ] as const) {
        await page.goto(`${base}${path}`);
        await page.screenshot({ path: screenshotPath(name), fullPage: true });
      }
      await page.goto(`${base}/petition/new?lang=en`);
      await page.getByRole('button', { name: 'Submit' }).click();
      await expect(page.locator('#errors h2').textContent()).resolves.toBe('Please correct the following and submit again:');
      await page.screenshot({ path: screenshotPath('portal-form-errors-en'), fullPage: true });
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
