import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, cookiesOf, form, status, submit, type Submitted } from '../../../../test/public.js';
import { days } from '../../../../test/time.js';
import { assignId, expectError, get, post, withoutWrites } from '../../../../test/requests.js';
import { portalMessages } from '../../portal/i18n/index.js';

interface Commitment {
  id: string;
  text: string;
  ownerUnitId: string;
  dueAt: string;
  status: string;
  evidence: string | null;
  may: { done: boolean; drop: boolean };
}
interface State {
  items: Commitment[];
  open: number;
  may: { add: boolean };
}
interface PublicStatus {
  commitments: { text: string; unitName: { zh: string; en: string }; dueAt: string; status: string; doneAt: string | null; dropReason: string | null }[];
}

/** The commitments ledger over HTTP: who may write it, bad input named by field, retries answered once, and what the petitioner sees. */
describe.each(databaseKinds)('commitments over the API on %s', (kind) => {
  let world: ApiWorld;
  let receipt: Submitted;
  let caseId = '';
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    world.time.set('2026-11-02T02:00:00.000Z');
    receipt = await submit(world);
    caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id;
    await assignId(world, caseId, world.units.township.id);
  });
  afterAll(() => world.dispose());

  const url = (path = '') => `/api/v1/cases/${caseId}/commitments${path}`;
  const body = (overrides: Record<string, unknown> = {}) => ({ source: 'decision', text: '两周内完成欠薪核查', ownerUnitId: world.units.township.id, dueDate: '2026-11-16', ...overrides });

  it('answers 401 without a user and 403 to whom may not write it', async () => {
    expectError(await world.app.inject({ method: 'GET', url: url() }), 401, 'unauthenticated');
    expectError(await withoutWrites(world, () => world.app.inject({ method: 'POST', url: url(), payload: body() })), 401, 'unauthenticated');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', url(), body())), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'auditor', url(), body())), 403, 'forbidden');
    // Another unit's officer cannot even read a case not assigned to it.
    expectError(await get(world, 'otherOfficer', url()), 403, 'forbidden');
  });

  it('a commitment without an owner or due in the past is a 400 naming the field, with nothing written', async () => {
    const noOwner = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), body({ ownerUnitId: undefined }))), 400, 'validation_failed', 'ownerUnitId');
    expect(noOwner.details).toMatchObject({ problems: [expect.objectContaining({ field: 'ownerUnitId', code: 'required' })] });
    const past = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), body({ dueDate: '2026-11-01' }))), 400, 'validation_failed', 'dueDate');
    expect(past.details).toEqual({ problems: [{ field: 'dueDate', code: 'in_past' }] });
    const notADate = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), body({ dueDate: '16 November' }))), 400, 'validation_failed', 'dueDate');
    expect(notADate.details).toMatchObject({ problems: [expect.objectContaining({ field: 'dueDate' })] });
    const unknown = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), body({ ownerUnitId: 'nobody' }))), 400, 'validation_failed', 'ownerUnitId');
    expect(unknown.details).toEqual({ problems: [{ field: 'ownerUnitId', code: 'no_such_unit' }] });
    const empty = expectError(await withoutWrites(world, () => post(world, 'coordinator', `${url()}/x/done`, { evidence: '' })), 400, 'validation_failed', 'evidence');
    expect(empty.details).toMatchObject({ problems: [expect.objectContaining({ field: 'evidence' })] });
  });

  it('a retried request with the same Idempotency-Key records the commitment once, and marks it done once', async () => {
    const send = (payload: object, path = '', key = 'commit-key-1') => world.as('coordinator', { method: 'POST', url: url(path), payload, headers: { 'idempotency-key': key } });
    const first = expectStatus<State>(await send(body()), 201);
    const again = await send(body());
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<State>()).toEqual(first);
    const rows = await world.ctx.db.selectFrom('commitments').select('id').where('case_id', '=', caseId).execute();
    expect(rows).toHaveLength(1);
    const id = first.items[0]?.id ?? '';
    expectError(await send(body({ text: 'another' })), 422, 'idempotency_key_reused');

    const done = expectStatus<State>(await world.as('unit_officer', { method: 'POST', url: url(`/${id}/done`), payload: { evidence: '核查报告已上传' }, headers: { 'idempotency-key': 'done-1' } }), 200);
    expect(done.items[0]).toMatchObject({ status: 'done', evidence: '核查报告已上传' });
    const retried = await world.as('unit_officer', { method: 'POST', url: url(`/${id}/done`), payload: { evidence: '核查报告已上传' }, headers: { 'idempotency-key': 'done-1' } });
    expect([retried.statusCode, retried.headers['idempotent-replayed']]).toEqual([200, 'true']);
    const doneEvents = await world.ctx.db.selectFrom('events').select('id').where('case_id', '=', caseId).where('type', '=', 'commitment.done').execute();
    expect(doneEvents).toHaveLength(1);
    // Without a key, a second "done" is refused: it is done already.
    const twice = expectError(await post(world, 'coordinator', url(`/${id}/done`), { evidence: 'again' }), 409, 'already_done');
    expect(twice.details).toMatchObject({ reason: 'commitment_settled', status: 'done' });
  });

  it('the petitioner sees each commitment and its status, in /public/v1 and on the portal, without its evidence', async () => {
    const added = expectStatus<State>(await post(world, 'coordinator', url(), body({ text: '三日内回复补偿方案', dueDate: '2026-11-04' })), 201);
    const late = added.items.find((item) => item.text === '三日内回复补偿方案');
    world.time.advance(days(3));
    const seen = expectStatus<PublicStatus>(await status(world, receipt.reference, receipt.accessCode), 200);
    expect(seen.commitments.map((item) => [item.text, item.unitName.zh, item.status])).toEqual([
      ['三日内回复补偿方案', world.units.township.name, 'overdue'],
      ['两周内完成欠薪核查', world.units.township.name, 'done'],
    ]);
    expect(JSON.stringify(seen)).not.toContain('核查报告已上传');

    expectStatus<State>(await post(world, 'coordinator', url(`/${late?.id ?? ''}/drop`), { reason: '补偿方案改由调解解决' }), 200);
    const lookedUp = await world.app.inject({ method: 'POST', url: '/petition/status', ...form({ lang: 'zh', reference: receipt.reference, accessCode: receipt.accessCode }) });
    expect(lookedUp.statusCode).toBe(303);
    const page = await world.app.inject({ method: 'GET', url: lookedUp.headers.location as string, cookies: cookiesOf(lookedUp) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(portalMessages.zh.commitments.title);
    expect(page.body).toContain('三日内回复补偿方案');
    expect(page.body).toContain(`data-commitment-status="dropped">${portalMessages.zh.commitments.statuses.dropped}`);
    expect(page.body).toContain('补偿方案改由调解解决');
    expect(page.body).toContain(`data-commitment-status="done">${portalMessages.zh.commitments.statuses.done}`);
    expect(page.body).not.toContain('核查报告已上传');
  });
});
