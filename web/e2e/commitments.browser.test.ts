import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser } from '../../test/browser.js';
import { openLetter, signIn, startHarness, watchForErrors, type Harness } from './harness.js';

describe.runIf(hasBrowser)('the commitments panel: the office records a commitment and the unit marks it done', () => {
  let harness: Harness;
  let caseId = '';
  beforeAll(async () => {
    harness = await startHarness();
    caseId = await openLetter(harness.world, '工地欠薪', { to: 'decision' });
  });
  afterAll(() => harness.close());

  it('names a missing owner unit, records the commitment, and shows it done with its evidence', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.goto(`${base}/cases/${caseId}`);
    const panel = page.locator('section.commitments-panel');
    await panel.getByRole('button', { name: 'Add a commitment' }).click();
    await panel.getByRole('textbox', { name: /^What was committed/ }).fill('Pay the wages owed by the 20th');
    const due = new Date(Date.parse(harness.world.time.now()) + 5 * 86_400_000).toISOString().slice(0, 10);
    await panel.getByLabel(/^Deadline/).fill(due);
    await panel.getByRole('button', { name: 'Record the commitment' }).click();
    await panel.getByText('Fill this in.').first().waitFor();
    await panel.getByLabel(/^Owner unit/).selectOption(harness.world.units.township.id);
    await panel.getByRole('button', { name: 'Record the commitment' }).click();
    const item = panel.locator('li.commitment');
    await item.getByText('Pay the wages owed by the 20th').waitFor();
    expect(await item.getAttribute('data-commitment-status')).toBe('open');

    await item.getByRole('button', { name: 'Mark done' }).click();
    await item.getByRole('textbox', { name: /^What was done/ }).fill('Paid on the 6th; bank receipt attached.');
    await item.getByRole('button', { name: 'Confirm it is done' }).click();
    await item.getByText('Paid on the 6th; bank receipt attached.').waitFor();
    expect(await item.getAttribute('data-commitment-status')).toBe('done');
    await page.locator('.timeline').getByText(/did a commitment/).first().waitFor();
    expect(problems).toEqual([]);
  });
});
