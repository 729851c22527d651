import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/databases.js';
import { buildCase, buildWorld, type World } from '../../test/world.js';
import { moveStage } from './move-stage.js';
import { assignUnit } from './assign-unit.js';
import { createPlanDraft } from './plans.js';

describe.each(databaseKinds)('a plan that counts working days, on %s', (kind) => {
  let world: World;
  let planId: string;
  beforeAll(async () => {
    world = await buildWorld(kind, '2026-10-20T02:00:00.000Z');
    const source = readFileSync('plans/county-major-urgent.yaml', 'utf8')
      .replace('key: county-major-urgent', 'key: working-day-county')
      .replace('dayKind: calendar', 'dayKind: working');
    planId = (await createPlanDraft(world.ctx, { actor: null, source, publish: true })).id;
  });
  afterAll(() => world.dispose());

  it('gives a letter received the day before National Day its 15 working days', async () => {
    // Wednesday 30 September 2026, 10:00 in Beijing; 1–7 October are holidays and Saturday 10 October is worked.
    const letter = await buildCase(world, { planId, receivedAt: '2026-09-30T02:00:00.000Z' });
    expect(letter.deadlines.accept.dueAt).toBe('2026-10-27T15:59:59.999Z');
    expect(letter.deadlines.accept.status).toBe('pending');
    const stored = await world.ctx.db
      .selectFrom('deadlines')
      .select(['kind', 'due_at'])
      .where('case_id', '=', letter.id)
      .execute();
    expect(stored).toEqual([{ kind: 'accept', due_at: '2026-10-27T15:59:59.999Z' }]);
  });

  it('counts the 60 days to conclude in working days from acceptance', async () => {
    const letter = await buildCase(world, { planId });
    const coordinator = world.actor(world.users.coordinator);
    await assignUnit(world.ctx, { actor: coordinator, caseId: letter.id, unitId: world.units.department.id, role: 'lead' });
    // Accepted Tuesday 20 October 2026 at 10:00 Beijing time; no holidays until the New Year.
    const accepted = await moveStage(world.ctx, { actor: coordinator, caseId: letter.id, to: 'resolution' });
    // 60 working days after 20 October: 21–30 October (8), November (21), December (23), then Friday
    // 1 January 2027 — an ordinary working day until the 2027 calendar is imported — and 4–8, 11, 12 January.
    expect(accepted.deadlines.conclude.dueAt).toBe('2027-01-12T15:59:59.999Z');
  });
});
