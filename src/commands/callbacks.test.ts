import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../bench/queue-plans.js';
import { DomainError } from '../core/errors.js';
import { scanDeadlines } from '../jobs/deadline-scanner.js';
import { databaseKinds } from '../../test/databases.js';
import { days, minutes } from '../../test/time.js';
import { buildCase, buildWorld, type World } from '../../test/world.js';
import { assignUnit } from './assign-unit.js';
import { callbacksDueQuery, listCallbacksDue } from './callbacks-due.js';
import { getCallbacks, recordCallback, reportRework } from './callbacks.js';
import { addAnswer } from './case-records.js';
import { moveStage } from './move-stage.js';
import { accountabilityReport } from './reports.js';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('Expected a refusal.');
}

const reasonOf = (error: DomainError) => (error.details as { reason?: string } | undefined)?.reason;

describe.each(databaseKinds)('the office’s call-back and rework on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    // 10:00 in Beijing on Monday 2 November 2026.
    world = await buildWorld(kind, '2026-11-02T02:00:00.000Z');
  });
  afterAll(() => world.dispose());

  const coordinator = () => world.actor(world.users.coordinator);
  const officer = () => world.actor(world.users.unit_officer);

  /** A case the township leads, answered at 10:00 Beijing time on 2 November. */
  async function answeredCase() {
    world.time.set('2026-11-02T02:00:00.000Z');
    const opened = await buildCase(world);
    await assignUnit(world.ctx, { actor: coordinator(), caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
    await moveStage(world.ctx, { actor: coordinator(), caseId: opened.id, to: 'resolution' });
    await addAnswer(world.ctx, { actor: coordinator(), caseId: opened.id, body: '经核查，工资将于本月底前发放。' });
    return opened.id;
  }

  const eventsOf = async (caseId: string, type: string) =>
    (await world.ctx.db.selectFrom('events').select('data').where('case_id', '=', caseId).where('type', '=', type).orderBy('id').execute()).map(
      (row) => JSON.parse(row.data) as Record<string, unknown>,
    );
  const clocks = (caseId: string, clockKind: string) => world.ctx.db.selectFrom('deadlines').selectAll().where('case_id', '=', caseId).where('kind', '=', clockKind).execute();

  it('a call-back \'unsatisfied\' sends the case back with a new clock, and the rework counts against the unit', async () => {
    const caseId = await answeredCase();
    // The answer puts a call-back on the office's list, due in the plan's 7 days (to the end of 9 November, Beijing).
    const due = await getCallbacks(world.ctx, { actor: coordinator(), caseId });
    expect(due.current?.deadline).toEqual({ dueAt: '2026-11-09T15:59:59.999Z', doneAt: null, status: 'pending' });
    expect(due.may).toEqual({ record: true, sendBack: false, report: false });
    expect((await listCallbacksDue(world.ctx, { actor: coordinator(), limit: 200 })).items.map((item) => item.caseId)).toContain(caseId);

    world.time.set('2026-11-04T02:00:00.000Z');
    const notes = '信访人称工资仍未到账，承包商联系不上。';
    const state = await recordCallback(world.ctx, { actor: coordinator(), caseId, outcome: 'unsatisfied', reason: 'not_resolved', notes, requirements: '核实工资发放情况，督促承包商十日内发放' });
    expect(state.current).toBeNull();
    expect(state.past[0]).toMatchObject({ outcome: 'unsatisfied', reason: 'not_resolved', notes, recordedBy: world.users.coordinator.id });
    // Sent back to the lead unit, on a new clock of the plan's 15 days (to the end of 19 November).
    expect(state.rework).toMatchObject({ unitId: world.units.township.id, source: 'callback', reason: 'not_resolved', requirements: '核实工资发放情况，督促承包商十日内发放', report: null });
    expect(state.rework?.deadline).toEqual({ dueAt: '2026-11-19T15:59:59.999Z', doneAt: null, status: 'pending' });
    expect(state.past[0]?.reworkId).toBe(state.rework?.id);
    const [clock] = await clocks(caseId, 'rework');
    expect(clock).toMatchObject({ subject: state.rework?.id, unit_id: world.units.township.id, due_at: '2026-11-19T15:59:59.999Z', done_at: null });
    // The call-back is the office's work list, no clock the ladder climbs with.
    expect(await clocks(caseId, 'callback')).toEqual([]);
    // What was said is sealed at rest and kept out of the timeline.
    const stored = await world.ctx.db.selectFrom('callbacks').select('notes_sealed').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(stored.notes_sealed).not.toContain('工资');
    expect(JSON.stringify(await eventsOf(caseId, 'case.callback_recorded'))).not.toContain('工资');
    expect(await eventsOf(caseId, 'case.callback_recorded')).toEqual([expect.objectContaining({ outcome: 'unsatisfied', reason: 'not_resolved', late: false, reworkId: state.rework?.id, unitId: world.units.township.id })]);
    expect(await eventsOf(caseId, 'case.rework')).toEqual([expect.objectContaining({ reworkId: state.rework?.id, unitId: world.units.township.id, source: 'callback' })]);
    // The unit is told and may report; it does not read what the petitioner said.
    const told = await world.ctx.db.selectFrom('notifications').select('id').where('user_id', '=', world.users.unit_officer.id).where('case_id', '=', caseId).where('template', '=', 'rework.started').execute();
    expect(told).toHaveLength(1);
    const unitView = await getCallbacks(world.ctx, { actor: officer(), caseId });
    expect(unitView.may).toEqual({ record: false, sendBack: false, report: true });
    expect(unitView.past[0]?.notes).toBeNull();

    // The ladder reminds and escalates the rework's clock like every other.
    await scanDeadlines(world.ctx);
    world.time.set('2026-11-15T02:00:00.000Z'); // past two thirds of the fifteen days
    await scanDeadlines(world.ctx);
    world.time.set('2026-11-19T16:01:00.000Z');
    await scanDeadlines(world.ctx);
    world.time.advance(minutes(121));
    await scanDeadlines(world.ctx);
    const reworkEvents = async (type: string) => (await eventsOf(caseId, type)).filter((data) => data.kind === 'rework');
    expect(await reworkEvents('deadline.reminded')).toHaveLength(1);
    expect(await reworkEvents('deadline.missed')).toEqual([expect.objectContaining({ unitId: world.units.township.id })]);
    expect(await reworkEvents('deadline.escalated')).toHaveLength(1);

    // Counted against the unit in the accountability report, the case behind each figure.
    const report = await accountabilityReport(world.ctx, { actor: coordinator(), from: '2026-11-01T00:00:00.000Z', to: world.ctx.now() });
    const township = report.units.find((unit) => unit.unitId === world.units.township.id);
    expect(township?.cases.reworks.map((item) => item.id)).toContain(caseId);
    expect(township?.cases.reworksLate.map((item) => item.id)).toContain(caseId);
    expect(report.units.find((unit) => unit.unitId === world.units.department.id)?.cases.reworks ?? []).not.toContainEqual(expect.objectContaining({ id: caseId }));

    // The unit reports: its clock stops (late), and a new call-back falls due.
    expect((await refusal(reportRework(world.ctx, { actor: world.actor(world.users.otherOfficer), caseId, report: '不是我们' }))).code).toBe('forbidden');
    expect((await refusal(reportRework(world.ctx, { actor: officer(), caseId, report: '  ' }))).field).toBe('report');
    const reported = await reportRework(world.ctx, { actor: officer(), caseId, report: '已督促承包商于11月20日发放全部工资。' });
    expect(reported.rework).toBeNull();
    expect(reported.pastReworks[0]).toMatchObject({ report: '已督促承包商于11月20日发放全部工资。', reportedBy: world.users.unit_officer.id });
    expect(reported.pastReworks[0]?.deadline.status).toBe('missed');
    expect(reported.current).toMatchObject({ afterReworkId: state.rework?.id, outcome: null });
    expect((await clocks(caseId, 'rework'))[0]?.done_at).not.toBeNull();
    expect(await eventsOf(caseId, 'rework.reported')).toEqual([expect.objectContaining({ late: true, unitId: world.units.township.id })]);
    expect(reasonOf(await refusal(reportRework(world.ctx, { actor: officer(), caseId, report: 'again' })))).toBe('no_rework');
    // The climb stops with the report.
    world.time.advance(days(5));
    await scanDeadlines(world.ctx);
    expect(await reworkEvents('deadline.escalated')).toHaveLength(1);
  });

  it('satisfied, an unsatisfied reason the unit cannot fix, or unreachable: recorded, the task done, the case not sent back', async () => {
    for (const [outcome, reason] of [['satisfied', undefined], ['basically_satisfied', undefined], ['unsatisfied', 'beyond_policy'], ['unreachable', undefined]] as const) {
      const caseId = await answeredCase();
      const state = await recordCallback(world.ctx, { actor: coordinator(), caseId, outcome, ...(reason ? { reason } : {}) });
      expect(state.past[0]).toMatchObject({ outcome, reason: reason ?? null, reworkId: null });
      expect(state.rework).toBeNull();
      expect(state.current).toBeNull();
      expect(await clocks(caseId, 'rework')).toEqual([]);
      expect(await eventsOf(caseId, 'case.rework')).toEqual([]);
      expect((await listCallbacksDue(world.ctx, { actor: coordinator(), limit: 200 })).items.map((item) => item.caseId)).not.toContain(caseId);
    }
  });

  it('refuses a wrong outcome, a missing or misplaced reason, a wrong number of days, the unit, and a second record, writing nothing', async () => {
    const caseId = await answeredCase();
    const before = await world.ctx.db.selectFrom('events').select('id').where('case_id', '=', caseId).execute();
    expect((await refusal(recordCallback(world.ctx, { actor: coordinator(), caseId, outcome: 'happy' }))).field).toBe('outcome');
    expect((await refusal(recordCallback(world.ctx, { actor: coordinator(), caseId, outcome: 'unsatisfied' }))).field).toBe('reason');
    expect((await refusal(recordCallback(world.ctx, { actor: coordinator(), caseId, outcome: 'unsatisfied', reason: 'bad' }))).field).toBe('reason');
    expect((await refusal(recordCallback(world.ctx, { actor: coordinator(), caseId, outcome: 'satisfied', reason: 'not_resolved' }))).field).toBe('reason');
    expect((await refusal(recordCallback(world.ctx, { actor: coordinator(), caseId, outcome: 'unsatisfied', reason: 'attitude', reworkDays: 0 }))).field).toBe('reworkDays');
    expect((await refusal(recordCallback(world.ctx, { actor: officer(), caseId, outcome: 'satisfied' }))).code).toBe('forbidden');
    expect(await world.ctx.db.selectFrom('events').select('id').where('case_id', '=', caseId).execute()).toEqual(before);
    expect((await getCallbacks(world.ctx, { actor: coordinator(), caseId })).current?.outcome).toBeNull();

    await recordCallback(world.ctx, { actor: coordinator(), caseId, outcome: 'satisfied' });
    const twice = await refusal(recordCallback(world.ctx, { actor: coordinator(), caseId, outcome: 'unsatisfied', reason: 'attitude' }));
    expect([twice.code, reasonOf(twice)]).toEqual(['conflict', 'no_callback_due']);
    expect(await world.ctx.db.selectFrom('reworks').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
  });

  it('walks the call-backs due from their own index, soonest first', async () => {
    const query = callbacksDueQuery(world.ctx.db, { after: null, limit: 50 });
    const plan = await world.ctx.db.connection().execute(async (db) => {
      // A table of a few test rows reads faster whole: the question is whether the index serves the list.
      if (kind === 'postgres') for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) await sql`set ${sql.raw(setting)} = off`.execute(db);
      const text = await explain(db, world.ctx.adapter, query.compile());
      if (kind === 'postgres') await sql`reset all`.execute(db);
      return text;
    });
    expect(plan).toContain('callbacks_due');
    if (kind === 'sqlite') expect(plan).not.toContain('TEMP B-TREE');
    else expect(plan).toMatch(/Index (Only )?Scan using callbacks_due/);
    const page = await listCallbacksDue(world.ctx, { actor: coordinator(), limit: 1 });
    expect(page.items).toHaveLength(1);
    const next = await listCallbacksDue(world.ctx, { actor: coordinator(), limit: 200, ...(page.nextCursor ? { cursor: page.nextCursor } : {}) });
    const dues = [...page.items, ...next.items].map((item) => item.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect((await refusal(listCallbacksDue(world.ctx, { actor: officer() }))).code).toBe('forbidden');
    expect((await refusal(listCallbacksDue(world.ctx, { actor: coordinator(), cursor: 'nonsense' }))).field).toBe('cursor');
  });
});
