import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.js';
import { scanDeadlines } from '../jobs/deadline-scanner.js';
import { databaseKinds } from '../../test/databases.js';
import { days, hours, minutes } from '../../test/time.js';
import { buildCase, buildWorld, type World } from '../../test/world.js';
import { assignUnit } from './assign-unit.js';
import { addAnswer, addMeeting } from './case-records.js';
import { addCommitment, completeCommitment, dropCommitment, getCommitments } from './commitments.js';
import { getCase } from './get-case.js';
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

const problemsOf = (error: DomainError) => (error.details as { problems?: { field: string; code: string }[] }).problems;

describe.each(databaseKinds)('the commitments ledger on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    // 10:00 in Beijing on Monday 2 November 2026.
    world = await buildWorld(kind, '2026-11-02T02:00:00.000Z');
  });
  afterAll(() => world.dispose());

  const coordinator = () => world.actor(world.users.coordinator);
  const officer = () => world.actor(world.users.unit_officer);

  async function assignedCase() {
    world.time.set('2026-11-02T02:00:00.000Z');
    const opened = await buildCase(world);
    await assignUnit(world.ctx, { actor: coordinator(), caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
    return opened.id;
  }

  async function events(caseId: string, type: string) {
    const rows = await world.ctx.db.selectFrom('events').select(['at', 'data']).where('case_id', '=', caseId).where('type', '=', type).orderBy('id').execute();
    return rows.map((row): Record<string, unknown> & { at: string } => ({ ...(JSON.parse(row.data) as Record<string, unknown>), at: row.at })).filter((data) => data.kind === undefined || data.kind === 'commitment');
  }

  async function townshipFigures() {
    const report = await accountabilityReport(world.ctx, { actor: coordinator(), from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    return report.units.find((unit) => unit.unitId === world.units.township.id);
  }

  it('a commitment overdue escalates twice on schedule and counts against its unit', async () => {
    const caseId = await assignedCase();
    const before = await townshipFigures();
    const added = await addCommitment(world.ctx, { actor: coordinator(), caseId, source: 'decision', text: '11月5日前结清拖欠工资', ownerUnitId: world.units.township.id, dueDate: '2026-11-05' });
    const commitment = added.items[0];
    // Due by the end of 5 November in Beijing.
    expect(commitment).toMatchObject({ ownerUnitId: world.units.township.id, dueAt: '2026-11-05T15:59:59.999Z', status: 'open', may: { done: true, drop: true } });
    await scanDeadlines(world.ctx);

    // Two thirds of the time: reminded once, to the owner unit.
    world.time.set('2026-11-04T12:00:00.000Z');
    await scanDeadlines(world.ctx);
    expect(await events(caseId, 'deadline.reminded')).toHaveLength(1);

    // Missed: the first rung of the township's chain (the office) hears of it, the township too.
    world.time.set('2026-11-05T16:00:00.000Z');
    await scanDeadlines(world.ctx);
    expect(await events(caseId, 'deadline.missed')).toEqual([expect.objectContaining({ subject: commitment?.id, unitId: world.units.township.id, notified: 'office', at: '2026-11-05T16:00:00.000Z' })]);
    expect((await getCommitments(world.ctx, { actor: coordinator(), caseId })).items[0]?.status).toBe('overdue');

    // The plan's schedule: 120 minutes to the first step up, a day to the second, and neither before its time.
    world.time.advance(minutes(119));
    await scanDeadlines(world.ctx);
    expect(await events(caseId, 'deadline.escalated')).toEqual([]);
    world.time.advance(minutes(2));
    await scanDeadlines(world.ctx);
    world.time.advance(hours(23));
    await scanDeadlines(world.ctx);
    expect((await events(caseId, 'deadline.escalated')).map((event) => event.step)).toEqual([1]);
    world.time.advance(hours(1) + minutes(1));
    await scanDeadlines(world.ctx);
    const steps = await events(caseId, 'deadline.escalated');
    expect(steps.map((event) => [event.step, event.notified, event.at])).toEqual([
      [1, 'leadership_group', '2026-11-05T18:01:00.000Z'],
      [2, 'leadership_group', '2026-11-06T18:02:00.000Z'],
    ]);
    const leaderInbox = await world.ctx.db.selectFrom('notifications').select('data').where('user_id', '=', world.users.leader.id).where('case_id', '=', caseId).where('template', '=', 'deadline.escalated').where('channel', '=', 'inapp').execute();
    expect(leaderInbox.map((row) => (JSON.parse(row.data) as { kind: string; step: number })).filter((data) => data.kind === 'commitment').map((data) => data.step)).toEqual([1, 2]);

    // Not kept as of now: counted against the township, with the case behind the figure.
    const overdue = await townshipFigures();
    expect(overdue?.commitmentsNotKept).toBe((before?.commitmentsNotKept ?? 0) + 1);
    expect(overdue?.cases.commitmentsNotKept.map((item) => item.id)).toContain(caseId);

    // Done a day late, with its evidence: kept late, and the ladder climbs no further.
    const done = await completeCommitment(world.ctx, { actor: officer(), caseId, commitmentId: commitment?.id ?? '', evidence: '工资已于11月7日通过银行转账结清，附转账凭证。' });
    expect(done.items[0]).toMatchObject({ status: 'done', evidence: '工资已于11月7日通过银行转账结清，附转账凭证。', doneBy: world.users.unit_officer.id });
    expect(done.items[0]?.deadline.status).toBe('missed');
    expect(await events(caseId, 'commitment.done')).toEqual([expect.objectContaining({ late: true, unitId: world.units.township.id })]);
    const kept = await townshipFigures();
    expect(kept?.commitmentsNotKept).toBe(before?.commitmentsNotKept ?? 0);
    expect(kept?.commitmentsKeptLate).toBe((before?.commitmentsKeptLate ?? 0) + 1);
    world.time.advance(days(5));
    await scanDeadlines(world.ctx);
    expect(await events(caseId, 'deadline.escalated')).toHaveLength(2);
  });

  it('refuses a commitment without an owner, with a due date in the past or of an unknown unit, naming each field and writing nothing', async () => {
    const caseId = await assignedCase();
    const base = { actor: coordinator(), caseId, source: 'decision', text: '完成现场核查' };
    const written = async () => ({
      commitments: (await world.ctx.db.selectFrom('commitments').select('id').where('case_id', '=', caseId).execute()).length,
      clocks: (await world.ctx.db.selectFrom('deadlines').select('id').where('case_id', '=', caseId).where('kind', '=', 'commitment').execute()).length,
      events: (await world.ctx.db.selectFrom('events').select('id').where('case_id', '=', caseId).execute()).length,
    });
    const before = await written();
    const noOwner = await refusal(addCommitment(world.ctx, { ...base, dueDate: '2026-11-20' }));
    expect([noOwner.code, noOwner.field, problemsOf(noOwner)]).toEqual(['validation_failed', 'ownerUnitId', [{ field: 'ownerUnitId', code: 'required' }]]);
    const past = await refusal(addCommitment(world.ctx, { ...base, ownerUnitId: world.units.township.id, dueDate: '2026-11-01' }));
    expect(problemsOf(past)).toEqual([{ field: 'dueDate', code: 'in_past' }]);
    const both = await refusal(addCommitment(world.ctx, { ...base, text: ' ', dueDate: '2026-10-30' }));
    expect(problemsOf(both)?.map((problem) => [problem.field, problem.code])).toEqual([['text', 'required'], ['ownerUnitId', 'required'], ['dueDate', 'in_past']]);
    const unknown = await refusal(addCommitment(world.ctx, { ...base, ownerUnitId: 'no-such-unit', dueDate: '2026-11-20' }));
    expect(problemsOf(unknown)).toEqual([{ field: 'ownerUnitId', code: 'no_such_unit' }]);
    const noMeeting = await refusal(addCommitment(world.ctx, { ...base, source: 'meeting', meetingId: 'elsewhere', ownerUnitId: world.units.township.id, dueDate: '2026-11-20' }));
    expect(problemsOf(noMeeting)).toEqual([{ field: 'meetingId', code: 'no_such_meeting' }]);
    expect((await refusal(addCommitment(world.ctx, { ...base, actor: officer(), ownerUnitId: world.units.township.id, dueDate: '2026-11-20' }))).code).toBe('forbidden');
    expect(await written()).toEqual(before);
    // Today is still to come until its end.
    const today = await addCommitment(world.ctx, { ...base, ownerUnitId: world.units.township.id, dueDate: '2026-11-02' });
    expect(today.items.map((item) => item.dueAt)).toEqual(['2026-11-02T15:59:59.999Z']);
  });

  it('a meeting’s commitment: done only by its owner unit or the office, once; dropped with a reason, and one dropped before it was due is no broken promise', async () => {
    const caseId = await assignedCase();
    const meeting = await addMeeting(world.ctx, { actor: coordinator(), caseId, heldAt: '2026-11-02T01:30:00.000Z', attendees: '信访局、城关镇、群众代表', summary: '约谈', commitments: ['镇政府一周内书面答复'] });
    const meetingId = meeting.meetings[0]?.id ?? '';
    const state = await addCommitment(world.ctx, { actor: coordinator(), caseId, source: 'meeting', meetingId, text: '镇政府一周内书面答复', ownerUnitId: world.units.township.id, dueDate: '2026-11-09' });
    const id = state.items[0]?.id ?? '';
    expect(state.items[0]).toMatchObject({ source: 'meeting', meetingId });
    const other = await refusal(completeCommitment(world.ctx, { actor: world.actor(world.users.otherOfficer), caseId, commitmentId: id, evidence: 'x' }));
    expect(other.code).toBe('forbidden');
    expect(problemsOf(await refusal(completeCommitment(world.ctx, { actor: officer(), caseId, commitmentId: id, evidence: '  ' })))).toEqual([{ field: 'evidence', code: 'required' }]);
    expect(problemsOf(await refusal(dropCommitment(world.ctx, { actor: coordinator(), caseId, commitmentId: id, reason: '' })))).toEqual([{ field: 'reason', code: 'required' }]);
    expect((await refusal(dropCommitment(world.ctx, { actor: officer(), caseId, commitmentId: id, reason: '不需要了' }))).code).toBe('forbidden');

    const dropped = await dropCommitment(world.ctx, { actor: coordinator(), caseId, commitmentId: id, reason: '群众撤回该项诉求' });
    expect(dropped.items[0]).toMatchObject({ status: 'dropped', dropReason: '群众撤回该项诉求', may: { done: false, drop: false } });
    expect(dropped.items[0]?.deadline.status).toBe('stopped');
    const twice = await refusal(completeCommitment(world.ctx, { actor: coordinator(), caseId, commitmentId: id, evidence: 'x' }));
    expect([twice.code, (twice.details as { reason?: string }).reason]).toEqual(['already_done', 'commitment_settled']);
    const clock = await world.ctx.db.selectFrom('deadlines').select('done_at').where('subject', '=', id).executeTakeFirst();
    expect(clock?.done_at).toBe('2026-11-02T02:00:00.000Z');
    // Dropped before it was due, for its reason: not counted against the township.
    const report = await accountabilityReport(world.ctx, { actor: coordinator(), from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    const township = report.units.find((unit) => unit.unitId === world.units.township.id);
    expect(township?.cases.commitmentsNotKept.map((item) => item.id) ?? []).not.toContain(caseId);
  });

  it('the case is not concluded while a commitment is open unless the office records why', async () => {
    const caseId = await assignedCase();
    await addCommitment(world.ctx, { actor: coordinator(), caseId, source: 'decision', text: '一个月内完成道路修复', ownerUnitId: world.units.township.id, dueDate: '2026-12-01' });
    await moveStage(world.ctx, { actor: coordinator(), caseId, to: 'resolution' });
    await addAnswer(world.ctx, { actor: coordinator(), caseId, body: '道路将于12月1日前修复。' });
    const offered = (await getCase(world.ctx, { actor: coordinator(), caseId })).moves.find((move) => move.to === 'closed');
    expect(offered).toMatchObject({ reasonRequired: true, blockedBy: null });
    const held = await refusal(moveStage(world.ctx, { actor: coordinator(), caseId, to: 'closed' }));
    expect([held.code, held.field, held.details]).toEqual(['guard_failed', 'reason', { guard: 'commitmentsOpen' }]);
    expect((await getCase(world.ctx, { actor: coordinator(), caseId })).stage).toBe('resolution');
    const closed = await moveStage(world.ctx, { actor: coordinator(), caseId, to: 'closed', reason: '答复已作出，道路修复由城关镇继续落实，信访局跟踪。' });
    expect(closed.stage).toBe('closed');
    const [moved] = (await events(caseId, 'stage.changed')).filter((event) => event.to === 'closed');
    expect(moved).toMatchObject({ reason: '答复已作出，道路修复由城关镇继续落实，信访局跟踪。', openCommitments: 1 });
    // The commitment outlives the case: still open, its clock still running.
    const after = await getCommitments(world.ctx, { actor: coordinator(), caseId });
    expect([after.open, after.items[0]?.status, after.may.add]).toEqual([1, 'open', false]);
  });

  it('a case whose commitments are all settled closes without a reason', async () => {
    const caseId = await assignedCase();
    const added = await addCommitment(world.ctx, { actor: coordinator(), caseId, source: 'decision', text: '退还押金', ownerUnitId: world.units.township.id, dueDate: '2026-11-10' });
    await completeCommitment(world.ctx, { actor: coordinator(), caseId, commitmentId: added.items[0]?.id ?? '', evidence: '押金已退还' });
    await moveStage(world.ctx, { actor: coordinator(), caseId, to: 'resolution' });
    await addAnswer(world.ctx, { actor: coordinator(), caseId, body: '押金已退还。' });
    expect((await getCase(world.ctx, { actor: coordinator(), caseId })).moves.find((move) => move.to === 'closed')?.reasonRequired).toBe(false);
    expect((await moveStage(world.ctx, { actor: coordinator(), caseId, to: 'closed' })).stage).toBe('closed');
  });
});
