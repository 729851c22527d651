import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, expectError, get, letter, openCaseId, post, rowCounts } from '../../../../test/requests.js';

interface Detail {
  stage: string;
  completedSteps: { id: string; doneAt: string; doneBy: string | null }[];
  moves: { to: string; blockedBy: string | null; undoneSteps: string[] }[];
}
interface Event {
  type: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

const receptionSteps = [
  'reception.receive-and-listen',
  'reception.explain-regulations',
  'reception.elect-representatives',
  'reception.designate-waiting-place',
  'reception.propose-overall-plan',
  'reception.propose-solution',
];

describe.each(databaseKinds)('checklist ticks taken back, and steps a move leaves undone, on %s', (kind) => {
  let world: ApiWorld;
  let caseId: string;
  let base: string;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    caseId = await openCaseId(world, letter());
    base = `/api/v1/cases/${caseId}`;
    await assignId(world, caseId, world.units.township.id);
  });
  afterAll(() => world.dispose());

  const detail = async () => expectStatus<Detail>(await get(world, 'coordinator', base), 200);
  const events = async () => expectStatus<{ items: Event[] }>(await get(world, 'coordinator', `${base}/events?limit=500`), 200).items;

  it('offers each move with the ids of the current stage’s steps still undone, and keeps the move allowed', async () => {
    const before = await detail();
    const accept = before.moves.find((move) => move.to === 'decision');
    expect(accept).toMatchObject({ blockedBy: null, undoneSteps: receptionSteps });
    expectStatus(await post(world, 'unit_officer', `${base}/steps/reception.receive-and-listen/done`), 200);
    const after = await detail();
    expect(after.moves.every((move) => !move.undoneSteps.includes('reception.receive-and-listen'))).toBe(true);
    expect(after.moves.find((move) => move.to === 'decision')?.undoneSteps).toHaveLength(receptionSteps.length - 1);
  });

  it('takes a tick back, recording who did it and when the step had been ticked', async () => {
    expectStatus(await post(world, 'unit_officer', `${base}/steps/reception.explain-regulations/done`), 200);
    const ticked = (await detail()).completedSteps.find((step) => step.id === 'reception.explain-regulations');
    expect(ticked?.doneAt).not.toBeNull();
    const counts = await rowCounts(world.store.db);

    const undone = expectStatus<Detail>(await post(world, 'coordinator', `${base}/steps/reception.explain-regulations/undone`), 200);
    expect(undone.completedSteps.map((item) => item.id)).not.toContain('reception.explain-regulations');
    expect(undone.moves.find((move) => move.to === 'decision')?.undoneSteps).toContain('reception.explain-regulations');
    const last = (await events()).at(-1);
    expect(last).toMatchObject({
      type: 'step.undone',
      actorId: world.users.coordinator.id,
      data: { stepId: 'reception.explain-regulations', doneAt: ticked?.doneAt, doneBy: world.users.unit_officer.id },
    });
    const audited = await world.store.db.selectFrom('audit_entries').select(['action', 'actor_id']).where('action', '=', 'case.step_undone').execute();
    expect(audited).toEqual([{ action: 'case.step_undone', actor_id: world.users.coordinator.id }]);
    const now = await rowCounts(world.store.db);
    expect(now.events).toBe((counts.events ?? 0) + 1);

    // A retry finds no tick to take back: a 409 with a code, and nothing written.
    const again = expectError(await post(world, 'coordinator', `${base}/steps/reception.explain-regulations/undone`), 409, 'conflict');
    expect(again.details).toEqual({ reason: 'step_not_done', stepId: 'reception.explain-regulations' });
    expect(await rowCounts(world.store.db)).toEqual(now);
    // It can be ticked again afterwards.
    expectStatus(await post(world, 'unit_officer', `${base}/steps/reception.explain-regulations/done`), 200);
  });

  it('records the steps a move left undone in the move’s timeline entry', async () => {
    expectStatus(await post(world, 'coordinator', `${base}/transitions`, { to: 'decision' }), 200);
    const moved = (await events()).filter((event) => event.type === 'stage.changed').at(-1);
    expect(moved?.data.undoneSteps).toEqual(receptionSteps.filter((id) => id !== 'reception.receive-and-listen' && id !== 'reception.explain-regulations'));
  });

  it('refuses strangers, readers and unknown steps', async () => {
    expectError(await post(world, 'anonymous', `${base}/steps/reception.receive-and-listen/undone`), 401, 'unauthenticated');
    expectError(await post(world, 'auditor', `${base}/steps/reception.receive-and-listen/undone`), 403, 'forbidden');
    expectError(await post(world, 'otherOfficer', `${base}/steps/reception.receive-and-listen/undone`), 403, 'forbidden');
    expectError(await post(world, 'coordinator', `${base}/steps/reception.no-such-step/undone`), 404, 'not_found');
  });
});
