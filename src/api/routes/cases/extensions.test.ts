import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, petition, status, submit, type Submitted } from '../../../../test/public.js';
import { days } from '../../../../test/time.js';
import { assignId, expectError, get, post, withoutWrites } from '../../../../test/requests.js';

interface Detail {
  deadlines: { conclude: { dueAt: string | null; doneAt: string | null } };
  extension: { days: number; reason: string } | null;
  extensionRequest: { days: number; reason: string; requestedBy: string | null } | null;
  abilities: Record<string, boolean>;
}
interface Events {
  items: { type: string; data: Record<string, unknown> }[];
}

/**
 * The extension of the time to conclude is the head's decision (Regulations on Letters and Visits
 * Work 2022, Art. 34): the office requests it, a leader approves or refuses it, and only an
 * approval moves the clock and tells the petitioner.
 */
describe.each(databaseKinds)('an extension requested by the office and decided by a leader, on %s', (kind) => {
  let world: ApiWorld;
  let receipt: Submitted;
  let caseId = '';
  let fresh = '';
  const reason = 'Records must come from the provincial archive.';
  const url = (path = '') => `/api/v1/cases/${caseId}/extensions${path}`;
  const detail = async (who: Parameters<ApiWorld['as']>[0] = 'coordinator') => expectStatus<Detail>(await get(world, who, `/api/v1/cases/${caseId}`), 200);
  const events = async () => expectStatus<Events>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/events`), 200).items;
  const petitionerSees = async () => (await status(world, receipt.reference, receipt.accessCode)).body;
  const emailsToPetitioner = async () =>
    (await world.ctx.db.selectFrom('notifications').select('template').where('case_id', '=', caseId).where('address_sealed', 'is not', null).orderBy('created_at').execute()).map((row) => row.template);
  const noticesTo = async (role: 'leader' | 'coordinator') =>
    expectStatus<{ items: { template: string; caseId: string | null; subject: string; text: string }[] }>(await get(world, role, '/api/v1/notifications'), 200).items.filter(
      (item) => item.caseId === caseId,
    );
  const leaderNotices = () => noticesTo('leader');
  const officeDecisions = async () => (await noticesTo('coordinator')).filter((item) => item.template === 'extension.decided');

  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    world.time.set('2026-11-02T08:00:00.000Z');
    receipt = await submit(world, petition({ petitioner: { name: '王五', contact: 'wang.wu@example.test' } }));
    const row = await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    caseId = row.id;
    fresh = (await submit(world)).reference;
    await assignId(world, caseId, world.units.township.id);
    world.time.set('2026-11-02T10:00:00.000Z');
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'decision' }), 200);
  });
  afterAll(() => world.dispose());

  it('refuses bad requests with a code naming the field, writing nothing', async () => {
    const tooLong = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { days: 31, reason })), 400, 'validation_failed', 'days');
    expect(tooLong.details).toEqual({ problems: [{ field: 'days', code: 'too_large', params: { limit: 30 } }] });
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { days: 0, reason })), 400, 'validation_failed', 'days');
    const blank = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { days: 20, reason: '   ' })), 400, 'validation_failed', 'reason');
    expect(blank.details).toEqual({ problems: [{ field: 'reason', code: 'required' }] });
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { days: 20 })), 400, 'validation_failed', 'reason');
    // Only the office asks; a leader decides, and cannot ask for itself.
    expectError(await withoutWrites(world, () => post(world, 'leader', url(), { days: 20, reason })), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', url(), { days: 20, reason })), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'anonymous', url(), { days: 20, reason })), 401, 'unauthenticated');
    // Nothing to decide yet.
    const nothing = expectError(await withoutWrites(world, () => post(world, 'leader', url('/approve'))), 409, 'conflict');
    expect(nothing.details).toEqual({ reason: 'no_extension_request' });
    expectError(await withoutWrites(world, () => post(world, 'leader', url('/refuse'), { reason: 'No.' })), 409, 'conflict');
    // A case not yet accepted has no time to conclude to extend.
    const freshId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', fresh).executeTakeFirstOrThrow()).id;
    const early = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${freshId}/extensions`, { days: 20, reason })), 409, 'conflict');
    expect(early.details).toEqual({ reason: 'not_extendable', stage: 'reception' });
  });

  it('keeps a request pending: the clock stays, the petitioner sees nothing, the leaders are told', async () => {
    const before = (await detail()).deadlines.conclude.dueAt;
    const seen = await petitionerSees();
    const requested = expectStatus<Detail>(await post(world, 'coordinator', url(), { days: 20, reason }), 200);
    expect(requested.deadlines.conclude.dueAt).toBe(before);
    expect(requested.extension).toBeNull();
    expect(requested.extensionRequest).toEqual(expect.objectContaining({ days: 20, reason, requestedBy: world.users.coordinator.id }));
    expect(await petitionerSees()).toBe(seen);
    // Only the notice of acceptance, when the office accepted the case.
    expect(await emailsToPetitioner()).toEqual(['notice.issued']);
    expect((await events()).filter((item) => item.type.startsWith('deadline.')).map((item) => [item.type, item.data])).toEqual([
      ['deadline.extension_requested', { days: 20, reason }],
    ]);
    const notices = await leaderNotices();
    expect(notices.map((item) => item.template)).toEqual(['extension.requested']);
    expect(notices[0]?.subject).toContain(receipt.reference);
    expect((await detail('leader')).abilities['case.extension.decide']).toBe(true);
    expect((await detail('coordinator')).abilities['case.extension.decide']).toBe(false);

    // One request at a time.
    const twice = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { days: 5, reason })), 409, 'conflict');
    expect(twice.details).toEqual({ reason: 'extension_pending', days: 20 });
  });

  it('lets only a leader decide, and a refusal moves nothing and lets the office ask again', async () => {
    const before = (await detail()).deadlines.conclude.dueAt;
    const seen = await petitionerSees();
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url('/approve'))), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'admin', url('/approve'))), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url('/refuse'), { reason: 'No.' })), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'leader', url('/refuse'), { reason: ' ' })), 400, 'validation_failed', 'reason');
    expectError(await withoutWrites(world, () => post(world, 'leader', url('/refuse'), {})), 400, 'validation_failed', 'reason');

    const refusal = 'Ask the archive for the records first.';
    const refused = expectStatus<Detail>(await post(world, 'leader', url('/refuse'), { reason: refusal }), 200);
    expect(refused.extensionRequest).toBeNull();
    expect(refused.extension).toBeNull();
    expect(refused.deadlines.conclude.dueAt).toBe(before);
    expect(await petitionerSees()).toBe(seen);
    expect(await emailsToPetitioner()).toEqual(['notice.issued']);
    expect((await events()).filter((item) => item.type === 'deadline.extension_refused').map((item) => item.data)).toEqual([
      { days: 20, requestedReason: reason, reason: refusal },
    ]);
    expectError(await withoutWrites(world, () => post(world, 'leader', url('/approve'))), 409, 'conflict');
    // The office that asked is told, with the leader's reason.
    const told = await officeDecisions();
    expect(told).toHaveLength(1);
    expect(`${told[0]?.subject} ${told[0]?.text}`).toMatch(/不予批准|refused/);
    expect(told[0]?.text).toMatch(/Ask the archive for the records first|Ask the archive/);

    expectStatus(await post(world, 'coordinator', url(), { days: 20, reason }), 200);
  });

  it('moves the clock by exactly the requested days on approval, and tells the petitioner', async () => {
    world.time.set('2026-11-03T02:00:00.000Z');
    const before = (await detail()).deadlines.conclude.dueAt ?? '';
    // Accepted Mon 2 Nov 18:00 local: 60 calendar days → end of 1 Jan; 20 more → end of 21 Jan.
    expect(before).toBe('2027-01-01T15:59:59.999Z');
    const approved = expectStatus<Detail>(await post(world, 'leader', url('/approve')), 200);
    expect(approved.deadlines.conclude.dueAt).toBe('2027-01-21T15:59:59.999Z');
    expect(Date.parse(approved.deadlines.conclude.dueAt ?? '') - Date.parse(before)).toBe(days(20));
    expect(approved.extensionRequest).toBeNull();
    expect(approved.extension).toEqual(expect.objectContaining({ days: 20, reason }));
    expect((await events()).filter((item) => item.type === 'deadline.extended').map((item) => item.data)).toEqual([
      { days: 20, reason, previousDueAt: before, newDueAt: '2027-01-21T15:59:59.999Z', public: true },
    ]);
    expect(await emailsToPetitioner()).toEqual(['notice.issued', 'case.extended']);
    const told = await officeDecisions();
    expect(told).toHaveLength(2);
    expect(`${told[0]?.subject} ${told[0]?.text}`).toMatch(/已批准|approved/);
    const shown = JSON.parse(await petitionerSees()) as { deadlines: { conclude: { dueAt: string } } };
    expect(shown.deadlines.conclude.dueAt).toBe('2027-01-21T15:59:59.999Z');

    // The one extension is used: no further request.
    const again = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { days: 5, reason })), 409, 'conflict');
    expect(again.details).toEqual({ reason: 'already_extended', days: 20 });
    expectError(await withoutWrites(world, () => post(world, 'leader', url('/approve'))), 409, 'conflict');
  });

  it('lets a pending request lapse when the case is answered: nothing waits for a leader that could no longer be approved', async () => {
    const answered = (await submit(world)).reference;
    const id = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', answered).executeTakeFirstOrThrow()).id;
    await assignId(world, id, world.units.township.id);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${id}/transitions`, { to: 'decision' }), 200);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${id}/extensions`, { days: 10, reason }), 200);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${id}/transitions`, { to: 'resolution', reason: 'Investigated on site.' }), 200);
    const after = expectStatus<Detail>(await post(world, 'coordinator', `/api/v1/cases/${id}/answers`, { body: 'The wages were paid on 1 December.' }), 201);
    expect(after.extensionRequest).toBeNull();
    expect(after.deadlines.conclude.doneAt).not.toBeNull();
    const timeline = expectStatus<Events>(await get(world, 'coordinator', `/api/v1/cases/${id}/events`), 200).items;
    expect(timeline.find((item) => item.type === 'answer.given')?.data).toEqual(expect.objectContaining({ extensionRequestLapsed: { days: 10 } }));
    const lapsed = expectError(await withoutWrites(world, () => post(world, 'leader', `/api/v1/cases/${id}/extensions/approve`)), 409, 'conflict');
    expect(lapsed.details).toEqual({ reason: 'no_extension_request' });
  });
});
