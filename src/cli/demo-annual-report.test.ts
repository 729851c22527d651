import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printAnnualReport } from '../commands/annual-report.js';
import { ensureBuiltinPlan } from '../commands/setup.js';
import type { Context } from '../context/context.js';
import type { Actor } from '../core/types.js';
import { databaseKinds, openTestStore, type TestStore } from '../../test/databases.js';
import { pdfText, squeezed } from '../../test/pdf.js';
import { testTime } from '../../test/time.js';
import { testContext } from '../../test/world.js';
import { seedDemo } from './demo.js';

/**
 * The demo county's annual report (Art. 41) prints, its figures as counted by hand from demo.ts's
 * twenty cases, all received in the autumn of 2026: 7 visits, 5 letters, 3 online, 2 calls and 3
 * unit reports; 11 accepted (those that reached decision, resolution, closed or review), 2 not
 * accepted, 4 concluded with a written answer (three closed, one then under review), 1 review asked.
 */
describe.each(databaseKinds)('the demo county’s annual report on %s', (kind) => {
  let store: TestStore;
  let ctx: Context;
  let leader: Actor;
  beforeAll(async () => {
    store = await openTestStore(kind);
    ctx = testContext(store, testTime('2026-12-01T02:00:00.000Z').now);
    await ensureBuiltinPlan(ctx);
    await seedDemo(ctx);
    const user = await ctx.db.selectFrom('users').select(['id', 'unit_id']).where('email', '=', 'leader@demo.redress.local').executeTakeFirstOrThrow();
    leader = { id: user.id, role: 'leader', unitId: user.unit_id };
  });
  afterAll(() => store.dispose());

  it('prints in Chinese with the hand-counted figures', async () => {
    const printed = await printAnnualReport(ctx, { actor: leader, year: 2026, language: 'zh' });
    expect(printed.filename).toBe('annual-report-2026-zh.pdf');
    const text = squeezed(await pdfText(printed.pdf));
    for (const part of ['2026年度信访工作报告', '本年度尚未结束，数字截至2026年12月1日。', '收到信访事项20', '来访735%', '来信525%', '网上信访315%', '来电210%', '单位报告315%', '受理11', '不予受理2', '办结4', '复查申请1', '县人社局', '第1页']) {
      expect(text).toContain(part);
    }
  });

  it('prints in English', async () => {
    const text = squeezed(await pdfText((await printAnnualReport(ctx, { actor: leader, year: 2026, language: 'en' })).pdf));
    for (const part of ['Annualreportonpetitionwork,2026', 'Received20', 'Visitinperson735%', 'Accepted11', 'Notaccepted2', 'Concluded4', 'Reviewrequests1', 'Humanresourcesandsocialsecuritybureau']) {
      expect(text).toContain(part);
    }
  });
});
