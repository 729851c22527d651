import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser } from '../../test/browser.js';
import { expectStatus } from '../../test/api.js';
import { openLetter, signIn, startHarness, watchForErrors, type Harness } from './harness.js';

describe.runIf(hasBrowser)('the call-back: the office records an unsatisfied call-back, the case goes back to the unit, the unit reports its rework', () => {
  let harness: Harness;
  let caseId = '';
  beforeAll(async () => {
    harness = await startHarness();
    caseId = await openLetter(harness.world, '回访测试：工地欠薪', { to: 'resolution' });
    expectStatus(await harness.world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${caseId}/answers`, payload: { body: '经核查，工资将于月底前发放。' } }), 201);
  });
  afterAll(() => harness.close());

  it('lists the call-back due, sends the case back on an unsatisfied outcome, and takes the unit’s report (en, then zh)', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    // The server's 400 for an unsatisfied outcome without its reason, said beside the field.
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.getByRole('link', { name: 'Call-backs', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Call-backs due' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '回访测试：工地欠薪' });
    await row.getByText('The written answer').waitFor();
    await row.getByRole('link').click();

    const panel = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Call-back' }) });
    await panel.getByText(/A call-back is due by/).waitFor();
    await panel.getByLabel('Outcome').selectOption('unsatisfied');
    await panel.getByRole('button', { name: 'Record the call-back' }).click();
    // Unsatisfied without a reason: the server's refusal is said beside the field, nothing recorded.
    await panel.locator('.field-error').getByText('Fill this in.').waitFor();
    expect(await harness.world.ctx.db.selectFrom('callbacks').select('outcome').where('case_id', '=', caseId).executeTakeFirstOrThrow()).toEqual({ outcome: null });
    await panel.getByLabel(/Why unsatisfied/).selectOption('not_resolved');
    await panel.getByText('The unit can fix this').waitFor();
    await panel.getByRole('textbox', { name: /What was said/ }).fill('工资仍未到账。');
    await panel.getByRole('textbox', { name: /Requirements/ }).fill('十日内核实并督促发放');
    await panel.getByRole('button', { name: 'Record the call-back' }).click();
    await panel.getByRole('heading', { level: 3, name: /Rework by/ }).waitFor();
    await panel.getByText('十日内核实并督促发放').waitFor();
    await panel.getByText('工资仍未到账。').waitFor();
    await page.locator('.timeline').getByText('Call-back recorded: Unsatisfied').first().waitFor();
    await page.locator('.timeline').getByText(/Sent back to .* for rework after the call-back/).first().waitFor();
    expect(problems).toEqual([]);

    // The unit, in Chinese: the rework and its report; what the petitioner said is not shown to it.
    const unit = await (await harness.context()).newPage();
    const unitProblems = watchForErrors(unit);
    await signIn(unit, base, 'officer@county.test', 'zh');
    await unit.goto(`${base}/cases/${caseId}`);
    const unitPanel = unit.locator('section').filter({ has: unit.getByRole('heading', { level: 2, name: '回访' }) });
    await unitPanel.getByText('十日内核实并督促发放').waitFor();
    expect(await unitPanel.getByText('工资仍未到账。').count()).toBe(0);
    await unitPanel.getByRole('textbox', { name: /重办情况/ }).fill('已督促承包商发放全部工资。');
    await unitPanel.getByRole('button', { name: '报告重办情况' }).click();
    await unitPanel.getByText('已督促承包商发放全部工资。').waitFor();
    await unit.locator('.timeline').getByText(/已报告重办情况/).first().waitFor();
    expect(unitProblems).toEqual([]);
  });
});
