import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { openLetter, signIn, startHarness, watchForErrors, type Harness } from './harness.js';

const decision = '由人社局牵头，两周内垫付拖欠工资，并约谈施工单位负责人。';
const answer = 'Wages will be paid from the guarantee fund by 20 November.';

describe.runIf(hasBrowser)('the case page when colleagues work on the same case', () => {
  let harness: Harness;
  const opened = { deciding: '', answering: '', steps: '' };
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    opened.deciding = await openLetter(world, '工地拖欠工资待决策', { to: 'decision' });
    opened.answering = await openLetter(world, 'Unpaid wages awaiting an answer', { to: 'resolution' });
    opened.steps = await openLetter(world, '接待步骤');
  });
  afterAll(() => harness.close());

  it('keeps a decision being typed when a colleague moves the case, and says who moved it (zh, 1440 px)', async () => {
    const { base, world } = harness;
    const page = await (await harness.context({ width: 1440 })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');
    await page.goto(`${base}/cases/${opened.deciding}`);
    await page.getByRole('button', { name: '转入落实' }).click();
    await page.getByLabel('决策意见').fill(decision);

    // The leader decides meanwhile, from another session.
    expectStatus(
      await world.as('leader', { method: 'POST', url: `/api/v1/cases/${opened.deciding}/transitions`, payload: { to: 'resolution', reason: '按领导小组意见办理。' } }),
      200,
    );
    const notice = page.locator('.live-changes');
    await notice.getByText(`${world.users.leader.name}`).waitFor();
    await notice.getByText('由决策转入落实').waitFor();
    await notice.getByText('您正在填写的内容已保留').waitFor();
    await page.locator('.case-badges').getByText('落实').waitFor();
    const kept = page.locator('.kept-draft');
    await kept.getByText('案件现处于“落实”阶段，“转入落实”已不可用。').waitFor();
    expect(await kept.getByRole('textbox').inputValue()).toBe(decision);
    await page.screenshot({ path: screenshotPath('web-case-draft-kept-zh-1440'), fullPage: true });

    // A reload keeps it too; then it is kept as a note, and the draft is gone.
    await page.reload();
    expect(await page.locator('.kept-draft').getByRole('textbox').inputValue()).toBe(decision);
    await page.getByRole('button', { name: '存为备注' }).click();
    await page.locator('.timeline').getByText(decision).waitFor();
    expect(await page.locator('.kept-draft').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('keeps an answer being typed when a colleague answers and closes the case (en, 375 px)', async () => {
    const { base, world } = harness;
    const page = await (await harness.context({ locale: 'en-GB', width: 375 })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.goto(`${base}/cases/${opened.answering}`);
    const answers = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Written answers' }) });
    await answers.getByRole('textbox', { name: /^The written answer/ }).fill(answer);

    expectStatus(await world.as('unit_officer', { method: 'POST', url: `/api/v1/cases/${opened.answering}/answers`, payload: { body: 'Paid in full.' } }), 201);
    expectStatus(await world.as('admin', { method: 'POST', url: `/api/v1/cases/${opened.answering}/transitions`, payload: { to: 'closed' } }), 200);
    const notice = page.locator('.live-changes');
    await notice.getByText(world.users.admin.name).waitFor();
    await notice.getByText('Moved from Resolution to Closed').waitFor();
    const kept = page.locator('.kept-draft');
    await kept.getByText('The case is now in Closed, where no written answer can be recorded.').waitFor();
    expect(await kept.getByRole('textbox').inputValue()).toBe(answer);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: screenshotPath('web-case-draft-kept-en-375'), fullPage: true });
    await kept.getByRole('button', { name: 'Discard the draft' }).click();
    expect(await page.locator('.kept-draft').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('takes a tick back, and names the undone steps before a move is confirmed (zh)', async () => {
    const { base } = harness;
    const page = await (await harness.context({ width: 1440 })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');
    await page.goto(`${base}/cases/${opened.steps}`);
    const step = page.getByRole('checkbox', { name: /向群众宣传信访法规/ });
    await step.check();
    await page.locator('.timeline').getByText(/完成工作：向群众宣传信访法规/).waitFor();
    await expect.poll(() => step.isChecked()).toBe(true);
    await step.uncheck();
    await page.locator('.timeline').getByText(/撤销已完成步骤：向群众宣传信访法规/).waitFor();
    await expect.poll(() => step.isChecked()).toBe(false);

    await page.getByRole('button', { name: '转入决策' }).click();
    const undone = page.locator('.undone-steps');
    await undone.getByText('“接待”阶段还有 6 个步骤未勾选：').waitFor();
    await undone.getByText(/向群众宣传信访法规/).waitFor();
    await page.screenshot({ path: screenshotPath('web-case-undone-steps-zh'), fullPage: true });
    await page.getByRole('button', { name: '确认转入决策' }).click();
    await page.locator('.case-badges').getByText('决策').waitFor();
    await page.locator('.timeline').getByText('离开本阶段时有 6 个步骤未完成。').waitFor();
    expect(problems).toEqual([]);
  });
});
