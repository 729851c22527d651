import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignUnit } from '../commands/assign-unit.js';
import { addAnswer } from '../commands/case-records.js';
import type { Context } from '../context/context.js';
import { moveStage } from '../commands/move-stage.js';
import { openCase } from '../commands/open-case.js';
import { accountabilityReport } from '../commands/reports.js';
import { ensureBuiltinPlan } from '../commands/setup.js';
import type { Actor } from '../core/types.js';
import { scanDeadlines } from '../jobs/deadline-scanner.js';
import { days, minutes, testTime } from '../../test/time.js';
import { databaseKinds, openTestStore, type TestStore } from '../../test/databases.js';
import { testContext } from '../../test/world.js';
import { seedDemo } from './demo.js';

/**
 * The demo county's accountability report after the office closes a case before its lead unit
 * acknowledged, checked against a count made by hand from the demo's script (demo.ts):
 * - the office records every unit's acknowledgement 24 minutes after notifying it (due in 30), and
 *   every visit's arrival 96 minutes after (due in 120): nobody is late to acknowledge or arrive;
 * - units of cases left in reception or decision never propose, so their 5-day proposal clocks
 *   have run out: 城关镇 (棚户区), 河口乡 (卫生院, 公交线路), 县人社局 (改制企业), 县生态环境局 (养殖场),
 *   县自然资源局 (宅基地), 青山镇 (拆迁过渡费);
 * - scanned six days on, the 60-day conclusion clocks of the first two accepted cases have run out:
 *   农民工 (县人社局) and 棚户区 (城关镇);
 * - every demo step was recorded by the office for the unit;
 * - the new case closed 20 minutes after 城关镇 was notified counts as assigned and nothing else.
 */
const handCount: Record<string, [assigned: number, proposalsLate: number, overdue: number, byOffice: number]> = {
  县人社局: [4, 1, 1, 4],
  城关镇: [4, 1, 1, 3],
  河口乡: [3, 2, 0, 3],
  县生态环境局: [2, 1, 0, 2],
  县住建局: [1, 0, 0, 1],
  县自然资源局: [1, 1, 0, 1],
  青山镇: [1, 1, 0, 1],
};

describe.each(databaseKinds)('the demo county’s accountability report on %s', (kind) => {
  let store: TestStore;
  let ctx: Context;
  const time = testTime('2026-12-01T02:00:00.000Z');
  beforeAll(async () => {
    store = await openTestStore(kind);
    ctx = testContext(store, time.now);
    await ensureBuiltinPlan(ctx);
    await seedDemo(ctx);
  });
  afterAll(() => store.dispose());

  it('matches the hand count after a case is closed before its unit acknowledged', async () => {
    const user = await ctx.db.selectFrom('users').select(['id', 'role', 'unit_id']).where('email', '=', 'coordinator@demo.redress.local').executeTakeFirstOrThrow();
    const coordinator: Actor = { id: user.id, role: 'coordinator', unitId: user.unit_id };
    const units = new Map((await ctx.db.selectFrom('units').select(['id', 'name']).execute()).map((unit) => [unit.name, unit.id]));
    const opened = await openCase(ctx, {
      actor: coordinator,
      kind: 'individual',
      channel: 'letter',
      category: 'education',
      title: '学校食堂收费未公示',
      description: '家长反映学校食堂收费标准未公示。',
    });
    await assignUnit(ctx, { actor: coordinator, caseId: opened.id, unitId: units.get('城关镇') ?? '', role: 'lead' });
    time.advance(minutes(10));
    await moveStage(ctx, { actor: coordinator, caseId: opened.id, to: 'resolution' });
    await addAnswer(ctx, { actor: coordinator, caseId: opened.id, body: '经核实，收费标准已在校门口公示。' });
    time.advance(minutes(10));
    await moveStage(ctx, { actor: coordinator, caseId: opened.id, to: 'closed' });

    time.advance(days(6));
    await scanDeadlines(ctx);
    const missed = await ctx.db.selectFrom('events').select('id').where('case_id', '=', opened.id).where('type', '=', 'deadline.missed').execute();
    expect(missed).toEqual([]);

    // The period ends just after the scan, so the misses it recorded fall inside it (the end is exclusive).
    time.advance(minutes(1));
    const report = await accountabilityReport(ctx, { actor: coordinator, from: '2026-09-01T00:00:00.000Z', to: time.now() });
    const table = Object.fromEntries(
      report.units.map((unit) => [unit.unitName, [unit.casesAssigned, unit.proposalsLate, unit.casesOverdue, unit.recordedByOffice]]),
    );
    expect(table).toEqual(handCount);
    for (const unit of report.units) {
      expect([unit.unitName, unit.acknowledgedLate, unit.neverAcknowledged, unit.arrivedLate, unit.neverArrived, unit.extensionsUsed]).toEqual([unit.unitName, 0, 0, 0, 0, 0]);
    }
    const chengguan = report.units.find((unit) => unit.unitName === '城关镇');
    expect(chengguan?.cases.casesAssigned.map((item) => item.id)).toContain(opened.id);
    expect(chengguan?.cases.proposalsLate.map((item) => item.id)).not.toContain(opened.id);
  });
});
