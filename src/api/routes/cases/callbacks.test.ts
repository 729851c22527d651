import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, submit } from '../../../../test/public.js';
import { expectError, get, post, withoutWrites } from '../../../../test/requests.js';

interface CallbackState {
  current: { id: string; outcome: string | null } | null;
  past: { id: string; outcome: string; notes: string | null; reworkId: string | null }[];
  rework: { id: string; unitId: string; source: string; deadline: { dueAt: string } } | null;
  rating: { rating: number; unsatisfied: boolean; sentBack: boolean } | null;
  may: { record: boolean; sendBack: boolean; report: boolean };
}

/**
 * The call-back and rework over HTTP (issue 13 item 3): 401, 403 and 400 naming the field with nothing
 * written, a retried request never doing a thing twice, and the petitioner's own unsatisfied rating
 * sending the case back the same way a call-back does.
 */
describe.each(databaseKinds)('call-backs and rework over the API on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
  });
  afterAll(() => world.dispose());

  const caseIdOf = async (reference: string) => (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;

  /** A petition from the portal, worked by the office to a written answer; its receipt and case id. */
  async function answered() {
    const receipt = await submit(world);
    const caseId = await caseIdOf(receipt.reference);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments`, { unitId: world.units.township.id, role: 'lead' }), 201);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution' }), 200);
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${caseId}/answers`, { body: '经核实，工资将于月底前发放。' }), 201);
    return { ...receipt, caseId };
  }

  const state = async (caseId: string, who: 'coordinator' | 'unit_officer' = 'coordinator') => expectStatus<CallbackState>(await get(world, who, `/api/v1/cases/${caseId}/callbacks`), 200);

  it('answers 401 without a session, 403 to a unit officer recording or listing, and 400 naming the field, writing nothing', async () => {
    const { caseId } = await answered();
    expectError(await world.as('anonymous', { method: 'GET', url: `/api/v1/cases/${caseId}/callbacks` }), 401, 'unauthenticated');
    expectError(await world.as('anonymous', { method: 'GET', url: '/api/v1/callbacks/due' }), 401, 'unauthenticated');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `/api/v1/cases/${caseId}/callbacks`, { outcome: 'satisfied' })), 403, 'forbidden');
    expectError(await get(world, 'unit_officer', '/api/v1/callbacks/due'), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/callbacks`, { outcome: 'happy' })), 400, 'validation_failed', 'outcome');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/callbacks`, { outcome: 'unsatisfied' })), 400, 'validation_failed', 'reason');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/callbacks`, { outcome: 'satisfied', reason: 'attitude' })), 400, 'validation_failed', 'reason');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/callbacks`, { outcome: 'unsatisfied', reason: 'attitude', reworkDays: 0 })), 400, 'validation_failed', 'reworkDays');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/rework`, { reason: 'beyond_policy' })), 400, 'validation_failed', 'reason');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `/api/v1/cases/${caseId}/rework/report`, { report: '' })), 400, 'validation_failed', 'report');
    const noRating = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/rework`, { reason: 'not_resolved' })), 409, 'conflict');
    expect(noRating.details).toMatchObject({ reason: 'no_unsatisfied_rating' });
    const noRework = expectError(await withoutWrites(world, () => post(world, 'unit_officer', `/api/v1/cases/${caseId}/rework/report`, { report: '已办' })), 409, 'conflict');
    expect(noRework.details).toMatchObject({ reason: 'no_rework' });
    const due = expectStatus<{ items: { caseId: string; overdue: boolean }[] }>(await get(world, 'coordinator', '/api/v1/callbacks/due?limit=200'), 200);
    expect(due.items).toContainEqual(expect.objectContaining({ caseId, overdue: false }));
    expectError(await get(world, 'coordinator', '/api/v1/callbacks/due?limit=0'), 400, 'validation_failed', 'limit');
  });

  it('a retried call-back with the same Idempotency-Key answers the same and sends the case back once', async () => {
    const { caseId } = await answered();
    const send = () =>
      world.as('coordinator', {
        method: 'POST',
        url: `/api/v1/cases/${caseId}/callbacks`,
        headers: { 'idempotency-key': `callback-${caseId}` },
        payload: { outcome: 'unsatisfied', reason: 'not_carried_out', notes: '承诺的补发没有兑现', requirements: '落实补发' },
      });
    const first = expectStatus<CallbackState>(await send(), 200);
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(expectStatus<CallbackState>(again, 200)).toEqual(first);
    expect(await world.ctx.db.selectFrom('reworks').select('id').where('case_id', '=', caseId).execute()).toHaveLength(1);
    expect(await world.ctx.db.selectFrom('events').select('id').where('case_id', '=', caseId).where('type', '=', 'case.rework').execute()).toHaveLength(1);
    expect(first.rework).toMatchObject({ unitId: world.units.township.id, source: 'callback' });
    // The unit sees the rework and may report it, without what the petitioner said.
    const unit = await state(caseId, 'unit_officer');
    expect(unit.may.report).toBe(true);
    expect(unit.past[0]?.notes).toBeNull();
    expect((await state(caseId)).past[0]?.notes).toBe('承诺的补发没有兑现');
    // The office's read of what was said is in the audit log.
    const reads = await world.ctx.db.selectFrom('audit_entries').select('detail').where('subject_id', '=', caseId).where('action', '=', 'case.personal_data.read').execute();
    expect(reads.some((row) => String(row.detail).includes('callbackNotes'))).toBe(true);
    const reused = await world.as('coordinator', { method: 'POST', url: `/api/v1/cases/${caseId}/callbacks`, headers: { 'idempotency-key': `callback-${caseId}` }, payload: { outcome: 'satisfied' } });
    expectError(reused, 422, 'idempotency_key_reused', 'Idempotency-Key');
  });

  it('the petitioner’s unsatisfied rating lets the office send the case back the same way, once', async () => {
    const { reference, accessCode, caseId } = await answered();
    const rate = await world.as('anonymous', { method: 'POST', url: `/public/v1/petitions/${reference}/feedback`, headers: { 'x-access-code': accessCode }, payload: { rating: 1, comment: '问题没有解决' } });
    expect(rate.statusCode, rate.body).toBe(201);
    const before = await state(caseId);
    expect(before.rating).toEqual(expect.objectContaining({ rating: 1, unsatisfied: true, sentBack: false }));
    expect(before.may.sendBack).toBe(true);
    const sent = expectStatus<CallbackState>(await post(world, 'coordinator', `/api/v1/cases/${caseId}/rework`, { reason: 'not_resolved', requirements: '重新核查欠薪', reworkDays: 10 }), 200);
    expect(sent.rework).toMatchObject({ unitId: world.units.township.id, source: 'rating' });
    expect(sent.rating?.sentBack).toBe(true);
    expect(sent.may.sendBack).toBe(false);
    const events = await world.ctx.db.selectFrom('events').select('data').where('case_id', '=', caseId).where('type', '=', 'case.rework').execute();
    expect(events.map((row) => JSON.parse(row.data) as Record<string, unknown>)).toEqual([expect.objectContaining({ source: 'rating', unitId: world.units.township.id, rating: 1 })]);
    const twice = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/rework`, { reason: 'not_resolved' })), 409, 'already_done');
    expect(twice.details).toMatchObject({ reason: 'rating_sent_back' });
    // The call-back still due waits; an unsatisfied one while the rework is under way is refused whole.
    const open = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/callbacks`, { outcome: 'unsatisfied', reason: 'attitude' })), 409, 'conflict');
    expect(open.details).toMatchObject({ reason: 'rework_open' });
    // The unit reports; a satisfied call-back then closes the loop.
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${caseId}/rework/report`, { report: '已重新核查，欠薪已发放。' }), 200);
    const recorded = expectStatus<CallbackState>(await post(world, 'coordinator', `/api/v1/cases/${caseId}/callbacks`, { outcome: 'satisfied' }), 200);
    expect(recorded.current).toBeNull();
    expect(recorded.past[0]).toMatchObject({ outcome: 'satisfied', reworkId: null });
  });
});
