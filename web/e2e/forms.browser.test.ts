import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser } from '../../test/browser.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

/** The problem shown beside the field with this label, or null when the field shows none. */
async function problemOf(page: Page, label: string): Promise<string | null> {
  const field = page.locator('.field', { has: page.locator('label', { hasText: label }) }).first();
  const error = field.locator('.field-error');
  if ((await error.count()) === 0) return null;
  // Screen readers hear "Error:" first (a visually hidden prefix); the words shown follow it.
  return (await error.innerText()).replace(/^(错误：|Error:)\s*/, '');
}

const words = {
  zh: {
    register: '登记案件',
    submit: '登记',
    addRepresentative: '添加代表',
    channel: '信访渠道',
    letter: '来信',
    receivedAt: '收到时间',
    category: '类别',
    categoryChoice: '拖欠工资',
    title: '标题',
    description: '反映的问题',
    headcount: '人数',
    name: '代表 1：姓名',
    contact: '代表 1：联系方式',
    required: '此项为必填项。',
    tooLong: '最多填写 200 个字。',
    collective: '集体访至少涉及 2 人。',
    future: '这个时间还没到，请在事情发生后再登记。',
  },
  en: {
    register: 'Register a case',
    submit: 'Register the case',
    addRepresentative: 'Add a representative',
    channel: 'How it arrived',
    letter: 'Letter',
    receivedAt: 'When it arrived',
    category: 'Category',
    categoryChoice: 'Wage arrears',
    title: 'Title',
    description: 'What the petition says',
    headcount: 'Number of people',
    name: 'Representative 1: name',
    contact: 'Representative 1: contact',
    required: 'Fill this in.',
    tooLong: 'Write at most 200 characters.',
    collective: 'A collective visit involves at least 2 people.',
    future: 'This time is in the future; record it once it has happened.',
  },
} as const;

describe.runIf(hasBrowser)('a staff form shows every problem at once, in the reader’s language', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  for (const language of ['zh', 'en'] as const) {
    it(`marks every wrong field of the register form at once, and puts the server's own problems on their fields (${language})`, async () => {
      const say = words[language];
      const page = await (await harness.context({ locale: language === 'zh' ? 'zh-CN' : 'en-GB' })).newPage();
      const problems = watchForErrors(page, [400]);
      await signIn(page, harness.base, 'coordinator@county.test', language);
      await page.goto(`${harness.base}/cases/new`);
      await page.getByRole('heading', { level: 1, name: say.register }).waitFor();

      // Sent empty, with a representative row that has only a contact: every problem shows, none from the server.
      await page.getByRole('button', { name: say.addRepresentative }).click();
      await page.getByLabel(say.contact).fill('13900000001');
      let posts = 0;
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/api/v1/cases')) posts += 1;
      });
      await page.getByRole('button', { name: say.submit, exact: true }).click();
      await expect.poll(() => problemOf(page, say.category)).toBe(say.required);
      expect(await problemOf(page, say.title)).toBe(say.required);
      expect(await problemOf(page, say.description)).toBe(say.required);
      expect(await problemOf(page, say.name)).toBe(say.required);
      expect(await problemOf(page, say.headcount)).toBeNull();
      expect(await page.getByLabel(say.title).getAttribute('aria-invalid')).toBe('true');
      expect(posts).toBe(0);

      // A title too long is said with its limit; fixing a field clears its problem as it is typed.
      // The input stops typing at 200; a pasted text or an old browser may not, and the schema says so.
      await page.getByLabel(say.title).evaluate((input) => input.removeAttribute('maxlength'));
      await page.getByLabel(say.title).fill('x'.repeat(201));
      await expect.poll(() => problemOf(page, say.title)).toBe(say.tooLong);
      await page.getByLabel(say.title).fill('Wages owed to forty workers');
      await page.getByLabel(say.description).fill('Forty workers say three months of wages are owed.');
      await page.getByLabel(say.category).selectOption({ label: say.categoryChoice });
      await page.getByLabel(say.name).fill('李明');
      await expect.poll(() => page.locator('.field-error').count()).toBe(0);

      // What only the server can judge (a group of one, a letter that arrives tomorrow) lands on its field too.
      await page.getByLabel(say.headcount).fill('1');
      await page.getByLabel(say.channel).selectOption({ label: say.letter });
      await page.getByLabel(say.receivedAt).fill('2099-01-01T09:00');
      await page.getByRole('button', { name: say.submit, exact: true }).click();
      await expect.poll(() => problemOf(page, say.headcount)).toBe(say.collective);
      // The server names one problem at a time for its own rules; once the headcount is right it names the time.
      await page.getByLabel(say.headcount).fill('40');
      await page.getByRole('button', { name: say.submit, exact: true }).click();
      await expect.poll(() => problemOf(page, say.receivedAt)).toBe(say.future);
      expect(await page.getByLabel(say.receivedAt).getAttribute('aria-invalid')).toBe('true');
      expect(problems).toEqual([]);
    });
  }
});
