import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser } from '../../test/browser.js';
import { openLetter, signIn, startHarness, watchForErrors, type Harness } from './harness.js';

const reason = 'A hearing on the compensation figures.';

describe.runIf(hasBrowser)('a clock pause on the case page: the office starts a hearing pause and ends it', () => {
  let harness: Harness;
  let caseId = '';
  beforeAll(async () => {
    harness = await startHarness();
    caseId = await openLetter(harness.world, '补偿标准需听证', { description: '对补偿标准有异议。', to: 'decision' });
  });
  afterAll(() => harness.close());

  it('shows the conclusion clock paused with the reason, and running again once ended', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.goto(`${base}/cases/${caseId}`);
    const deadlines = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Deadlines' }) });
    await deadlines.getByRole('button', { name: 'Pause the clock' }).click();
    await deadlines.getByLabel('Kind').selectOption('hearing');
    await deadlines.getByRole('textbox', { name: /^Reason/ }).fill(reason);
    const planned = new Date(Date.parse(harness.world.time.now()) + 10 * 86_400_000);
    const local = new Date(planned.getTime() - planned.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await deadlines.getByLabel('Planned end').fill(local);
    await deadlines.getByRole('button', { name: 'Start the pause' }).click();
    await deadlines.getByText('The handling clock is paused for a Hearing').waitFor();
    await deadlines.getByText(reason).waitFor();
    expect(await deadlines.locator('.clock').filter({ hasText: 'Conclude' }).first().getByText('Paused').count()).toBe(1);
    await page.locator('.timeline').getByText('Clock paused for a Hearing').first().waitFor();

    await deadlines.getByRole('button', { name: 'End the pause' }).click();
    await deadlines.getByRole('button', { name: 'Pause the clock' }).waitFor();
    await page.locator('.timeline').getByText('Clock pause (Hearing) ended').first().waitFor();
    expect(problems).toEqual([]);
  });
});
