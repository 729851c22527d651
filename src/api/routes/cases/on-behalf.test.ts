import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { minutes } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, expectError, get, openCaseId, post, withoutWrites } from '../../../../test/requests.js';

interface Assignment {
  id: string;
  acknowledge: { doneAt: string | null; status: string | null };
  onScene: { dueAt: string | null; doneAt: string | null; status: string | null };
  abilities: { acknowledge: boolean; arrive: boolean; propose: boolean; object: boolean; reroute: boolean; onBehalf: boolean };
}
interface Detail {
  assignments: Assignment[];
}
interface Event {
  type: string;
  actorName: string | null;
  at: string;
  data: Record<string, unknown>;
}

describe.each(databaseKinds)('the office recording for a unit, on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  /** A visit notified to the township at 08:00 (on scene due 10:00). */
  async function visit() {
    world.time.set('2026-11-02T08:00:00.000Z');
    const caseId = await openCaseId(world);
    const assignmentId = await assignId(world, caseId, world.units.township.id);
    return { caseId, assignmentId, base: `/api/v1/cases/${caseId}/assignments/${assignmentId}` };
  }
  const eventsOf = async (caseId: string, type: string) =>
    expectStatus<{ items: Event[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/events`), 200).items.filter((event) => event.type === type);

  it('tells the office, before it presses, that it would act for the unit; the unit itself acts as itself', async () => {
    const { caseId } = await visit();
    const office = expectStatus<Detail>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    expect(office.assignments[0]?.abilities).toEqual({ acknowledge: true, arrive: true, propose: true, object: false, reroute: true, onBehalf: true });
    const unit = expectStatus<Detail>(await get(world, 'unit_officer', `/api/v1/cases/${caseId}`), 200);
    expect(unit.assignments[0]?.abilities).toEqual({ acknowledge: true, arrive: true, propose: true, object: true, reroute: false, onBehalf: false });
  });

  it('records the real arrival time the office gives, says in the timeline who did it for whom, and counts it in the report', async () => {
    const { caseId, base } = await visit();
    world.time.set('2026-11-02T11:00:00.000Z'); // the office records it at 11:00, after the 10:00 due time
    const arrived = expectStatus<Detail>(await post(world, 'coordinator', `${base}/arrive`, { arrivedAt: '2026-11-02T09:40:00.000Z' }), 200);
    expect(arrived.assignments[0]?.onScene).toMatchObject({ doneAt: '2026-11-02T09:40:00.000Z', status: 'met' });
    expect(arrived.assignments[0]?.acknowledge.doneAt).toBe('2026-11-02T09:40:00.000Z');
    const [event] = await eventsOf(caseId, 'assignment.arrived');
    expect(event).toMatchObject({
      at: '2026-11-02T11:00:00.000Z',
      actorName: world.users.coordinator.name,
      data: { unitId: world.units.township.id, unitName: world.units.township.name, arrivedAt: '2026-11-02T09:40:00.000Z', onBehalf: true, late: false },
    });
    const report = expectStatus<{ units: { unitId: string; arrivedLate: number; recordedByOffice: number; medianMinutesToArrive: number | null; cases: { recordedByOffice: { id: string }[] } }[] }>(
      await get(world, 'coordinator', '/api/v1/reports/accountability?from=2026-11-02T00:00:00.000Z&to=2026-11-02T12:00:00.000Z'),
      200,
    );
    const township = report.units.find((unit) => unit.unitId === world.units.township.id);
    expect(township).toMatchObject({ arrivedLate: 0, recordedByOffice: 1, medianMinutesToArrive: 100 });
    expect(township?.cases.recordedByOffice.map((item) => item.id)).toEqual([caseId]);
  });

  it('takes now as the arrival time when none is given, and records the unit’s own act as its own', async () => {
    const { caseId, base } = await visit();
    world.time.advance(minutes(50));
    const arrived = expectStatus<Detail>(await post(world, 'unit_officer', `${base}/arrive`), 200);
    expect(arrived.assignments[0]?.onScene.doneAt).toBe('2026-11-02T08:50:00.000Z');
    const [event] = await eventsOf(caseId, 'assignment.arrived');
    expect(event?.data).toMatchObject({ arrivedAt: '2026-11-02T08:50:00.000Z' });
    expect(event?.data).not.toHaveProperty('onBehalf');
  });

  it('refuses an arrival time in the future, before the notification, or not a time, naming the field and writing nothing', async () => {
    const { base } = await visit();
    world.time.set('2026-11-02T09:00:00.000Z');
    for (const arrivedAt of ['2026-11-02T09:05:00.000Z', '2026-11-02T07:59:00.000Z', 'yesterday', 12]) {
      const response = await withoutWrites(world, () => post(world, 'coordinator', `${base}/arrive`, { arrivedAt }));
      expectError(response, 400, 'validation_failed', 'arrivedAt');
    }
    expectError(await post(world, 'coordinator', `${base}/acknowledge`, { arrivedAt: '2026-11-02T08:30:00.000Z' }), 400, 'validation_failed', 'arrivedAt');
  });

  it('says "on behalf" in the timeline for an acknowledgement and a proposal the office records', async () => {
    const { caseId, base } = await visit();
    expectStatus(await post(world, 'coordinator', `${base}/acknowledge`), 200);
    expectStatus(await post(world, 'coordinator', `${base}/propose`, { proposal: 'Pay the wages by Friday.' }), 200);
    expect((await eventsOf(caseId, 'assignment.acknowledged'))[0]?.data).toMatchObject({ onBehalf: true, unitName: world.units.township.name });
    expect((await eventsOf(caseId, 'assignment.proposed'))[0]?.data).toMatchObject({ onBehalf: true, proposal: 'Pay the wages by Friday.' });
  });
});
