import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignUnit, recordAssignmentStep } from '../commands/assign-unit.js';
import { addAnswer } from '../commands/case-records.js';
import { getCase } from '../commands/get-case.js';
import { moveStage } from '../commands/move-stage.js';
import { accountabilityReport, type UnitReport } from '../commands/reports.js';
import { DomainError } from '../core/errors.js';
import { repair } from '../db/migrations/005-clock-stops.js';
import { minutes } from '../../test/time.js';
import { databaseKinds } from '../../test/databases.js';
import { buildCase, buildWorld, type World } from '../../test/world.js';
import { scanDeadlines } from './deadline-scanner.js';

async function eventsOf(world: World, caseId: string, type: string) {
  const rows = await world.ctx.db.selectFrom('events').select(['at', 'data']).where('case_id', '=', caseId).where('type', '=', type).orderBy('id').execute();
  return rows.map((row): Record<string, unknown> & { at: string } => ({ ...(JSON.parse(row.data) as Record<string, unknown>), at: row.at }));
}

const notificationsOf = (world: World, caseId: string) =>
  world.ctx.db.selectFrom('notifications').select('template').where('case_id', '=', caseId).where(sql.ref<string>('template'), 'like', 'deadline.%').execute();

describe.each(databaseKinds)('a case at rest stops its units’ clocks, on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(kind, '2026-11-02T08:00:00.000Z'); // 16:00 Beijing, Monday
  });
  afterAll(() => world.dispose());

  const coordinator = () => world.actor(world.users.coordinator);

  /** A letter led by the township, accepted, answered and closed `closeAfter` ms after the unit was notified. */
  async function closedCase(start: string, closeAfter: number) {
    world.time.set(start);
    const opened = await buildCase(world);
    const assigned = await assignUnit(world.ctx, { actor: coordinator(), caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
    const assignmentId = assigned.assignments[0]?.id ?? '';
    // The scanner runs every minute while the case is open.
    for (let passed = 0; passed < closeAfter; passed += minutes(1)) {
      world.time.advance(Math.min(minutes(1), closeAfter - passed));
      await scanDeadlines(world.ctx);
    }
    await moveStage(world.ctx, { actor: coordinator(), caseId: opened.id, to: 'resolution' });
    await addAnswer(world.ctx, { actor: coordinator(), caseId: opened.id, body: 'The wages were paid on 1 November.' });
    const closed = await moveStage(world.ctx, { actor: coordinator(), caseId: opened.id, to: 'closed' });
    return { caseId: opened.id, assignmentId, closedAt: closed.stageChangedAt };
  }

  const township = async (from: string, to: string): Promise<UnitReport | undefined> =>
    (await accountabilityReport(world.ctx, { actor: coordinator(), from, to })).units.find((unit) => unit.unitId === world.units.township.id);

  it('records no miss, notifies nobody and counts nothing against a unit whose case closed before its clocks ran out', async () => {
    // Notified 08:00; acknowledgement due 08:30, proposal due 7 Nov; the case closes at 08:10.
    const { caseId, closedAt } = await closedCase('2026-11-02T08:00:00.000Z', minutes(10));
    world.time.set('2026-11-20T08:00:00.000Z');
    await scanDeadlines(world.ctx);
    expect(await eventsOf(world, caseId, 'deadline.missed')).toEqual([]);
    expect(await notificationsOf(world, caseId)).toEqual([]);

    const seen = await getCase(world.ctx, { actor: coordinator(), caseId });
    expect(seen.assignments[0]).toMatchObject({ clocksStoppedAt: closedAt, acknowledge: { status: 'stopped' }, proposal: { status: 'stopped' } });
    // Neither the office nor the unit is offered the unit's buttons any more.
    expect(seen.assignments[0]?.abilities).toEqual({ acknowledge: false, arrive: false, propose: false, object: false, reroute: false, onBehalf: true });
    const asUnit = await getCase(world.ctx, { actor: world.actor(world.users.unit_officer), caseId });
    expect(asUnit.assignments[0]?.abilities).toEqual({ acknowledge: false, arrive: false, propose: false, object: false, reroute: false, onBehalf: false });

    const figures = await township('2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z');
    expect(figures).toMatchObject({ casesAssigned: 1, neverAcknowledged: 0, proposalsLate: 0 });
  });

  it('stops the units’ clocks at the written answer, before the office closes the case', async () => {
    // Notified 08:00 (acknowledgement due 08:30); answered at 08:10; the office has not closed it.
    world.time.set('2026-11-09T08:00:00.000Z');
    const opened = await buildCase(world);
    const assigned = await assignUnit(world.ctx, { actor: coordinator(), caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
    const assignmentId = assigned.assignments[0]?.id ?? '';
    await moveStage(world.ctx, { actor: coordinator(), caseId: opened.id, to: 'resolution' });
    world.time.advance(minutes(10));
    const answered = await addAnswer(world.ctx, { actor: coordinator(), caseId: opened.id, body: 'The wages were paid on 1 November.' });
    expect(answered.stage).toBe('resolution');
    world.time.set('2026-11-20T08:00:00.000Z');
    await scanDeadlines(world.ctx);
    expect(await eventsOf(world, opened.id, 'deadline.missed')).toEqual([]);
    expect(await notificationsOf(world, opened.id)).toEqual([]);
    const seen = await getCase(world.ctx, { actor: coordinator(), caseId: opened.id });
    expect(seen.assignments[0]).toMatchObject({ clocksStoppedAt: '2026-11-09T08:10:00.000Z', acknowledge: { status: 'stopped' }, proposal: { status: 'stopped' } });
    const attempt = recordAssignmentStep(world.ctx, { actor: world.actor(world.users.unit_officer), caseId: opened.id, assignmentId, step: 'acknowledge' });
    await expect(attempt).rejects.toMatchObject({ code: 'clocks_stopped', status: 409 });
    const figures = await township('2026-11-09T00:00:00.000Z', '2026-11-10T00:00:00.000Z');
    expect(figures).toMatchObject({ casesAssigned: 1, neverAcknowledged: 0, proposalsLate: 0 });
  });

  it('refuses to record a step for a unit once its case is closed, naming why', async () => {
    const { caseId, assignmentId, closedAt } = await closedCase('2026-11-03T08:00:00.000Z', minutes(5));
    const attempt = recordAssignmentStep(world.ctx, { actor: world.actor(world.users.unit_officer), caseId, assignmentId, step: 'acknowledge' });
    await expect(attempt).rejects.toMatchObject({ code: 'clocks_stopped', status: 409, details: { stoppedAt: closedAt, stage: 'closed' } });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
  });

  it('still holds a unit to a clock that ran out before the case closed, and keeps its clocks stopped through a review', async () => {
    // The acknowledgement was due 08:30 and the case closes at 09:00: that miss is real; the proposal's is not.
    const { caseId } = await closedCase('2026-11-04T08:00:00.000Z', minutes(60));
    expect((await eventsOf(world, caseId, 'deadline.missed')).map((miss) => [miss.kind, miss.at])).toEqual([['acknowledge', '2026-11-04T08:31:00.000Z']]);
    world.time.set('2026-11-05T08:00:00.000Z');
    await moveStage(world.ctx, { actor: coordinator(), caseId, to: 'review', reason: 'The petitioner says one month is still unpaid.' });
    world.time.set('2026-11-25T08:00:00.000Z');
    await scanDeadlines(world.ctx);
    // The review is judged by its own clock (due 5 Dec); the unit's old clocks do not start again.
    expect((await eventsOf(world, caseId, 'deadline.missed')).map((miss) => miss.kind)).toEqual(['acknowledge']);
    const figures = await township('2026-11-04T00:00:00.000Z', '2026-11-05T00:00:00.000Z');
    expect(figures).toMatchObject({ casesAssigned: 1, neverAcknowledged: 1, proposalsLate: 0 });
  });

  it('voids the misses recorded after a case came to rest, in the timeline and the report (migration 005)', async () => {
    const { caseId, assignmentId, closedAt } = await closedCase('2026-11-06T08:00:00.000Z', minutes(10));
    // The record as the old scanner left it: the unit's clocks kept running after the case closed.
    await world.ctx.db.updateTable('assignments').set({ clocks_stopped_at: null }).where('id', '=', assignmentId).execute();
    await world.ctx.db.updateTable('deadlines').set({ done_at: null }).where('subject', '=', assignmentId).execute();
    await world.ctx.db.updateTable('cases').set({ stage: 'resolution' }).where('id', '=', caseId).execute();
    world.time.set('2026-11-20T08:00:00.000Z');
    await scanDeadlines(world.ctx);
    await world.ctx.db.updateTable('cases').set({ stage: 'closed' }).where('id', '=', caseId).execute();
    const misses = await eventsOf(world, caseId, 'deadline.missed');
    expect(misses.map((miss) => miss.kind).sort()).toEqual(['acknowledge', 'proposal']);
    const period = ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'] as const;

    world.time.set('2026-11-21T08:00:00.000Z');
    await world.ctx.db.transaction().execute((trx) => repair(trx, world.ctx.now()));
    const voided = await eventsOf(world, caseId, 'deadline.voided');
    expect(voided.map((item) => [item.kind, item.missedAt, item.stoppedAt]).sort()).toEqual(
      misses.map((miss) => [miss.kind, miss.at, closedAt]).sort(),
    );
    expect(voided[0]).toMatchObject({ at: '2026-11-21T08:00:00.000Z', unitId: world.units.township.id, reason: 'case_at_rest' });
    const row = await world.ctx.db.selectFrom('assignments').select('clocks_stopped_at').where('id', '=', assignmentId).executeTakeFirstOrThrow();
    expect(row.clocks_stopped_at).toBe(closedAt);
    const running = await world.ctx.db.selectFrom('deadlines').select('kind').where('subject', '=', assignmentId).where('done_at', 'is', null).execute();
    expect(running).toEqual([]);
    // Running it again voids nothing twice.
    await world.ctx.db.transaction().execute((trx) => repair(trx, world.ctx.now()));
    expect(await eventsOf(world, caseId, 'deadline.voided')).toHaveLength(2);

    const audit = await world.ctx.db.selectFrom('audit_entries').select('action').where('subject_id', '=', caseId).where('action', '=', 'deadline.voided').execute();
    expect(audit).toHaveLength(2);
    const report = await accountabilityReport(world.ctx, { actor: coordinator(), from: period[0], to: period[1] });
    const figures = report.units.find((unit) => unit.unitId === world.units.township.id);
    expect(figures?.cases.neverAcknowledged.map((item) => item.id)).not.toContain(caseId);
    expect(figures?.cases.proposalsLate.map((item) => item.id)).not.toContain(caseId);
  });
});
