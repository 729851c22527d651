import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../bench/queue-plans.js';
import { DomainError } from '../core/errors.js';
import { listCasesQuery } from '../db/repositories/cases.js';
import { scanDeadlines } from '../jobs/deadline-scanner.js';
import { databaseKinds } from '../../test/databases.js';
import { days, minutes } from '../../test/time.js';
import { buildCase, buildWorld, type World } from '../../test/world.js';
import { assignUnit } from './assign-unit.js';
import { getCase } from './get-case.js';
import { listCases } from './list-cases.js';
import { stats } from './stats.js';
import { endSupervision, getSupervision, giveSupervisionFeedback, superviseCase } from './supervision.js';
import { caseNotices } from './written-notices.js';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('Expected a refusal.');
}

describe.each(databaseKinds)('supervision by the leadership group on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    // 10:00 in Beijing on Monday 2 November 2026.
    world = await buildWorld(kind, '2026-11-02T02:00:00.000Z');
  });
  afterAll(() => world.dispose());

  const leader = () => world.actor(world.users.leader);
  const officer = () => world.actor(world.users.unit_officer);

  async function assignedCase() {
    world.time.set('2026-11-02T02:00:00.000Z');
    const opened = await buildCase(world);
    await assignUnit(world.ctx, { actor: world.actor(world.users.coordinator), caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
    return opened.id;
  }

  async function inbox(userId: string, template: string, caseId: string) {
    return world.ctx.db.selectFrom('notifications').select('data').where('user_id', '=', userId).where('case_id', '=', caseId).where('template', '=', template as never).where('channel', '=', 'inapp').execute();
  }

  it('a leader puts a case under supervision: a written notice to the lead unit, its feedback due in the plan’s 10 days, the queue filter and the dashboard count', async () => {
    const caseId = await assignedCase();
    const before = await stats(world.ctx, { actor: leader() });
    const state = await superviseCase(world.ctx, { actor: leader(), caseId, kind: 'supervised', requirements: '十日内查清欠薪情况并书面反馈' });
    expect(state.current).toMatchObject({ kind: 'supervised', unitId: world.units.township.id, requirements: '十日内查清欠薪情况并书面反馈', feedback: null });
    // Ten calendar days from 2 November, to the end of the day in Beijing.
    expect(state.current?.feedbackDeadline).toEqual({ dueAt: '2026-11-12T15:59:59.999Z', doneAt: null, status: 'pending' });
    expect(state.may).toEqual({ supervise: false, feedback: false, end: true });

    const notices = (await getCase(world.ctx, { actor: leader(), caseId })).notices;
    const notice = notices.find((item) => item.id === state.current?.noticeId);
    expect(notice?.kind).toBe('supervision');
    expect(notice?.content.zh.title).toBe('信访事项督办通知书');
    expect(notice?.content.zh.body).toContain('城关镇：');
    expect(notice?.content.zh.body).toContain('经领导小组决定督办');
    expect(notice?.content.zh.body).toContain('请于 2026年11月12日 前将办理情况书面反馈领导小组');
    expect(notice?.content.en.body).toContain('under supervision');
    // A notice to the unit is not the petitioner's.
    const petitioners = await world.ctx.db.transaction().execute((trx) => caseNotices(world.ctx, trx, caseId, { petitioner: true }));
    expect(petitioners.map((item) => item.kind)).not.toContain('supervision');

    expect(await inbox(world.users.unit_officer.id, 'supervision.started', caseId)).toHaveLength(1);
    expect(await inbox(world.users.otherOfficer.id, 'supervision.started', caseId)).toHaveLength(0);
    const supervised = await listCases(world.ctx, { actor: world.actor(world.users.coordinator), filters: { supervised: true } });
    expect(supervised.items.map((item) => item.id)).toContain(caseId);
    const after = await stats(world.ctx, { actor: leader() });
    expect(after.supervised.total).toBe(before.supervised.total + 1);
    expect(after.supervised.listed).toBe(before.supervised.listed);
    // The unit sees that it must answer.
    expect((await getSupervision(world.ctx, { actor: officer(), caseId })).may).toEqual({ supervise: false, feedback: true, end: false });
  });

  it('refuses a wrong kind, empty requirements, a second supervision, a case with no lead unit and anyone but a leader, writing nothing', async () => {
    const caseId = await assignedCase();
    expect((await refusal(superviseCase(world.ctx, { actor: leader(), caseId, kind: 'urgent', requirements: 'x' }))).field).toBe('kind');
    expect((await refusal(superviseCase(world.ctx, { actor: leader(), caseId, kind: 'listed', requirements: '   ' }))).field).toBe('requirements');
    expect((await refusal(superviseCase(world.ctx, { actor: leader(), caseId, kind: 'listed', requirements: 'x', feedbackDays: 0 }))).field).toBe('feedbackDays');
    expect((await refusal(superviseCase(world.ctx, { actor: world.actor(world.users.coordinator), caseId, kind: 'listed', requirements: 'x' }))).code).toBe('forbidden');
    expect(await world.ctx.db.selectFrom('supervisions').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
    expect((await getCase(world.ctx, { actor: leader(), caseId })).notices.map((item) => item.kind)).not.toContain('supervision');

    await superviseCase(world.ctx, { actor: leader(), caseId, kind: 'listed', requirements: '挂牌督办，限期办结' });
    const twice = await refusal(superviseCase(world.ctx, { actor: leader(), caseId, kind: 'supervised', requirements: 'again' }));
    expect([twice.code, (twice.details as { reason?: string }).reason]).toEqual(['conflict', 'already_supervised']);

    const unassigned = await buildCase(world);
    const noUnit = await refusal(superviseCase(world.ctx, { actor: leader(), caseId: unassigned.id, kind: 'supervised', requirements: 'x' }));
    expect((noUnit.details as { reason?: string }).reason).toBe('no_lead_unit');
  });

  it('clocks the unit’s feedback like every clock: reminded, missed and escalated by the ladder; stopped by the feedback, late feedback recorded as late', async () => {
    const caseId = await assignedCase();
    await superviseCase(world.ctx, { actor: leader(), caseId, kind: 'supervised', requirements: '查清并反馈' });
    await scanDeadlines(world.ctx);
    const events = async (type: string) =>
      (await world.ctx.db.selectFrom('events').select('data').where('case_id', '=', caseId).where('type', '=', type).execute())
        .map((row) => JSON.parse(row.data) as Record<string, unknown>)
        .filter((data) => data.kind === 'supervision_feedback');
    world.time.set('2026-11-09T04:00:00.000Z'); // past two thirds of the ten days and 14 hours: 9 November, 03:20 UTC
    await scanDeadlines(world.ctx);
    expect(await events('deadline.reminded')).toHaveLength(1);
    world.time.set('2026-11-12T16:01:00.000Z');
    await scanDeadlines(world.ctx);
    expect(await events('deadline.missed')).toEqual([expect.objectContaining({ unitId: world.units.township.id, notified: 'office' })]);
    world.time.advance(minutes(121));
    await scanDeadlines(world.ctx);
    expect((await events('deadline.escalated')).map((event) => event.notified)).toEqual(['leadership_group']);

    const other = await refusal(giveSupervisionFeedback(world.ctx, { actor: world.actor(world.users.otherOfficer), caseId, feedback: '不是我们' }));
    expect(other.code).toBe('forbidden');
    expect((await refusal(giveSupervisionFeedback(world.ctx, { actor: officer(), caseId, feedback: ' ' }))).field).toBe('feedback');
    const answered = await giveSupervisionFeedback(world.ctx, { actor: officer(), caseId, feedback: '已查清，欠薪已于11月10日全部支付。' });
    expect(answered.current).toMatchObject({ feedback: '已查清，欠薪已于11月10日全部支付。', feedbackBy: world.users.unit_officer.id });
    expect(answered.current?.feedbackDeadline.status).toBe('missed');
    expect(answered.may.feedback).toBe(false);
    const feedbackNotice = (await inbox(world.users.leader.id, 'supervision.feedback', caseId)).map((row) => JSON.parse(row.data) as Record<string, unknown>);
    expect(feedbackNotice).toEqual([expect.objectContaining({ late: true })]);
    const twice = await refusal(giveSupervisionFeedback(world.ctx, { actor: officer(), caseId, feedback: 'again' }));
    expect((twice.details as { reason?: string }).reason).toBe('feedback_given');
    // Done: the ladder climbs no further.
    world.time.advance(days(5));
    await scanDeadlines(world.ctx);
    expect(await events('deadline.escalated')).toHaveLength(1);
  });

  it('a leader ends the supervision: the case leaves the filter and the count, and may be supervised again', async () => {
    const caseId = await assignedCase();
    await superviseCase(world.ctx, { actor: leader(), caseId, kind: 'listed', requirements: '挂牌督办' });
    const counted = await stats(world.ctx, { actor: leader() });
    expect((await refusal(endSupervision(world.ctx, { actor: officer(), caseId }))).code).toBe('forbidden');
    const ended = await endSupervision(world.ctx, { actor: leader(), caseId, note: '问题已解决' });
    expect(ended.current).toBeNull();
    expect(ended.past).toEqual([expect.objectContaining({ kind: 'listed', endNote: '问题已解决' })]);
    expect(ended.past[0]?.feedbackDeadline.status).toBe('stopped');
    expect(ended.may.supervise).toBe(true);
    const after = await stats(world.ctx, { actor: leader() });
    expect([after.supervised.total, after.supervised.listed]).toEqual([counted.supervised.total - 1, counted.supervised.listed - 1]);
    const supervised = await listCases(world.ctx, { actor: leader(), filters: { supervised: true } });
    expect(supervised.items.map((item) => item.id)).not.toContain(caseId);
    const clock = await world.ctx.db.selectFrom('deadlines').select('done_at').where('case_id', '=', caseId).where('kind', '=', 'supervision_feedback').executeTakeFirst();
    expect(clock?.done_at).not.toBeNull();
    expect((await refusal(endSupervision(world.ctx, { actor: leader(), caseId }))).details).toMatchObject({ reason: 'not_supervised' });
  });

  it('walks the supervised cases from their own index', async () => {
    const query = listCasesQuery(world.ctx.db, world.ctx.adapter, { scope: { all: true }, filters: { supervised: true }, order: 'newest', now: world.ctx.now(), limit: 51, after: null });
    const plan = await world.ctx.db.connection().execute(async (db) => {
      // A table of a few test rows reads faster whole: the question is whether the index serves the filter.
      // (PostgreSQL, on a table it has not analysed, would also rather sort a bitmap's rows.)
      if (kind === 'postgres') for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) await sql`set ${sql.raw(setting)} = off`.execute(db);
      const text = await explain(db, world.ctx.adapter, query.compile());
      if (kind === 'postgres') await sql`reset all`.execute(db);
      return text;
    });
    expect(plan).toContain('cases_supervised');
    // The page is walked in order from the index: SQLite sorts nothing; PostgreSQL sorts only the page it took (its outer query).
    if (kind === 'sqlite') expect(plan).not.toContain('TEMP B-TREE');
    else expect(plan).toMatch(/Limit[\s\S]*Index (Only )?Scan (Backward )?using cases_supervised/);
  });
});
