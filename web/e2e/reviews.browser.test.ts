import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { expectStatus } from '../../test/api.js';
import { submit, type Submitted } from '../../test/public.js';
import { post } from '../../test/requests.js';
import { days } from '../../test/time.js';
import { password } from '../../test/world.js';
import { createUser } from '../../src/commands/users.js';
import { createUnit, updateUnit } from '../../src/commands/units.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

const reason = 'The answer leaves out the compensation for late payment.';

/**
 * Review by the body above in the staff app (issue 13 item 5): the county's answer, asked for review
 * on the portal, arrives in the prefecture's petition office's list with its 30-day clock; the
 * prefecture answers it and records its conclusion; the county officer who answered first is told
 * on the case page that they are recused.
 */
describe.runIf(hasBrowser)('a review by the body above, from the portal to the reviewing office', () => {
  let harness: Harness;
  let caseId = '';
  let receipt: Submitted;
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    const unit = async (name: string, nameEn: string, kind: 'province' | 'prefecture' | 'county' | 'office', parentId: string | null) =>
      (await createUnit(world.ctx, { actor: null, name, nameEn, kind, parentId })).id;
    const prefecture = await unit('某市', 'The prefecture', 'prefecture', null);
    const office = await unit('市信访局', 'Prefectural petition bureau', 'office', prefecture);
    const county = await unit('某县', 'The county', 'county', prefecture);
    const admin = world.actor(world.users.admin);
    for (const own of Object.values(world.units)) await updateUnit(world.ctx, { actor: admin, unitId: own.id, parentId: county });
    await createUser(world.ctx, { actor: null, email: 'reviewer@prefecture.test', name: '市复查员', role: 'coordinator', unitId: office, password });

    receipt = await submit(world);
    caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id;
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments`, { unitId: world.units.township.id, role: 'lead' }), 201);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution' }), 200);
    world.time.advance(days(10));
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${caseId}/answers`, { body: 'The wages were verified and will be paid by 30 November.' }), 201);
    // The petitioner asks for the review some days after the answer (who handled the case before it began is recused).
    world.time.advance(days(5));
  });
  afterAll(() => harness.close());

  it("the petitioner's review arrives in the prefecture's list, which answers it and records its conclusion", async () => {
    const { base } = harness;
    const portal = await (await harness.context({ locale: 'en-GB' })).newPage();
    await portal.goto(`${base}/petition/status?lang=en`);
    await portal.getByLabel('Reference').fill(receipt.reference);
    await portal.getByLabel('Access code').fill(receipt.accessCode);
    await portal.getByRole('button', { name: 'Show progress' }).click();
    await portal.getByLabel('Why you ask for a review').fill(reason);
    await portal.getByRole('button', { name: 'Ask for a review' }).click();
    await portal.locator('#review-requested').waitFor();

    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    // The conclusion sent without one chosen is the server's 400, said beside the field.
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'reviewer@prefecture.test', 'en');
    await page.getByRole('navigation').getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: receipt.reference });
    await row.waitFor();
    // Its own 30-day clock, pending.
    expect(await row.textContent()).toMatch(/Review.*30 days left due 17 Dec 2026/);
    await page.screenshot({ path: screenshotPath('reviews-list-en'), fullPage: true });
    await row.getByRole('link', { name: receipt.reference }).click();

    const panel = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Review by the body above' }) });
    await panel.getByText('Prefectural petition bureau').waitFor();
    await panel.getByText(reason).waitFor();
    expect(await panel.getByText('The county', { exact: true }).count()).toBe(1);
    // The conclusion goes with the review's written answer: first the answer.
    await panel.getByText('Give the review’s written answer first').waitFor();
    const answers = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Written answers' }) });
    await answers.getByLabel(/^The written answer/).fill('On review: the wages are owed in full, with the late-payment compensation.');
    await answers.getByRole('button', { name: 'Give the answer' }).click();

    // Nothing chosen is refused beside the field; then the conclusion is recorded.
    await panel.getByRole('button', { name: 'Record the conclusion' }).click();
    await panel.locator('.field-invalid').filter({ hasText: 'Conclusion' }).waitFor();
    await panel.getByRole('combobox', { name: /^Conclusion/ }).selectOption('changed');
    await panel.getByLabel(/^Note on the conclusion/).fill('Compensation added.');
    await panel.getByRole('button', { name: 'Record the conclusion' }).click();
    await panel.locator('dd').filter({ hasText: 'Changed' }).waitFor();
    await panel.getByText('Compensation added.').waitFor();
    expect(await panel.getByRole('button', { name: 'Record the conclusion' }).count()).toBe(0);
    await page.locator('.timeline').getByText('Review concluded: Changed').waitFor();
    await page.screenshot({ path: screenshotPath('review-panel-concluded-en'), fullPage: true });

    // Concluded, it leaves the list of reviews waiting; it stays among all rounds.
    await page.getByRole('navigation').getByRole('link', { name: 'Reviews' }).click();
    await page.getByText('No review is waiting for this office.').waitFor();
    await page.getByRole('button', { name: 'All rounds' }).click();
    await page.getByRole('row').filter({ hasText: receipt.reference }).filter({ hasText: 'Changed' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('tells the county officer who answered first, in Chinese, that they are recused', async () => {
    const { base, world } = harness;
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, world.users.unit_officer.email, 'zh');
    expect(await page.getByRole('navigation').getByRole('link', { name: '复查复核' }).count()).toBe(1);
    await page.goto(`${base}/cases/${caseId}`);
    const panel = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: '上一级复查复核' }) });
    await panel.getByText('市信访局').waitFor();
    await panel.getByRole('note').filter({ hasText: '依回避规则不能办理' }).waitFor();
    await panel.getByText('变更', { exact: true }).waitFor();
    expect(await panel.getByRole('button', { name: '登记结论' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
