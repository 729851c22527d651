import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser } from '../../test/browser.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

describe.runIf(hasBrowser)("a unit's buttons on the case page", () => {
  let harness: Harness;
  let caseId = '';
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    caseId = expectStatus<{ id: string }>(
      await world.as('coordinator', {
        method: 'POST',
        url: '/api/v1/cases',
        payload: { kind: 'individual', channel: 'letter', category: 'wage-arrears', title: 'Unpaid wages since August', description: 'Twelve workers.' },
      }),
      201,
    ).id;
    expectStatus(await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${caseId}/assignments`, payload: { unitId: world.units.township.id, role: 'lead' } }), 201);
  });
  afterAll(() => harness.close());

  it('tell the office it records for the unit, and are gone once the case is closed (en)', async () => {
    const { base, world } = harness;
    const unit = world.units.township.nameEn ?? 'Chengguan township';
    const page = await (await harness.context({ locale: 'en-GB', width: 1440 })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.goto(`${base}/cases/${caseId}`);
    await page.locator('.on-behalf').getByText(`You are not of ${unit}`).waitFor();
    await page.getByRole('button', { name: `Acknowledge for ${unit}` }).waitFor();
    const unitButtons = page.getByRole('button', { name: new RegExp(`(Acknowledge|On scene|Propose).*${unit}`) });
    expect(await unitButtons.count()).toBeGreaterThan(0);

    // The case is answered and closed before the unit acknowledged: its clocks stop, and nothing is left to press.
    expectStatus(await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${caseId}/transitions`, payload: { to: 'resolution' } }), 200);
    expectStatus(await world.as('unit_officer', { method: 'POST', url: `/api/v1/cases/${caseId}/answers`, payload: { body: 'Paid in full.' } }), 201);
    expectStatus(await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${caseId}/transitions`, payload: { to: 'closed' } }), 200);
    await page.reload();
    await page.locator('.case-badges').getByText('Closed').waitFor();
    expect(await unitButtons.count()).toBe(0);
    expect(await page.locator('.on-behalf').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
