import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';

interface State {
  current: { kind: string; unitId: string; requirements: string; feedback: string | null; feedbackDeadline: { dueAt: string; status: string }; endedAt: string | null } | null;
  past: { feedback: string | null; endNote: string | null }[];
  may: { supervise: boolean; feedback: boolean; end: boolean };
}

/** The supervision routes (督办, 挂牌督办; Art. 40): who may do what, bad bodies naming their field, and each refusal's reason. */
describe.each(databaseKinds)('the supervision routes on %s', (kind) => {
  let world: ApiWorld;
  let caseId = '';
  const url = () => `/api/v1/cases/${caseId}/supervision`;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    caseId = await openCaseId(world, letter());
    await assignId(world, caseId, world.units.township.id);
  });
  afterAll(() => world.dispose());

  it('refuses the anonymous (401), the office and other units (403) and bad bodies (400, naming the field), writing nothing', async () => {
    expectError(await get(world, 'anonymous', url()), 401, 'unauthenticated');
    expectError(await withoutWrites(world, () => post(world, 'anonymous', url(), { kind: 'supervised', requirements: 'x' })), 401, 'unauthenticated');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { kind: 'supervised', requirements: 'x' })), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', url(), { kind: 'supervised', requirements: 'x' })), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'leader', url(), { kind: 'supervised', requirements: '' })), 400, 'validation_failed', 'requirements');
    expectError(await withoutWrites(world, () => post(world, 'leader', url(), { kind: 'supervised', requirements: '   ' })), 400, 'validation_failed', 'requirements');
    expectError(await withoutWrites(world, () => post(world, 'leader', url(), { kind: 'urgent', requirements: 'x' })), 400, 'validation_failed', 'kind');
    expectError(await withoutWrites(world, () => post(world, 'leader', url(), { kind: 'listed', requirements: 'x', feedbackDays: 0 })), 400, 'validation_failed', 'feedbackDays');
    expectError(await withoutWrites(world, () => post(world, 'leader', `${url()}/feedback`, { feedback: 'x' })), 403, 'forbidden');
    expect(expectError(await withoutWrites(world, () => post(world, 'unit_officer', `${url()}/feedback`, { feedback: 'x' })), 409, 'conflict').details).toMatchObject({ reason: 'not_supervised' });
    const notSupervised = expectError(await withoutWrites(world, () => post(world, 'leader', `${url()}/end`, {})), 409, 'conflict');
    expect(notSupervised.details).toMatchObject({ reason: 'not_supervised' });
    expect(expectStatus<State>(await get(world, 'leader', url()), 200)).toEqual({ current: null, past: [], may: { supervise: true, feedback: false, end: false } });
  });

  it('lets a leader supervise, the lead unit’s officer give its feedback once, and a leader end it', async () => {
    const started = expectStatus<State>(await post(world, 'leader', url(), { kind: 'listed', requirements: 'Settle the wages within ten days.' }), 201);
    expect(started.current).toMatchObject({ kind: 'listed', unitId: world.units.township.id, feedback: null, feedbackDeadline: { status: 'pending' } });
    expect(started.may).toEqual({ supervise: false, feedback: false, end: true });
    const twice = expectError(await withoutWrites(world, () => post(world, 'leader', url(), { kind: 'supervised', requirements: 'Again.' })), 409, 'conflict');
    expect(twice.details).toMatchObject({ reason: 'already_supervised', kind: 'listed' });

    // The unit reads what it may do; an officer of another unit may not answer for it.
    expect(expectStatus<State>(await get(world, 'unit_officer', url()), 200).may).toEqual({ supervise: false, feedback: true, end: false });
    expectError(await withoutWrites(world, () => post(world, 'otherOfficer', `${url()}/feedback`, { feedback: 'Not ours.' })), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `${url()}/feedback`, { feedback: '' })), 400, 'validation_failed', 'feedback');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `${url()}/end`, {})), 403, 'forbidden');
    const answered = expectStatus<State>(await post(world, 'unit_officer', `${url()}/feedback`, { feedback: 'Paid on 4 November.' }), 200);
    expect(answered.current).toMatchObject({ feedback: 'Paid on 4 November.', feedbackDeadline: { status: 'met' } });
    const again = expectError(await withoutWrites(world, () => post(world, 'unit_officer', `${url()}/feedback`, { feedback: 'Once more.' })), 409, 'already_done');
    expect(again.details).toMatchObject({ reason: 'feedback_given' });

    const ended = expectStatus<State>(await post(world, 'leader', `${url()}/end`, { note: 'Settled.' }), 200);
    expect(ended.current).toBeNull();
    expect(ended.past).toMatchObject([{ feedback: 'Paid on 4 November.', endNote: 'Settled.' }]);
    expect(ended.may.supervise).toBe(true);
  });
});
