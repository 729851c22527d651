import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { pdfText, squeezed } from '../../../../test/pdf.js';
import { buildPublicWorld, submit, type Submitted } from '../../../../test/public.js';
import { days } from '../../../../test/time.js';
import { assignId, expectError, get, post, withoutWrites } from '../../../../test/requests.js';
import { password } from '../../../../test/world.js';
import { createToken, createUser } from '../../../commands/users.js';
import { createUnit, updateUnit } from '../../../commands/units.js';
import type { Role } from '../../../core/types.js';

interface Clock {
  dueAt: string | null;
  doneAt: string | null;
  status: string | null;
}
interface Round {
  round: number;
  requestedAt: string;
  reason: string;
  answeredBy: { rootId: string | null; name: string | null };
  body: { inSystem: boolean; unitId: string | null; name: string | null };
  clock: Clock;
  outcome: string | null;
  outcomeNote: string | null;
}
interface Detail {
  id: string;
  stage: string;
  reviewCount: number;
  deadlines: Record<'review', Clock>;
  reviews: Round[];
  reviewHandling: string | null;
  abilities: Record<string, boolean>;
  pauses: { id: string }[];
}

/** Someone outside the world's fixed cast: a user of another jurisdiction, with a token of their own. */
interface Staff {
  id: string;
  send(method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse>;
}

async function staff(world: ApiWorld, role: Role, email: string, unitId: string): Promise<Staff> {
  const user = await createUser(world.ctx, { actor: null, email, name: email.split('@')[0] ?? email, role, unitId, password });
  const { token } = await createToken(world.ctx, { email, name: 'test', days: 3650 });
  return {
    id: user.id,
    send: (method, url, payload) => world.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) }),
  };
}

const publicReview = (world: ApiWorld, receipt: Submitted, reason: string) =>
  world.as('anonymous', { method: 'POST', url: `/public/v1/petitions/${receipt.reference}/review`, headers: { 'x-access-code': receipt.accessCode }, payload: { reason } });

/**
 * Review by the body above (issue 13 item 5; Art. 35–36). One deployment holds a province, a
 * prefecture under it and the county under that: the county's answer is reviewed by the
 * prefecture's petition office, the review by the province's; who handled a stage does not handle
 * the review of it; the second review is final.
 */
describe.each(databaseKinds)('review by the body above, in a multi-jurisdiction tree, on %s', (kind) => {
  let world: ApiWorld;
  let receipt: Submitted;
  let caseId = '';
  const tree = { province: '', provinceOffice: '', prefecture: '', prefectureOffice: '', county: '' };
  let prefecture: Staff;
  let prefectureHelper: Staff;
  let province: Staff;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    world.time.set('2026-11-02T02:00:00.000Z');
    const unit = async (name: string, nameEn: string, unitKind: 'province' | 'prefecture' | 'county' | 'office', parentId: string | null) =>
      (await createUnit(world.ctx, { actor: null, name, nameEn, kind: unitKind, parentId })).id;
    tree.province = await unit('某省', 'The province', 'province', null);
    tree.provinceOffice = await unit('省信访局', 'Provincial petition bureau', 'office', tree.province);
    tree.prefecture = await unit('某市', 'The prefecture', 'prefecture', tree.province);
    tree.prefectureOffice = await unit('市信访局', 'Prefectural petition bureau', 'office', tree.prefecture);
    tree.county = await unit('某县', 'The county', 'county', tree.prefecture);
    // The county's own units, made flat by the test world, go under the county.
    const admin = world.actor(world.users.admin);
    for (const own of Object.values(world.units)) await updateUnit(world.ctx, { actor: admin, unitId: own.id, parentId: tree.county });
    prefecture = await staff(world, 'coordinator', 'reviewer@prefecture.test', tree.prefectureOffice);
    prefectureHelper = await staff(world, 'coordinator', 'helper@prefecture.test', tree.prefectureOffice);
    province = await staff(world, 'coordinator', 'reviewer@province.test', tree.provinceOffice);

    // The county works the petition: the township leads, its officer writes the answer.
    receipt = await submit(world);
    caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id;
    await assignId(world, caseId, world.units.township.id);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution' }), 200);
    // A prefecture officer looked at it during the first stage and left a note: that is handling it too.
    expectStatus(await prefectureHelper.send('POST', `/api/v1/cases/${caseId}/notes`, { body: 'The prefecture asked to be kept informed.' }), 201);
    world.time.advance(days(10));
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${caseId}/answers`, { body: 'The wages were verified and will be paid by 30 November.' }), 201);
  });
  afterAll(() => world.dispose());

  const url = (path = '') => `/api/v1/cases/${caseId}${path}`;
  const answer = { body: 'On review: the wages are owed in full, with the late-payment compensation.' };

  it('a review goes to the prefecture\'s office and is refused to the officer who answered first', async () => {
    world.time.advance(days(5));
    const requestedAt = world.time.now();
    expectStatus(await publicReview(world, receipt, 'The answer leaves out the compensation for late payment.'), 200);

    const seen = expectStatus<Detail>(await prefecture.send('GET', url()), 200);
    expect(seen.stage).toBe('review');
    expect(seen.reviews).toHaveLength(1);
    const round = seen.reviews[0];
    expect(round).toMatchObject({
      round: 1,
      requestedAt,
      reason: 'The answer leaves out the compensation for late payment.',
      answeredBy: { rootId: tree.county, name: '某县' },
      body: { inSystem: true, unitId: tree.prefectureOffice, name: '市信访局' },
      outcome: null,
    });
    // Its own 30-day clock, in the case's deadline machinery: requested 2026-11-17 10:00 Beijing, due at the end of 17 December.
    expect(round?.clock).toEqual({ dueAt: '2026-12-17T15:59:59.999Z', doneAt: null, status: 'pending' });
    expect(seen.deadlines.review.dueAt).toBe('2026-12-17T15:59:59.999Z');
    expect(seen.reviewHandling).toBeNull();
    expect(seen.abilities['case.answer']).toBe(true);

    // The prefecture's queue holds it; the province's does not.
    const queue = expectStatus<{ items: { caseId: string; round: number; clock: Clock }[] }>(await prefecture.send('GET', '/api/v1/reviews'), 200);
    expect(queue.items).toEqual([expect.objectContaining({ caseId, round: 1, clock: round?.clock })]);
    expect(expectStatus<{ items: unknown[] }>(await province.send('GET', '/api/v1/reviews'), 200).items).toEqual([]);

    // Who answered first, who worked the first stage, and the prefecture officer who acted in it: recused.
    const recused = expectError(await withoutWrites(world, () => post(world, 'unit_officer', url('/answers'), answer)), 403, 'forbidden');
    expect(recused.details).toEqual({ reason: 'review_recusal', round: 1 });
    expect(recused.message).toMatch(/recusal/);
    expect(expectError(await withoutWrites(world, () => post(world, 'coordinator', url('/answers'), answer)), 403, 'forbidden').details).toEqual({ reason: 'review_recusal', round: 1 });
    expect(expectError(await withoutWrites(world, () => prefectureHelper.send('POST', url('/answers'), answer)), 403, 'forbidden').details).toEqual({ reason: 'review_recusal', round: 1 });
    // The province is not the body of this round.
    expect(expectError(await withoutWrites(world, () => province.send('POST', url('/answers'), answer)), 403, 'forbidden').details).toEqual({ reason: 'review_other_body', round: 1 });
    // The case page says so, and offers them nothing but reading.
    const asOfficer = expectStatus<Detail>(await get(world, 'unit_officer', url()), 200);
    expect(asOfficer.reviewHandling).toBe('review_recusal');
    expect(Object.entries(asOfficer.abilities).filter(([, allowed]) => allowed).map(([action]) => action)).toEqual(['case.read']);
  });

  it('counts a hearing as paused time on the review clock', async () => {
    const plannedEndAt = new Date(Date.parse(world.time.now()) + days(3)).toISOString();
    const paused = expectStatus<Detail>(await prefecture.send('POST', url('/pauses'), { kind: 'hearing', reason: 'A hearing on the compensation (Art. 36).', plannedEndAt }), 201);
    expect(paused.reviews[0]?.clock.status).toBe('paused');
    world.time.advance(days(2));
    const ended = expectStatus<Detail>(await prefecture.send('POST', url(`/pauses/${paused.pauses[0]?.id ?? ''}/end`)), 200);
    expect(ended.reviews[0]?.clock).toEqual({ dueAt: '2026-12-19T15:59:59.999Z', doneAt: null, status: 'pending' });
  });

  it('records the prefecture\'s answer and its conclusion, refusing bad input', async () => {
    expect(expectError(await withoutWrites(world, () => prefecture.send('POST', url('/review/outcome'), { outcome: 'changed' })), 409, 'conflict', 'outcome').details).toEqual({
      reason: 'review_not_answered',
      round: 1,
    });
    world.time.advance(days(1));
    expectStatus(await prefecture.send('POST', url('/answers'), answer), 201);
    expectError(await withoutWrites(world, () => prefecture.send('POST', url('/review/outcome'), { outcome: 'maybe' })), 400, 'validation_failed', 'outcome');
    // The body is in the system: no outside body to name.
    expect(expectError(await withoutWrites(world, () => prefecture.send('POST', url('/review/body'), { name: '某市人民政府' })), 409, 'conflict', 'name').details).toEqual({
      reason: 'review_body_in_system',
      round: 1,
    });
    const concluded = expectStatus<Detail>(await prefecture.send('POST', url('/review/outcome'), { outcome: 'changed', note: 'Compensation added.' }), 200);
    expect(concluded.reviews[0]).toMatchObject({ outcome: 'changed', outcomeNote: 'Compensation added.' });
    expect(concluded.reviews[0]?.clock.status).toBe('met');
    expectError(await withoutWrites(world, () => prefecture.send('POST', url('/review/outcome'), { outcome: 'upheld' })), 409, 'already_done', 'outcome');
  });

  it('a second review is final (a third is refused)', async () => {
    world.time.advance(days(3));
    expectStatus(await publicReview(world, receipt, 'The compensation is still too low.'), 200);
    const second = expectStatus<Detail>(await province.send('GET', url()), 200);
    expect(second.reviewCount).toBe(2);
    expect(second.reviews[1]).toMatchObject({
      round: 2,
      answeredBy: { rootId: tree.prefecture, name: '某市' },
      body: { inSystem: true, unitId: tree.provinceOffice, name: '省信访局' },
      outcome: null,
    });
    // The first round keeps its own clock, met.
    expect(second.reviews[0]?.clock.status).toBe('met');
    // The prefecture did the review: it does not do the second one.
    expect(expectError(await withoutWrites(world, () => prefecture.send('POST', url('/answers'), answer)), 403, 'forbidden').details).toEqual({ reason: 'review_recusal', round: 2 });
    expectStatus(await province.send('POST', url('/answers'), { body: 'On second review: the review’s answer stands.' }), 201);
    expectStatus(await province.send('POST', url('/review/outcome'), { outcome: 'upheld' }), 200);
    const closed = expectStatus<Detail>(await province.send('POST', url('/transitions'), { to: 'closed' }), 200);
    expect(closed.stage).toBe('closed');

    // A third request, by the petitioner or recorded by the office, is refused with the conclusion that stands.
    world.time.advance(days(1));
    const third = expectError(await withoutWrites(world, () => publicReview(world, receipt, 'Once more, please.')), 409, 'guard_failed', 'to');
    expect(third.details).toMatchObject({ guard: 'reviewsUsed', conclusion: { round: 2, outcome: 'upheld' } });
    const recorded = expectError(await withoutWrites(world, () => post(world, 'coordinator', url('/transitions'), { to: 'review', reason: 'Asked again at the counter.' })), 409, 'guard_failed', 'to');
    expect(recorded.details).toMatchObject({ guard: 'reviewsUsed', conclusion: { round: 2, outcome: 'upheld' } });
  });
});

describe.each(databaseKinds)('a county deployment without a level above, on %s', (kind) => {
  let world: ApiWorld;
  let caseId = '';
  let reference = '';
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    world.time.set('2026-11-02T02:00:00.000Z');
    const receipt = await submit(world);
    reference = receipt.reference;
    caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
    await assignId(world, caseId, world.units.township.id);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution' }), 200);
    world.time.advance(days(10));
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/answers`, { body: 'The wages will be paid by 30 November.' }), 201);
  });
  afterAll(() => world.dispose());

  const url = (path = '') => `/api/v1/cases/${caseId}${path}`;

  it('records the review body outside the system and prints the request for it', async () => {
    const requested = expectStatus<Detail>(await post(world, 'coordinator', url('/transitions'), { to: 'review', reason: '申请人认为未计算迟延支付的补偿。' }), 200);
    expect(requested.reviews[0]).toMatchObject({ round: 1, body: { inSystem: false, unitId: null, name: null } });
    // The office that answered records the outside body's work: the recusal rule is the outside body's own.
    expect(requested.reviewHandling).toBeNull();

    const unnamed = expectError(await get(world, 'coordinator', url('/reviews/1/request.pdf?lang=zh')), 409, 'conflict', 'name');
    expect(unnamed.details).toEqual({ reason: 'review_body_unnamed', round: 1 });
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url('/review/body'), { name: '   ' })), 400, 'validation_failed', 'name');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', url('/review/body'), { name: '某市信访局' })), 403, 'forbidden');
    const named = expectStatus<Detail>(await post(world, 'coordinator', url('/review/body'), { name: '某市人民政府信访局' }), 200);
    expect(named.reviews[0]?.body).toEqual({ inSystem: false, unitId: null, name: '某市人民政府信访局', nameEn: null });

    const zh = await get(world, 'coordinator', url('/reviews/1/request.pdf?lang=zh'));
    expect(zh.statusCode, zh.body.slice(0, 300)).toBe(200);
    expect(zh.headers['content-type']).toBe('application/pdf');
    const zhText = squeezed(await pdfText(zh.rawPayload));
    for (const part of ['县信访局', '信访事项复查申请转送函', `编号：${reference}`, '某市人民政府信访局：', '第三十五条', '三十日内', '申请理由：申请人认为未计算迟延支付的补偿。', '（盖章）']) {
      expect(zhText).toContain(part);
    }
    const enText = squeezed(await pdfText((await get(world, 'coordinator', url('/reviews/1/request.pdf?lang=en'))).rawPayload));
    for (const part of ['Requestforreview', 'To某市人民政府信访局:', 'Article35', 'within30days', `Reference:${reference}`, '(Seal)']) {
      expect(enText).toContain(part);
    }
    // Printing it is a read of the petitioner's words, audited.
    const audited = await world.ctx.db.selectFrom('audit_entries').select('detail').where('action', '=', 'case.personal_data.read').where('subject_id', '=', caseId).execute();
    expect(audited.some((entry) => entry.detail.includes('reviewRequest'))).toBe(true);
  });
});
