import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiWorld } from '../../../test/api.js';
import { hasBrowser, launchBrowser, screenshotPath } from '../../../test/browser.js';
import { buildPublicWorld, submit } from '../../../test/public.js';
import { multipart, photoWithLocation, scannedPdf } from '../../../test/uploads.js';

describe.runIf(hasBrowser)('files on the petition portal in a browser without JavaScript', () => {
  let world: ApiWorld;
  let base: string;
  beforeAll(async () => {
    world = await buildPublicWorld('sqlite');
    await world.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => world.dispose());

  it('sends a photo from the status page, sees it listed after a reload, downloads it without its location, and never sees an internal file', async () => {
    const receipt = await submit(world);
    const caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id;
    const staff = (name: string, internal: boolean) => {
      const body = multipart([{ name, type: 'application/pdf', bytes: scannedPdf(name) }], internal ? { internal: 'true' } : {});
      return world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, headers: body.headers, payload: body.payload });
    };
    expect((await staff('internal-assessment.pdf', true)).statusCode).toBe(201);

    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB', viewport: { width: 375, height: 800 }, acceptDownloads: true });
      context.setDefaultTimeout(5000);
      const page = await context.newPage();
      await page.goto(`${base}/petition/status?lang=en`);
      await page.getByLabel('Reference').fill(receipt.reference);
      await page.getByLabel('Access code').fill(receipt.accessCode);
      await page.getByRole('button', { name: 'Show progress' }).click();
      await expect(page.locator('#file-list').textContent()).resolves.toBe('No files yet.');

      await page.getByLabel('Files to send').setInputFiles({ name: 'flooded-road.jpg', mimeType: 'image/jpeg', buffer: await photoWithLocation() });
      await page.getByRole('button', { name: 'Send files' }).click();
      await expect(page.locator('#files-added').textContent()).resolves.toBe('Your files have been received.');
      await expect(page.locator('#file-list tbody tr').count()).resolves.toBe(1);
      await page.screenshot({ path: screenshotPath('portal-files-en-375'), fullPage: true });

      // The office shares a file of its own; a reload lists both, and the internal one not at all.
      expect((await staff('site-survey.pdf', false)).statusCode).toBe(201);
      await page.reload();
      await expect(page.locator('#file-list tbody th').allTextContents()).resolves.toEqual(['flooded-road.jpg', 'site-survey.pdf']);
      await expect(page.locator('#file-list tbody tr').first().textContent()).resolves.toContain('Sent by you');
      await expect(page.locator('#file-list tbody tr').last().textContent()).resolves.toContain('From the petition office');
      expect(await page.content()).not.toContain('internal-assessment');
      // A reload after sending shows the page again and sends nothing twice.
      expect(Number((await world.ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow()).n)).toBe(3);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'flooded-road.jpg' }).click()]);
      expect(download.suggestedFilename()).toBe('flooded-road.jpg');
      const saved = await readFile((await download.path()) ?? '');
      const metadata = await sharp(saved).metadata();
      expect([metadata.format, metadata.width, metadata.height, metadata.exif]).toEqual(['jpeg', 8, 6, undefined]);

      await page.getByRole('link', { name: '中文' }).click();
      await expect(page.locator('#files-title').textContent()).resolves.toBe('附件');
      await expect(page.locator('#file-list tbody tr').first().textContent()).resolves.toContain('您提交的');
      await page.screenshot({ path: screenshotPath('portal-files-zh-375'), fullPage: true });
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('files a petition with a scanned letter attached on the submission form', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
      context.setDefaultTimeout(5000);
      const page = await context.newPage();
      await page.goto(`${base}/petition/new`);
      await page.getByLabel('事项类别').selectOption('wage-arrears');
      await page.getByLabel('标题').fill('工地拖欠工资');
      await page.getByLabel('具体情况和诉求').fill('承包商自八月起拖欠工资，附欠条扫描件。');
      await page.getByLabel('材料和照片').setInputFiles({ name: '欠条.pdf', mimeType: 'application/pdf', buffer: scannedPdf('IOU') });
      await page.getByRole('button', { name: '提交' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('您的信访事项已收到');
      const reference = (await page.locator('#reference').textContent()) ?? '';
      const files = await world.ctx.db
        .selectFrom('attachments')
        .innerJoin('cases', 'cases.id', 'attachments.case_id')
        .select(['attachments.media_type', 'attachments.uploaded_via'])
        .where('cases.reference', '=', reference)
        .execute();
      expect(files).toEqual([{ media_type: 'application/pdf', uploaded_via: 'petitioner' }]);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
