import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser } from '../../test/browser.js';
import { openLetter, signIn, startHarness, watchForErrors, type Harness } from './harness.js';

describe.runIf(hasBrowser)('response templates: the office keeps one and puts it into a written answer', () => {
  let harness: Harness;
  let caseId = '';
  beforeAll(async () => {
    harness = await startHarness();
    caseId = await openLetter(harness.world, '工地拖欠工资', { to: 'resolution' });
  });
  afterAll(() => harness.close());

  it('adds a template for wage arrears, refuses an unknown placeholder, and fills it in for the case', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'zh-CN' })).newPage();
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'coordinator@county.test', 'zh');
    await page.goto(`${base}/admin/templates`);
    const form = page.getByRole('form', { name: '新增模板' });
    await form.getByLabel('模板名称').fill('欠薪答复');
    await form.getByLabel('类别').selectOption('wage-arrears');
    await form.getByLabel('中文文本').fill('{{petitioner}}：您好');
    await form.getByLabel('英文文本').fill('On your {{category}} petition {{reference}}:');
    await form.getByRole('button', { name: '新增模板' }).click();
    // The server's problem lands on the field, in the reader's language.
    await form.getByText('模板不能使用占位符“petitioner”').waitFor();
    await form.getByLabel('中文文本').fill('关于您反映的{{category}}问题（编号 {{reference}}），经调查核实：');
    await form.getByRole('button', { name: '新增模板' }).click();
    await page.getByRole('cell', { name: '欠薪答复' }).waitFor();

    await page.goto(`${base}/cases/${caseId}`);
    const reference = (await page.locator('.case-reference').innerText()).trim();
    const answers = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: '书面答复' }) });
    await answers.getByLabel('答复模板').selectOption({ label: '欠薪答复' });
    await answers.getByRole('button', { name: '插入模板文本' }).click();
    expect(await answers.getByRole('textbox', { name: /^书面答复内容/ }).inputValue()).toBe(`关于您反映的拖欠工资问题（编号 ${reference}），经调查核实：`);
    expect(problems).toEqual([]);
  });
});
