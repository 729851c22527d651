import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignUnit, recordAssignmentStep } from '../commands/assign-unit.js';
import { createUnit } from '../commands/units.js';
import type { Context } from '../context/context.js';
import { openStore, type Store } from '../db/connect.js';
import { days, hours, minutes } from '../../test/time.js';
import { databaseKinds } from '../../test/databases.js';
import { buildCase, buildWorld, fiveRepresentatives, type World } from '../../test/world.js';
import type { TemplateKey } from '../notifications/templates.js';
import { scanDeadlines } from './deadline-scanner.js';

async function eventsOf(world: World, caseId: string, type: string) {
  const rows = await world.ctx.db.selectFrom('events').select(['data']).where('case_id', '=', caseId).where('type', '=', type).orderBy('id').execute();
  return rows.map((row) => JSON.parse(row.data) as Record<string, unknown>);
}

async function inbox(world: World, userId: string, template: TemplateKey, caseId: string) {
  return world.ctx.db.selectFrom('notifications').select('data').where('user_id', '=', userId).where('case_id', '=', caseId).where('channel', '=', 'inapp').where('template', '=', template).execute();
}

/** A second worker: on PostgreSQL its own connection pool on the same schema; on SQLite the same database. */
function secondWorker(world: World, kind: 'sqlite' | 'postgres'): { ctx: Context; store: Store | null } {
  if (kind === 'sqlite') return { ctx: world.ctx, store: null };
  const store = openStore(process.env.REDRESS_TEST_POSTGRES_URL ?? '', { schema: world.store.schema ?? 'public' });
  return { ctx: { ...world.ctx, db: store.db }, store };
}

describe.each(databaseKinds)('the supervision ladder on %s', (kind) => {
  let world: World;
  let other: { ctx: Context; store: Store | null };
  /** Two workers scanning at once, twice each. */
  const scanTwice = () => Promise.all([scanDeadlines(world.ctx), scanDeadlines(other.ctx), scanDeadlines(world.ctx), scanDeadlines(other.ctx)]);

  beforeAll(async () => {
    // 16:00 in Beijing on Monday 2 November 2026.
    world = await buildWorld(kind, '2026-11-02T08:00:00.000Z');
    other = secondWorker(world, kind);
  });
  afterAll(async () => {
    await other.store?.close();
    await world.dispose();
  });

  it('reminds the office of the 15-day acceptance deadline at two thirds of its time and on its last working day, each once', async () => {
    world.time.set('2026-11-02T08:00:00.000Z');
    const letter = await buildCase(world);
    expect(letter.deadlines.accept.dueAt).toBe('2026-11-17T15:59:59.999Z'); // Tuesday 17 November, end of day in Beijing
    const coordinator = world.users.coordinator.id;
    await scanTwice();
    // Two thirds of the 15 days 8 hours: 12 November, 13:20 UTC.
    world.time.set('2026-11-12T13:00:00.000Z');
    await scanTwice();
    expect(await eventsOf(world, letter.id, 'deadline.reminded')).toEqual([]);
    world.time.set('2026-11-12T13:30:00.000Z');
    const results = await scanTwice();
    expect(results.reduce((sum, result) => sum + result.reminded, 0)).toBe(1);
    expect(await eventsOf(world, letter.id, 'deadline.reminded')).toEqual([expect.objectContaining({ kind: 'accept', reminder: 1, dueAt: '2026-11-17T15:59:59.999Z' })]);
    expect(await inbox(world, coordinator, 'deadline.reminded', letter.id)).toHaveLength(1);
    // The last working day, Tuesday 17 November, begins at 16:00 UTC on the 16th.
    world.time.set('2026-11-16T15:59:00.000Z');
    await scanTwice();
    expect(await eventsOf(world, letter.id, 'deadline.reminded')).toHaveLength(1);
    world.time.set('2026-11-16T16:01:00.000Z');
    await scanTwice();
    expect((await eventsOf(world, letter.id, 'deadline.reminded')).map((event) => event.reminder)).toEqual([1, 2]);
    expect(await inbox(world, coordinator, 'deadline.reminded', letter.id)).toHaveLength(2);
    // No third point: the deadline passes with a miss, not another reminder.
    world.time.set('2026-11-17T16:00:00.000Z');
    await scanTwice();
    expect(await eventsOf(world, letter.id, 'deadline.reminded')).toHaveLength(2);
    expect(await eventsOf(world, letter.id, 'deadline.missed')).toHaveLength(1);
  });

  it('reminds the unit that owes a clock, not a unit whose clock is done', async () => {
    world.time.set('2026-11-02T08:00:00.000Z');
    const visit = await buildCase(world, { kind: 'collective', channel: 'visit', headcount: 30, representatives: fiveRepresentatives });
    const assigned = await assignUnit(world.ctx, { actor: world.actor(world.users.coordinator), caseId: visit.id, unitId: world.units.township.id, role: 'lead' });
    const assignmentId = assigned.assignments[0]?.id ?? '';
    await recordAssignmentStep(world.ctx, { actor: world.actor(world.users.unit_officer), caseId: visit.id, assignmentId, step: 'acknowledge' });
    await scanTwice();
    // Two thirds of the two hours to be on the scene: 09:20.
    world.time.set('2026-11-02T09:21:00.000Z');
    await scanTwice();
    const reminded = await eventsOf(world, visit.id, 'deadline.reminded');
    expect(reminded.map((event) => event.kind)).toEqual(['on_scene']);
    expect(reminded[0]).toMatchObject({ unitId: world.units.township.id, reminder: 1 });
    expect(await inbox(world, world.users.unit_officer.id, 'deadline.reminded', visit.id)).toHaveLength(1);
    expect(await inbox(world, world.users.otherOfficer.id, 'deadline.reminded', visit.id)).toHaveLength(0);
  });

  it('climbs the chain on the plan’s schedule after a miss, each step once with two workers: the unit above, the office, the leadership group, then the top again', async () => {
    const village = await createUnit(world.ctx, { actor: null, name: '东关村委会', nameEn: 'Dongguan village committee', kind: 'other', parentId: world.units.township.id });
    world.time.set('2026-11-02T08:00:00.000Z');
    const visit = await buildCase(world, { kind: 'collective', channel: 'visit', headcount: 30, representatives: fiveRepresentatives });
    await assignUnit(world.ctx, { actor: world.actor(world.users.coordinator), caseId: visit.id, unitId: village.id, role: 'lead' });
    await scanTwice();
    // Not acknowledged by 08:30 and not on the scene by 10:00: two clocks missed. Follow the on-scene one.
    world.time.set('2026-11-02T10:01:00.000Z');
    await scanTwice();
    const onScene = async (type: string) => (await eventsOf(world, visit.id, type)).filter((event) => event.kind === 'on_scene');
    expect(await onScene('deadline.missed')).toEqual([expect.objectContaining({ step: 0, notified: 'unit', notifiedUnitId: world.units.township.id })]);
    expect(await inbox(world, world.users.unit_officer.id, 'deadline.missed', visit.id)).not.toHaveLength(0);

    // The plan: 120 minutes after the miss, then 1440 after that step, then 4320; then no more.
    world.time.set('2026-11-02T11:59:00.000Z');
    await scanTwice();
    expect(await onScene('deadline.escalated')).toEqual([]);
    world.time.set('2026-11-02T12:02:00.000Z');
    await scanTwice();
    expect(await onScene('deadline.escalated')).toEqual([expect.objectContaining({ step: 1, notified: 'office' })]);

    world.time.advance(days(1) - minutes(2));
    await scanTwice();
    expect(await onScene('deadline.escalated')).toHaveLength(1);
    world.time.advance(minutes(3));
    await scanTwice();
    expect((await onScene('deadline.escalated')).map((event) => [event.step, event.notified])).toEqual([
      [1, 'office'],
      [2, 'leadership_group'],
    ]);
    world.time.advance(days(3) + minutes(1));
    await scanTwice();
    world.time.advance(days(30));
    await scanTwice();
    expect((await onScene('deadline.escalated')).map((event) => [event.step, event.notified])).toEqual([
      [1, 'office'],
      [2, 'leadership_group'],
      [3, 'leadership_group'],
    ]);
    const leaderInbox = (await inbox(world, world.users.leader.id, 'deadline.escalated', visit.id)).map((row) => JSON.parse(row.data) as Record<string, unknown>);
    expect(leaderInbox.filter((data) => data.kind === 'on_scene').map((data) => data.step)).toEqual([2, 3]);
  });

  it('stops climbing once the clock is done', async () => {
    world.time.set('2026-11-02T08:00:00.000Z');
    const visit = await buildCase(world, { kind: 'collective', channel: 'visit', headcount: 30, representatives: fiveRepresentatives });
    const assigned = await assignUnit(world.ctx, { actor: world.actor(world.users.coordinator), caseId: visit.id, unitId: world.units.township.id, role: 'lead' });
    const assignmentId = assigned.assignments[0]?.id ?? '';
    await recordAssignmentStep(world.ctx, { actor: world.actor(world.users.unit_officer), caseId: visit.id, assignmentId, step: 'acknowledge' });
    world.time.set('2026-11-02T10:01:00.000Z');
    await scanTwice();
    world.time.advance(hours(2) + minutes(1));
    await scanTwice();
    await recordAssignmentStep(world.ctx, { actor: world.actor(world.users.unit_officer), caseId: visit.id, assignmentId, step: 'arrive' });
    world.time.advance(days(10));
    await scanTwice();
    expect((await eventsOf(world, visit.id, 'deadline.escalated')).map((event) => event.step)).toEqual([1]);
  });
});
