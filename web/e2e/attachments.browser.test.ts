import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { executable, photoWithLocation, scannedPdf } from '../../test/uploads.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

describe.runIf(hasBrowser)('attachments: a letter registered with its scan, the case page, the portal', () => {
  let harness: Harness;
  let caseId = '';
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('registers a letter with its scan and a photo, shows the receipt, lists and downloads them on the case page (zh)', async () => {
    const { base, world } = harness;
    const letter = scannedPdf('来信 11月1日');
    const photo = await photoWithLocation('jpeg');
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');
    await page.goto(`${base}/cases/new`);
    await page.getByRole('heading', { level: 1, name: '登记案件' }).waitFor();
    await page.getByLabel('个人信访').check();
    await page.getByLabel('信访渠道').selectOption({ label: '来信' });
    await page.getByLabel('类别').selectOption({ label: '拖欠工资' });
    await page.getByLabel('标题').fill('来信反映工地拖欠工资');
    await page.getByLabel('反映的问题').fill('来信称八月起未发工资，附工资条照片。');

    // A program named as a PDF is said at once, by its name, and nothing is registered while it is chosen.
    const files = page.getByLabel(/^文件/);
    await files.setInputFiles([{ name: 'letter.pdf', mimeType: 'application/pdf', buffer: executable() }]);
    await page.getByText('letter.pdf：此文件不是 PDF、JPEG、PNG 或 WebP 格式，请扫描或另存为其中一种。').waitFor();
    const before = await world.ctx.db.selectFrom('cases').select('id').execute();
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('letter.pdf：此文件不是').waitFor();
    expect(await world.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);

    await files.setInputFiles([
      { name: '来信扫描.pdf', mimeType: 'application/pdf', buffer: letter },
      { name: 'payslip.jpg', mimeType: 'image/jpeg', buffer: photo },
    ]);
    expect(await page.locator('.field-error').count()).toBe(0);
    await page.getByRole('button', { name: '登记', exact: true }).click();

    // The receipt: the reference, and the files received with their kind and size as stored.
    const receipt = page.locator('.registration-receipt');
    await receipt.getByText('随件收到文件 2 个：').waitFor();
    const rows = await receipt.locator('tbody tr').allInnerTexts();
    expect(rows[0]?.split('\t')).toEqual(['来信扫描.pdf', 'PDF', `${letter.length} B`]);
    expect(rows[1]?.split('\t').slice(0, 2)).toEqual(['payslip.jpg', 'JPEG']);
    await page.screenshot({ path: screenshotPath('web-register-receipt-zh-1280'), fullPage: true });

    caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    // The case page's panel lists them: who, when, and that the petitioner sees them.
    const panel = page.locator('section.attachments');
    const listed = panel.locator('tbody tr');
    await expect.poll(() => listed.count()).toBe(2);
    const first = (await listed.first().innerText()).split('\t');
    expect([first[0], first[1], first[3], first[5]]).toEqual(['来信扫描.pdf', 'PDF', 'coordinator coordinator', '可见']);
    await page.locator('.timeline').getByText('添加附件 2 个').waitFor();

    // Downloading with the page's own session gives the very bytes that were scanned, and the download is audited.
    const href = (await panel.getByRole('link', { name: '来信扫描.pdf' }).getAttribute('href')) ?? '';
    const download = await page.request.get(`${base}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await download.body()).equals(letter)).toBe(true);
    const audits = await world.ctx.db.selectFrom('audit_entries').select('actor_id').where('action', '=', 'case.attachment.download').execute();
    expect(audits.map((entry) => entry.actor_id)).toEqual([world.users.coordinator.id]);
    expect(problems).toEqual([]);
  });

  it('attaches an internal file from the case page and says the server’s refusal of a damaged image (en)', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.goto(`${base}/cases/${caseId}`);
    const panel = page.locator('section.attachments');
    await panel.getByRole('heading', { level: 2, name: 'Attachments' }).waitFor();
    await panel.getByText('at most 10 MB each and 20 per case (room for 18 more)').waitFor();

    // A PNG in name and first bytes whose picture is damaged: only the server can tell, and its refusal is said in English.
    const broken = Buffer.concat([(await photoWithLocation('png')).subarray(0, 40), Buffer.alloc(40)]);
    await panel.getByLabel('Files to attach').setInputFiles([{ name: 'site.png', mimeType: 'image/png', buffer: broken }]);
    await panel.getByRole('button', { name: 'Attach the files' }).click();
    await panel.getByText('This image cannot be read; it may be damaged.').waitFor();
    expect(await panel.locator('tbody tr').count()).toBe(2);

    await panel.getByLabel('Files to attach').setInputFiles([{ name: 'site-visit.png', mimeType: 'image/png', buffer: await photoWithLocation('png') }]);
    await panel.getByLabel('Internal: keep these files from the petitioner').check();
    await panel.getByRole('button', { name: 'Attach the files' }).click();
    await panel.getByText('File attached: site-visit.png.').waitFor();
    const row = panel.locator('tbody tr', { hasText: 'site-visit.png' });
    await row.getByText('Internal').waitFor();
    await page.locator('.timeline').getByText('1 internal file attached (not shown to the petitioner)').waitFor();
    await panel.screenshot({ path: screenshotPath('web-case-attachments-en-1280') });
    expect(problems).toEqual([]);
  });
});
