import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/api.js';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { days, hours } from '../../test/time.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

interface Opened {
  id: string;
  reference: string;
  assignments: { id: string; unitId: string }[];
}

const overdueTitle = '四十天前收到的来信：征地补偿款未发放';
const objectedTitle = '乡道修缮款被挪用';

describe.runIf(hasBrowser)('the staff web app: the queue sorted by the server, searched by reference, filtered by objection', () => {
  let harness: Harness;
  let overdue: Opened;
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    const now = Date.parse(world.time.now());
    const open = async (title: string, receivedAt: string) =>
      expectStatus<Opened>(
        await world.as('coordinator', {
          method: 'POST',
          url: '/api/v1/cases',
          payload: { kind: 'individual', channel: 'letter', category: 'wage-arrears', title, description: '来信反映情况。', receivedAt },
        }),
        201,
      );
    // Received 40 days ago: its 15 days to decide on acceptance ran out 25 days ago. Newest first,
    // it would be on the second page behind the 55 letters of the last two days.
    overdue = await open(overdueTitle, new Date(now - days(40)).toISOString());
    for (let index = 0; index < 55; index += 1) await open(`近日来信 ${index + 1}`, new Date(now - hours(index)).toISOString());
    const objected = await open(objectedTitle, new Date(now - hours(60)).toISOString());
    const assigned = expectStatus<Opened>(
      await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${objected.id}/assignments`, payload: { unitId: world.units.township.id, role: 'lead' } }),
      201,
    );
    const assignmentId = assigned.assignments[0]?.id ?? '';
    expectStatus(
      await world.as('unit_officer', { method: 'POST', url: `/api/v1/cases/${objected.id}/assignments/${assignmentId}/object`, payload: { reason: '不属于本镇职责。' } }),
      200,
    );
  });
  afterAll(() => harness.close());

  it('puts the case most overdue first when sorted by deadline, though newest first it was on page 2', async () => {
    const { base } = harness;
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');
    const rows = page.locator('tbody tr');
    await page.getByText('已显示 50 件，可继续加载').waitFor();
    expect(await page.getByRole('link', { name: overdueTitle }).count()).toBe(0);

    await page.getByLabel('排序').selectOption({ label: '期限最近' });
    await rows.first().getByRole('link', { name: overdueTitle }).waitFor();
    await rows.first().getByText(/已逾期/).waitFor();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('deadline');
    await page.screenshot({ path: screenshotPath('web-queue-deadline-zh') });

    // The next page carries on in the same order: every case once, the newest letters last.
    await page.getByRole('button', { name: '加载更多案件' }).click();
    await page.getByText('共 57 件').waitFor();
    const titles = await rows.locator('.queue-title a').allTextContents();
    expect(new Set(titles).size).toBe(57);
    expect(titles.at(-1)).toBe('近日来信 1');

    // Oldest first puts it first too; urgency ties fall back to newest first.
    await page.getByLabel('排序').selectOption({ label: '最早登记' });
    await rows.first().getByRole('link', { name: overdueTitle }).waitFor();
    expect(problems).toEqual([]);
  });

  it('finds a case by part of its reference typed in lower case without dashes, and filters the objected cases', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'en');
    const [, first, second] = overdue.reference.split('-') as [string, string, string];
    await page.getByLabel('Search').fill(`${first}${second}`.toLowerCase());
    await page.locator('tbody tr').first().getByRole('link', { name: overdueTitle }).waitFor();
    await page.getByText('1 case', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('50 cases shown; more can be loaded').waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('');
    await page.getByLabel('Needs a look').selectOption({ label: 'Unit objected' });
    const row = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: objectedTitle }) });
    await row.getByText('Unit objected').waitFor();
    await page.getByText('1 case', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('objection')).toBe('true');
    await page.screenshot({ path: screenshotPath('web-queue-objected-en') });
    expect(problems).toEqual([]);
  });
});
