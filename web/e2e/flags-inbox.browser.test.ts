import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { form } from '../../test/public.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

interface Opened {
  id: string;
  reference: string;
}

const spamTitle = '低价药品优惠信息';
const letterTitle = '建筑工地拖欠农民工工资';

describe.runIf(hasBrowser)('the staff web app: flags, the notification inbox, objections and rerouting', () => {
  let harness: Harness;
  let letter: Opened;
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    // From the public side: the portal's form with its hidden honeypot field filled in, as software does.
    const submitted = await world.app.inject({
      method: 'POST',
      url: '/petition/new',
      ...form({ lang: 'zh', kind: 'individual', category: 'wage-arrears', title: spamTitle, description: '点击链接购买。', website: 'http://cheap-pills.example' }),
    });
    // Filed: the portal redirects to the receipt.
    expect(submitted.statusCode).toBe(303);
    letter = expectStatus<Opened>(
      await world.as('coordinator', {
        method: 'POST',
        url: '/api/v1/cases',
        payload: { kind: 'individual', channel: 'letter', category: 'wage-arrears', title: letterTitle, description: '承包商自八月起未发工资。' },
      }),
      201,
    );
    expectStatus(await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${letter.id}/assignments`, payload: { unitId: world.units.township.id, role: 'lead' } }), 201);
  });
  afterAll(() => harness.close());

  it('flags a honeypot petition in the queue and on its page, and the office clears the flag after checking', async () => {
    const { base } = harness;
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');

    const row = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: spamTitle }) });
    await row.getByText('疑似垃圾信息').waitFor();
    await page.screenshot({ path: screenshotPath('web-queue-flagged-zh') });
    await row.getByRole('link', { name: spamTitle }).click();
    await page.getByRole('heading', { level: 1, name: spamTitle }).waitFor();
    await page.locator('.case-badges').getByText('疑似垃圾信息').waitFor();
    await page.getByRole('heading', { level: 2, name: '待核查标记' }).waitFor();
    await page.screenshot({ path: screenshotPath('web-case-flagged-zh') });

    await page.getByRole('button', { name: '已核查，清除标记' }).click();
    await page.getByText('已清除标记“疑似垃圾信息”。').waitFor();
    await page.locator('.timeline').getByText('已清除标记：疑似垃圾信息').waitFor();
    expect(await page.locator('.case-badges .flag').count()).toBe(0);

    await page.getByRole('link', { name: '案件', exact: true }).click();
    await row.getByRole('link', { name: spamTitle }).waitFor();
    // The queue may first show the page it had, then its refetch: the flag is gone once that arrives.
    await expect.poll(() => row.locator('.flag').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('tells the office when a unit objects, and the office reroutes the case to another unit', async () => {
    const { base, world } = harness;
    const office = await (await harness.context()).newPage();
    const officeProblems = watchForErrors(office);
    await signIn(office, base, 'coordinator@county.test', 'zh');
    const bell = office.locator('a.bell');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知：无未读');

    // The township's officer, on a phone, in English: the case is outside the township's remit.
    const phone = await (await harness.context({ locale: 'en-GB', width: 375 })).newPage();
    const phoneProblems = watchForErrors(phone);
    await signIn(phone, base, 'officer@county.test', 'en');
    await phone.getByRole('link', { name: letterTitle }).click();
    await phone.getByRole('heading', { level: 1, name: letterTitle }).waitFor();
    await phone.getByText(/^May object until /).waitFor();
    await phone.getByRole('button', { name: 'Object: outside our remit' }).click();
    await phone.getByLabel('Why the case is outside your unit’s remit').fill('Wage arrears are for the human resources bureau.');
    await phone.getByRole('button', { name: 'Send the objection' }).click();
    await phone.locator('.objection-made').getByText('Wage arrears are for the human resources bureau.').waitFor();
    expect(await phone.getByRole('button', { name: 'Object: outside our remit' }).count()).toBe(0);
    const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: screenshotPath('web-objection-375'), fullPage: true });

    // The office's bell counts it within moments, without a reload; the inbox shows it.
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 3_000 }).toBe('通知：1 条未读');
    await expect(office.locator('.bell-count').textContent()).resolves.toBe('1');
    await bell.click();
    await office.getByRole('heading', { level: 1, name: '通知' }).waitFor();
    const subject = `【异议】${letter.reference} 城关镇提出不属于本单位职责`;
    const item = office.locator('.inbox-item').filter({ hasText: subject });
    await item.getByText('未读').waitFor();
    await office.screenshot({ path: screenshotPath('web-inbox-zh'), fullPage: true });
    await item.getByRole('link', { name: subject }).click();
    await office.getByRole('heading', { level: 1, name: letterTitle }).waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知：无未读');

    // Rerouting: the township is greyed out as rerouted, the department has the case now.
    await office.locator('.objection-made').getByText('Wage arrears are for the human resources bureau.').waitFor();
    await office.getByRole('button', { name: '改派给…' }).click();
    await office.getByLabel('改派给单位').selectOption({ label: '县人社局' });
    await office.getByRole('button', { name: '改派', exact: true }).click();
    const released = office.locator('.assignment-released');
    await released.getByText('城关镇', { exact: true }).waitFor();
    await released.getByText('已改派', { exact: true }).waitFor();
    await office.locator('.assignment:not(.assignment-released) .assignment-unit').getByText('县人社局', { exact: true }).waitFor();
    await office.locator('.timeline').getByText('由城关镇改派给县人社局').waitFor();
    await office.screenshot({ path: screenshotPath('web-rerouted-zh'), fullPage: true });

    // The township no longer sees the case; the department does.
    await phone.goto(`${base}/`);
    await phone.getByText('No cases match these filters.').waitFor();
    // Its own inbox (the assignment it was told of) fits a phone too.
    await phone.locator('a.bell').click();
    await phone.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await phone.locator('.inbox-item').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    const department = expectStatus<{ items: { id: string }[] }>(await world.as('otherOfficer', { method: 'GET', url: '/api/v1/cases' }), 200);
    expect(department.items.map((each) => each.id)).toContain(letter.id);
    expect(officeProblems).toEqual([]);
    expect(phoneProblems).toEqual([]);
  });
});
