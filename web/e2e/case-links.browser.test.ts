import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshotPath } from '../../test/browser.js';
import { letter, openCaseId } from '../../test/requests.js';
import { signIn, startHarness, watchForErrors, type Harness } from './harness.js';

/** Wage arrears at the East Street site of 城关镇, in nearly the same words each time. */
const eastStreet = (petitioner: string) =>
  letter({
    category: 'wage-arrears',
    location: '城关镇东街学校工地',
    title: '东街工地拖欠农民工工资',
    description: '东街学校建筑工地的承包商自八月起拖欠我们三个月工资，一直不发。',
    petitioner: { name: petitioner, contact: '13800000000' },
  });

/**
 * Cases on the same issue in the staff app (issue 13 item 7): the office confirms one suggestion,
 * dismisses another, merges a duplicate into the case with both references shown, and reads the
 * recurring-issues report that counts the issue.
 */
describe.runIf(hasBrowser)('cases on the same issue, on the case page and in the recurring-issues report', () => {
  let harness: Harness;
  const ids: Record<'survivor' | 'duplicate' | 'linked' | 'other', string> = { survivor: '', duplicate: '', linked: '', other: '' };
  const refs: Record<keyof typeof ids, string> = { survivor: '', duplicate: '', linked: '', other: '' };
  beforeAll(async () => {
    harness = await startHarness();
    const { world } = harness;
    for (const [name, who] of [['survivor', '王五'], ['duplicate', '王五'], ['linked', '李四'], ['other', '赵六']] as const) {
      ids[name] = await openCaseId(world, eastStreet(who));
      refs[name] = (await world.ctx.db.selectFrom('cases').select('reference').where('id', '=', ids[name]).executeTakeFirstOrThrow()).reference;
    }
  });
  afterAll(() => harness.close());

  it('confirms a suggestion, dismisses another and merges a duplicate into the case, both references shown', async () => {
    const { base } = harness;
    const page = await (await harness.context({ locale: 'en-GB' })).newPage();
    // Linking the case to itself is the server's 400 (same_case), said beside the field.
    const problems = watchForErrors(page, [400]);
    await signIn(page, base, 'coordinator@county.test', 'en');
    await page.goto(`${base}/cases/${ids.survivor}`);
    const panel = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Cases on the same issue' }) });
    const suggested = (name: keyof typeof ids) => panel.locator(`[data-suggestion="${refs[name]}"]`);
    for (const name of ['duplicate', 'linked', 'other'] as const) await suggested(name).waitFor();

    await suggested('other').getByRole('button', { name: /^Not the same issue/ }).click();
    await page.locator('.timeline').getByText(`${refs.other} dismissed as not the same issue`).waitFor();
    expect(await suggested('other').count()).toBe(0);
    await suggested('linked').getByRole('button', { name: /^Same issue: link/ }).click();
    await panel.locator(`[data-linked="${refs.linked}"]`).waitFor();
    await suggested('duplicate').getByRole('button', { name: /^Same issue: link/ }).click();
    const duplicate = panel.locator(`[data-linked="${refs.duplicate}"]`);
    await duplicate.getByRole('button', { name: /^Merge into this case/ }).click();
    const dialog = duplicate.getByRole('alertdialog');
    await dialog.getByText(`Merge ${refs.duplicate} into this case, ${refs.survivor}?`).waitFor();
    await dialog.getByLabel(/^Why they are one petition/).fill('The same petitioner wrote twice about the same site.');
    await page.screenshot({ path: screenshotPath('merge-dialog-en'), fullPage: true });
    await dialog.getByRole('button', { name: `Merge ${refs.duplicate} into ${refs.survivor}` }).click();
    await panel.locator(`[data-merged="${refs.duplicate}"]`).getByText(`its reference finds ${refs.survivor}`).waitFor();
    expect(await panel.locator(`[data-linked="${refs.duplicate}"]`).count()).toBe(0);
    await page.locator('.timeline').getByText(`${refs.duplicate} merged into this case`).waitFor();

    // The case itself by its own reference: refused on the field, in words.
    await panel.getByLabel(/^Link another case by its reference/).fill(refs.survivor);
    await panel.getByRole('button', { name: 'Link', exact: true }).click();
    await panel.getByText('A case cannot be linked to or merged into itself').waitFor();

    // The duplicate's own address opens the case it was merged into.
    await page.goto(`${base}/cases/${ids.duplicate}`);
    await page.locator('.case-reference').getByText(refs.survivor).waitFor();
    expect(problems).toEqual([]);
  });

  it('counts the issue in the recurring-issues report, in Chinese, the merged duplicate once', async () => {
    const { base } = harness;
    const page = await (await harness.context()).newPage();
    const problems = watchForErrors(page);
    await signIn(page, base, 'coordinator@county.test', 'zh');
    await page.getByRole('navigation').getByRole('link', { name: '统计' }).click();
    await page.getByRole('link', { name: /按类别和地区查看重复反映的问题/ }).click();
    await page.getByRole('heading', { level: 1, name: '重复反映的问题' }).waitFor();
    const group = page.getByRole('region', { name: '拖欠工资 · 城关镇' });
    await group.getByText('该类别地区共 3 件，其中 2 件属重复反映的同一事项。').waitFor();
    const row = group.getByRole('row').filter({ hasText: refs.survivor });
    // Received at the same moment, the two cases of the issue come in either order.
    expect((await row.getByRole('link').allTextContents()).sort()).toEqual([refs.survivor, refs.linked].sort());
    // The same report as CSV, in the reader's language.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv[0]).toBe('类别,地区,该类别地区件数,同一事项件数,首次收到,最近收到,信访件编号');
    const [line = '', references = ''] = (csv[1] ?? '').split(/,(?=[^,]*$)/);
    expect(line).toBe('拖欠工资,城关镇,3,2,2026-11-02,2026-11-02');
    expect(references.split(' ').sort()).toEqual([refs.survivor, refs.linked].sort());
    // Another area has no such issue.
    await page.getByLabel(/^地区/).selectOption({ label: '县人社局' });
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('本期间内没有重复反映的问题。').waitFor();
    await page.screenshot({ path: screenshotPath('recurring-issues-zh'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
