import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

/** What a signed-in page's live timeline shows, read without waiting. */
const timelineText = (page: Page) => page.locator('.timeline').innerText();

describe.runIf(hasBrowser)('a collective visit, from the counter to closing, through the web app alone', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('is registered and worked by the petition office in Chinese and the township in English, live', async () => {
    const { base } = harness;
    const office = await (await harness.context({ locale: 'zh-CN' })).newPage();
    const township = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = [...watchForErrors(office), ...watchForErrors(township)];

    // The coordinator registers the visit at the counter; the server's own message marks the missing title.
    await signIn(office, base, 'coordinator@county.test', 'zh');
    await office.getByRole('link', { name: '登记案件' }).first().click();
    await office.getByRole('heading', { level: 1, name: '登记案件' }).waitFor();
    await office.getByLabel('类别').selectOption({ label: '拖欠工资' });
    await office.getByRole('radio', { name: '紧急' }).check();
    await office.getByLabel('反映的问题').fill('四十名农民工在县政府门前聚集，反映建筑工地拖欠三个月工资。');
    await office.getByLabel('地点').fill('县政府东门');
    await office.getByLabel('人数').fill('40');
    for (const [index, name] of ['李明', '王芳', '赵强'].entries()) {
      await office.getByRole('button', { name: '添加代表' }).click();
      await office.getByLabel(`代表 ${index + 1}：姓名`).fill(name);
      await office.getByLabel(`代表 ${index + 1}：联系方式`).fill(`1390000000${index}`);
    }
    await office.getByRole('button', { name: '登记', exact: true }).click();
    const titleField = office.getByLabel('标题');
    await expect.poll(() => titleField.getAttribute('aria-invalid')).toBe('true');
    // The server's field error, worded in the reader's language: no English from the server.
    const fieldError = await office.locator('.field-invalid .field-error').innerText();
    expect(fieldError).toContain('此项为必填项');
    expect(fieldError).not.toMatch(/[A-Za-z]/);
    await titleField.fill('建筑工地40名农民工追讨拖欠工资');
    await office.getByRole('button', { name: '登记', exact: true }).click();
    await office.getByRole('heading', { level: 1, name: '建筑工地40名农民工追讨拖欠工资' }).waitFor();
    const caseUrl = office.url();
    expect(caseUrl).toMatch(/\/cases\/[0-9a-f-]{36}$/);
    await expect(office.locator('.case-badges').innerText()).resolves.toContain('接待');
    await expect(office.locator('.people').innerText()).resolves.toContain('王芳');

    // The office assigns the township as the lead unit.
    await office.getByRole('combobox', { name: '单位', exact: true }).selectOption({ label: '城关镇' });
    await office.getByRole('button', { name: '交办并通知' }).click();
    await office.locator('.assignment').filter({ hasText: '城关镇' }).waitFor();

    // The township officer, in English, finds it in the queue and opens it from the keyboard.
    await signIn(township, base, 'officer@county.test', 'en');
    await township.getByRole('link', { name: '建筑工地40名农民工追讨拖欠工资' }).waitFor();
    await township.keyboard.press('j');
    await township.keyboard.press('Enter');
    await township.getByRole('heading', { level: 1, name: '建筑工地40名农民工追讨拖欠工资' }).waitFor();
    expect(township.url()).toBe(caseUrl);

    // Each thing the township records shows on the office's screen within two seconds, unreloaded.
    await township.getByRole('button', { name: 'Acknowledge' }).click();
    // On scene asks when the unit really arrived, now by default.
    await township.getByRole('button', { name: 'On scene' }).click();
    await township.getByRole('button', { name: 'Record the arrival' }).click();
    await township.locator('.timeline').getByText(/Chengguan township arrived on scene at .+/).waitFor();
    await office.locator('.timeline').getByText(/城关镇于 .+ 到场/).waitFor({ timeout: 2_000 });
    await township.getByLabel('Receive the people warmly', { exact: false }).check();
    await township.getByText(/Done by unit_officer officer/).waitFor();
    await office.getByText(/unit_officer officer 于 .* 完成/).waitFor({ timeout: 2_000 });

    // The office accepts the case for a decision; the decision itself is the reason for resolution.
    await office.getByRole('button', { name: '转入决策' }).click();
    await office.getByRole('button', { name: '确认转入决策' }).click();
    await expect.poll(() => office.locator('.case-badges').innerText()).toContain('决策');
    await office.getByRole('button', { name: '转入落实' }).click();
    await office.getByRole('button', { name: '确认转入落实' }).click();
    await office.getByText('此操作须填写理由。').waitFor();
    await office.getByLabel('决策意见').fill('由县人社局牵头督促施工单位十日内结清工资。');
    await office.getByRole('button', { name: '确认转入落实' }).click();
    await expect.poll(() => office.locator('.case-badges').innerText()).toContain('落实');
    await expect.poll(() => township.locator('.case-badges').innerText()).toContain('Resolution');

    // The township meets the representatives and gives the written answer.
    await township.getByRole('button', { name: 'Record a meeting' }).click();
    await township.getByRole('textbox', { name: /^Who attended/ }).fill('Township head, petition office, the three representatives');
    await township.getByRole('textbox', { name: /^What was discussed/ }).fill('Agreed a schedule for paying the wages.');
    await township.getByRole('textbox', { name: /^Commitments made/ }).fill('Wages paid within ten days\nWeekly progress call with the representatives');
    await township.getByRole('button', { name: 'Save the meeting' }).click();
    await township.getByText('Weekly progress call with the representatives').waitFor();
    await township.getByRole('textbox', { name: /^The written answer/ }).fill('经核实，施工单位已承诺十日内结清全部拖欠工资，县人社局负责督办。');
    await township.getByRole('button', { name: 'Give the answer' }).click();
    await township.locator('.record').getByText('经核实').first().waitFor();

    // The office closes the case; the timeline holds every step, with who and when.
    await office.getByRole('button', { name: '转入已办结' }).click();
    await office.getByRole('button', { name: '确认转入已办结' }).click();
    await expect.poll(() => office.locator('.case-badges').innerText()).toContain('已办结');
    // The timeline is fetched again just after an action's answer shows.
    await expect.poll(() => timelineText(office)).toContain('由落实转入已办结');
    const timeline = await timelineText(office);
    for (const line of ['登记案件', '交办城关镇（牵头）并通知', '城关镇已签收', '城关镇于', '由接待转入决策', '由决策转入落实', '记录与群众代表的会谈', '作出书面答复', '由落实转入已办结']) {
      expect(timeline).toContain(line);
    }
    await expect.poll(() => timelineText(township)).toContain('Moved from Resolution to Closed');
    await office.screenshot({ path: screenshotPath('web-case-zh'), fullPage: true });
    await township.screenshot({ path: screenshotPath('web-case-en'), fullPage: true });

    await office.goto(`${base}/`);
    await office.getByRole('link', { name: '建筑工地40名农民工追讨拖欠工资' }).waitFor();
    await office.screenshot({ path: screenshotPath('web-queue-zh'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('keeps a unit officer out of another unit’s case, with a clear message', async () => {
    const { base, world } = harness;
    const opened = await world.as('coordinator', {
      method: 'POST',
      url: '/api/v1/cases',
      payload: { kind: 'individual', channel: 'letter', category: 'housing', title: '安置房漏水', description: '安置房屋顶漏水半年未修。' },
    });
    const caseId = opened.json<{ id: string }>().id;
    await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${caseId}/assignments`, payload: { unitId: world.units.township.id, role: 'lead' } });

    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page, [403]);
    await signIn(page, base, 'other@county.test', 'en');
    await expect(page.locator('main').innerText()).resolves.not.toContain('安置房漏水');
    await page.goto(`${base}/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'You cannot open this case' }).waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('not assigned to your unit');
    await expect(page.locator('main').innerText()).resolves.not.toContain('安置房漏水');
    expect(problems).toEqual([]);
  });
});
