import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { hours, minutes } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import { fiveRepresentatives } from '../../../../test/world.js';
import { chainAndVerify } from '../../../../test/audit.js';

interface Detail {
  id: string;
  reference: string;
  stage: string;
  deadlines: Record<'accept' | 'conclude' | 'reviewRequest' | 'review', { dueAt: string | null; doneAt: string | null; status: string | null }>;
  representatives: { name: string }[];
  assignments: { id: string; unitId: string; acknowledge: { status: string }; onScene: { dueAt: string; status: string } }[];
  completedSteps: { id: string; doneAt: string; doneBy: string | null }[];
  meetings: { summary: string; commitments: string[] }[];
  answers: { body: string }[];
  moves: { to: string; blockedBy: string | null }[];
}

describe.each(databaseKinds)('a collective visit worked through the whole plan on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  it('goes from reception to closed, and the timeline tells the story', async () => {
    const post = (who: Parameters<ApiWorld['as']>[0], url: string, payload?: object) =>
      world.as(who, { method: 'POST', url, ...(payload ? { payload } : {}) });

    // 16:00 Beijing time: forty people arrive at the petition bureau about unpaid wages.
    world.time.set('2026-11-02T08:00:00.000Z');
    const opened = expectStatus<Detail>(
      await post('coordinator', '/api/v1/cases', {
        kind: 'collective',
        channel: 'visit',
        urgency: 'major',
        category: 'wage-arrears',
        title: '40 workers from a construction site about unpaid wages',
        description: 'Workers say the contractor has not paid wages for four months.',
        location: '县信访局接待大厅',
        headcount: 40,
        representatives: fiveRepresentatives,
      }),
      201,
    );
    expect(opened.stage).toBe('reception');
    expect(opened.reference).toMatch(/^2026-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(opened.representatives.map((rep) => rep.name)).toEqual(fiveRepresentatives.map((rep) => rep.name));
    // Received 2 November 16:00 in Beijing: 15 calendar days later, at the end of 17 November.
    expect(opened.deadlines.accept).toEqual({ dueAt: '2026-11-17T15:59:59.999Z', doneAt: null, status: 'pending' });
    const base = `/api/v1/cases/${opened.id}`;

    // Cannot leave reception before a responsible unit is assigned.
    const early = await post('coordinator', `${base}/transitions`, { to: 'decision' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/lead unit/);

    // The township is assigned and notified; its officer now sees the case.
    const assigned = expectStatus<Detail>(
      await post('coordinator', `${base}/assignments`, { unitId: world.units.township.id, role: 'lead' }),
      201,
    );
    const assignment = assigned.assignments[0];
    expect(assignment?.onScene.dueAt).toBe('2026-11-02T10:00:00.000Z');
    const queue = expectStatus<{ items: { id: string }[] }>(await world.as('unit_officer', { method: 'GET', url: '/api/v1/cases' }), 200);
    expect(queue.items.map((item) => item.id)).toEqual([opened.id]);

    world.time.advance(minutes(10));
    expectStatus(await post('unit_officer', `${base}/assignments/${assignment?.id}/acknowledge`), 200);
    world.time.advance(minutes(70));
    const arrived = expectStatus<Detail>(await post('unit_officer', `${base}/assignments/${assignment?.id}/arrive`), 200);
    expect(arrived.assignments[0]?.onScene.status).toBe('met');

    // Checklist steps from the pinned plan, ticked with who and when.
    for (const step of ['reception.receive-and-listen', 'reception.elect-representatives', 'reception.designate-waiting-place']) {
      expectStatus(await post('unit_officer', `${base}/steps/${step}/done`), 200);
    }
    const afterSteps = expectStatus<Detail>(await world.as('coordinator', { method: 'GET', url: base }), 200);
    // In the plan's order, not the order they were ticked in.
    expect(afterSteps.completedSteps.map((step) => [step.id, step.doneBy])).toEqual([
      ['reception.receive-and-listen', world.users.unit_officer.id],
      ['reception.elect-representatives', world.users.unit_officer.id],
      ['reception.designate-waiting-place', world.users.unit_officer.id],
    ]);

    // Accepted into the decision stage; the 60-day clock starts.
    world.time.advance(hours(1));
    const deciding = expectStatus<Detail>(await post('coordinator', `${base}/transitions`, { to: 'decision' }), 200);
    expect(deciding.stage).toBe('decision');
    expect(deciding.deadlines.accept.status).toBe('met');
    expect(deciding.deadlines.conclude.dueAt).toBe('2027-01-01T15:59:59.999Z');

    // The leaders meet the representatives and decide.
    world.time.advance(hours(2));
    expectStatus(
      await post('leader', `${base}/meetings`, {
        heldAt: world.time.now(),
        attendees: 'County deputy head, petition bureau, township head, five representatives',
        summary: 'Heard the workers; the contractor was summoned.',
        commitments: ['Wages verified within 7 days', 'Payment from the wage guarantee fund if the contractor defaults'],
      }),
      201,
    );
    const noReason = await post('leader', `${base}/transitions`, { to: 'resolution' });
    expect(noReason.statusCode).toBe(409);
    expect(noReason.json().error.field).toBe('reason');
    const resolving = expectStatus<Detail>(
      await post('leader', `${base}/transitions`, { to: 'resolution', reason: 'Verify and pay from the guarantee fund.' }),
      200,
    );
    expect(resolving.stage).toBe('resolution');

    // Closing needs the written answer first.
    expect((await post('coordinator', `${base}/transitions`, { to: 'closed' })).statusCode).toBe(409);
    world.time.advance(hours(24 * 6));
    expectStatus(await post('unit_officer', `${base}/answers`, { body: 'Wages of 40 workers verified and paid in full.' }), 201);
    const closed = expectStatus<Detail>(await post('coordinator', `${base}/transitions`, { to: 'closed' }), 200);
    expect(closed.stage).toBe('closed');
    expect(closed.deadlines.conclude.status).toBe('met');
    expect(closed.deadlines.reviewRequest.status).toBe('pending');
    expect(closed.meetings[0]?.commitments).toHaveLength(2);

    const events = expectStatus<{ items: { type: string; actorName: string | null; data: Record<string, unknown> }[] }>(
      await world.as('auditor', { method: 'GET', url: `${base}/events` }),
      200,
    );
    expect(events.items.map((event) => (event.type === 'stage.changed' ? `${event.type}:${String(event.data.to)}` : event.type))).toEqual([
      'case.opened',
      'assignment.notified',
      'assignment.acknowledged',
      'assignment.arrived',
      'step.done',
      'step.done',
      'step.done',
      'stage.changed:decision',
      'meeting.recorded',
      'stage.changed:resolution',
      'answer.given',
      'stage.changed:closed',
    ]);
    expect(events.items.every((event) => event.actorName !== null)).toBe(true);
    expect((await chainAndVerify(world.ctx)).ok).toBe(true);
  });
});
