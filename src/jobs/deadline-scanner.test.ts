import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignUnit, recordAssignmentStep } from '../commands/assign-unit.js';
import type { Context } from '../context/context.js';
import { openStore, type Store } from '../db/connect.js';
import { hours, minutes } from '../../test/time.js';
import { databaseKinds } from '../../test/databases.js';
import { buildCase, buildWorld, fiveRepresentatives, type World } from '../../test/world.js';
import type { TemplateKey } from '../notifications/templates.js';
import { scanDeadlines } from './deadline-scanner.js';

async function eventsOf(world: World, caseId: string, type: string) {
  const rows = await world.ctx.db.selectFrom('events').select(['type', 'data']).where('case_id', '=', caseId).where('type', '=', type).execute();
  return rows.map((row) => JSON.parse(row.data) as Record<string, unknown>);
}

async function inbox(world: World, userId: string, template: TemplateKey, caseId: string) {
  return world.ctx.db
    .selectFrom('notifications')
    .select(['id', 'data'])
    .where('user_id', '=', userId)
    .where('case_id', '=', caseId)
    .where('channel', '=', 'inapp')
    .where('template', '=', template)
    .execute();
}

/** A second worker: on PostgreSQL its own connection pool on the same schema; on SQLite the same database. */
function secondWorker(world: World, kind: 'sqlite' | 'postgres'): { ctx: Context; store: Store | null } {
  if (kind === 'sqlite') return { ctx: world.ctx, store: null };
  const store = openStore(process.env.REDRESS_TEST_POSTGRES_URL ?? '', { schema: world.store.schema ?? 'public' });
  return { ctx: { ...world.ctx, db: store.db }, store };
}

describe.each(databaseKinds)('the deadline scanner on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    // 16:00 in Beijing on Monday 2 November 2026.
    world = await buildWorld(kind, '2026-11-02T08:00:00.000Z');
  });
  afterAll(() => world.dispose());

  async function visitAssignedAtFour() {
    world.time.set('2026-11-02T08:00:00.000Z');
    const opened = await buildCase(world, { kind: 'collective', channel: 'visit', headcount: 30, representatives: fiveRepresentatives });
    const coordinator = world.actor(world.users.coordinator);
    const assigned = await assignUnit(world.ctx, { actor: coordinator, caseId: opened.id, unitId: world.units.township.id, role: 'lead' });
    const assignmentId = assigned.assignments[0]?.id ?? '';
    expect(assigned.assignments[0]?.onScene.dueAt).toBe('2026-11-02T10:00:00.000Z'); // 18:00 Beijing
    world.time.advance(minutes(10));
    await recordAssignmentStep(world.ctx, { actor: world.actor(world.users.unit_officer), caseId: opened.id, assignmentId, step: 'acknowledge' });
    return { caseId: opened.id, assignmentId };
  }

  it('records a unit not on the scene by 18:00 once, and tells the office once, even with two workers', async () => {
    const { caseId } = await visitAssignedAtFour();
    const other = secondWorker(world, kind);
    try {
      world.time.set('2026-11-02T09:59:00.000Z');
      await Promise.all([scanDeadlines(world.ctx), scanDeadlines(other.ctx)]);
      expect(await eventsOf(world, caseId, 'deadline.missed')).toEqual([]);

      world.time.set('2026-11-02T10:01:00.000Z'); // 18:01 Beijing
      const results = await Promise.all([scanDeadlines(world.ctx), scanDeadlines(other.ctx), scanDeadlines(world.ctx), scanDeadlines(other.ctx)]);
      expect(results.reduce((sum, result) => sum + result.missed, 0)).toBe(1);
      const missed = await eventsOf(world, caseId, 'deadline.missed');
      expect(missed).toHaveLength(1);
      expect(missed[0]).toMatchObject({ kind: 'on_scene', unitId: world.units.township.id, dueAt: '2026-11-02T10:00:00.000Z', notified: 'office' });
      expect(await inbox(world, world.users.coordinator.id, 'deadline.missed', caseId)).toHaveLength(1);
      // The late unit hears too; the leaders not yet.
      expect(await inbox(world, world.users.unit_officer.id, 'deadline.missed', caseId)).toHaveLength(1);
      expect(await inbox(world, world.users.leader.id, 'deadline.missed', caseId)).toHaveLength(0);

      world.time.advance(minutes(30));
      await Promise.all([scanDeadlines(world.ctx), scanDeadlines(other.ctx)]);
      expect(await eventsOf(world, caseId, 'deadline.missed')).toHaveLength(1);
    } finally {
      await other.store?.close();
    }
  });

  it('goes up to the leadership group once when the unit is still not there two hours later', async () => {
    const { caseId } = await visitAssignedAtFour();
    world.time.set('2026-11-02T10:01:00.000Z');
    await scanDeadlines(world.ctx);
    world.time.advance(hours(2) - minutes(2));
    await scanDeadlines(world.ctx);
    expect(await eventsOf(world, caseId, 'deadline.escalated')).toHaveLength(0);
    world.time.advance(minutes(3));
    await scanDeadlines(world.ctx);
    await scanDeadlines(world.ctx);
    const escalated = await eventsOf(world, caseId, 'deadline.escalated');
    expect(escalated.map((event) => event.kind)).toEqual(['on_scene']);
    expect(escalated[0]).toMatchObject({ kind: 'on_scene', notified: 'leadership_group' });
    expect(await inbox(world, world.users.leader.id, 'deadline.escalated', caseId)).toHaveLength(1);
  });

  it('records nothing for a unit that arrives in time, and stops escalating once it arrives late', async () => {
    const onTime = await visitAssignedAtFour();
    world.time.set('2026-11-02T09:30:00.000Z');
    await recordAssignmentStep(world.ctx, { actor: world.actor(world.users.unit_officer), caseId: onTime.caseId, assignmentId: onTime.assignmentId, step: 'arrive' });
    const late = await visitAssignedAtFour();
    world.time.set('2026-11-02T10:05:00.000Z');
    await scanDeadlines(world.ctx);
    await recordAssignmentStep(world.ctx, { actor: world.actor(world.users.unit_officer), caseId: late.caseId, assignmentId: late.assignmentId, step: 'arrive' });
    world.time.advance(hours(5));
    await scanDeadlines(world.ctx);
    expect(await eventsOf(world, onTime.caseId, 'deadline.missed')).toEqual([]);
    expect((await eventsOf(world, late.caseId, 'deadline.missed')).map((event) => event.kind)).toEqual(['on_scene']);
    expect(await eventsOf(world, late.caseId, 'deadline.escalated')).toEqual([]);
    const arrived = await eventsOf(world, late.caseId, 'assignment.arrived');
    expect(arrived[0]?.late).toBe(true);
  });

  it('tells the leadership group when the office misses the 15-day acceptance deadline', async () => {
    world.time.set('2026-11-02T08:00:00.000Z');
    const letter = await buildCase(world);
    expect(letter.deadlines.accept.dueAt).toBe('2026-11-17T15:59:59.999Z');
    world.time.set('2026-11-17T16:00:00.000Z');
    await scanDeadlines(world.ctx);
    const missed = await eventsOf(world, letter.id, 'deadline.missed');
    expect(missed).toEqual([expect.objectContaining({ kind: 'accept', subject: 'case', notified: 'leadership_group' })]);
  });
});
