import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { addDays } from '../../../core/deadlines.js';
import { days } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, petition, status, submit } from '../../../../test/public.js';
import { expectError, get, post, withoutWrites } from '../../../../test/requests.js';
import { chainAndVerify } from '../../../../test/audit.js';
import { statementCounter } from '../../../../test/statements.js';
import { petitionFor, type PetitionKey } from '../../../commands/public/petition-access.js';

interface Status {
  reference: string;
  stage: string;
  stageText: { zh: string; en: string };
  deadlines: Record<'accept' | 'conclude' | 'reviewRequest' | 'review', { dueAt: string | null; status: string | null }>;
  answers: { id: string; body: string; reviewRound: number; createdAt: string; rating: number | null }[];
  reviewCount: number;
  review: { opensAt: string | null; possible: boolean; until: string | null; blockedBy: string | null };
  feedback: { possible: boolean; answerId: string | null };
  offerReview?: boolean;
}

interface QueueItem {
  id: string;
  reference: string;
  channel: string;
  stage: string;
  flags: string[];
  deadlines: { accept: { status: string } };
}

describe.each(databaseKinds)('the public petitions API on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
  });
  afterAll(() => world.dispose());

  const caseIdOf = async (reference: string): Promise<string> => {
    const queue = expectStatus<{ items: QueueItem[] }>(await get(world, 'coordinator', `/api/v1/cases?q=${reference}`), 200);
    const item = queue.items.find((candidate) => candidate.reference === reference);
    if (!item) throw new Error(`${reference} is not in the queue`);
    return item.id;
  };

  /** The office works the case to a written answer and closes it, as the staff API does. */
  const answerAndClose = async (caseId: string, body: string) => {
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments`, { unitId: world.units.township.id, role: 'lead' }), 201);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution' }), 200);
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${caseId}/answers`, { body }), 201);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'closed' }), 200);
  };

  const review = (reference: string, accessCode: string, reason: string) =>
    world.as('anonymous', {
      method: 'POST',
      url: `/public/v1/petitions/${reference}/review`,
      headers: { 'x-access-code': accessCode },
      payload: { reason },
    });

  const feedback = (reference: string, accessCode: string, payload: object) =>
    world.as('anonymous', { method: 'POST', url: `/public/v1/petitions/${reference}/feedback`, headers: { 'x-access-code': accessCode }, payload });

  it('registers a petition as an ordinary online case that the coordinator sees in the queue, opened by no one', async () => {
    const receipt = await submit(world);
    expect(receipt.reference).toMatch(/^\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt.accessCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);

    const queue = expectStatus<{ items: QueueItem[] }>(await get(world, 'coordinator', '/api/v1/cases'), 200);
    const item = queue.items.find((candidate) => candidate.reference === receipt.reference);
    expect(item).toMatchObject({ channel: 'online', stage: 'reception', flags: [], deadlines: { accept: { status: 'pending' } } });

    const caseId = await caseIdOf(receipt.reference);
    const detail = expectStatus<{ petitioner: { name: string; contact: string } }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    expect(detail.petitioner).toEqual({ name: '王五', contact: '13700000000' });
    const events = expectStatus<{ items: { type: string; actorId: string | null; data: Record<string, unknown> }[] }>(
      await get(world, 'coordinator', `/api/v1/cases/${caseId}/events`),
      200,
    );
    expect(events.items[0]).toMatchObject({ type: 'case.opened', actorId: null, data: { from: 'the public', via: 'public_api' } });
    const audit = await world.ctx.db.selectFrom('audit_entries').selectAll().where('subject_id', '=', caseId).where('action', '=', 'case.open').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBeNull();
    expect(JSON.parse(audit.detail)).toMatchObject({ from: 'the public', via: 'public_api' });
  });

  it('stores the access code only as a digest, and personal data only sealed', async () => {
    const receipt = await submit(world);
    const caseId = await caseIdOf(receipt.reference);
    const row = await world.ctx.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const access = await world.ctx.db.selectFrom('access_codes').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const stored = JSON.stringify([row, access]);
    expect(stored).not.toContain(receipt.accessCode);
    expect(stored).not.toContain(receipt.accessCode.replace(/-/g, ''));
    expect(stored).not.toContain('王五');
    expect(stored).not.toContain('13700000000');
    expect(access.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an anonymous petition and a collective one with representatives', async () => {
    const anonymous = await submit(world, petition({ petitioner: undefined }));
    const anonymousDetail = expectStatus<{ petitioner: unknown }>(await get(world, 'coordinator', `/api/v1/cases/${await caseIdOf(anonymous.reference)}`), 200);
    expect(anonymousDetail.petitioner).toBeNull();

    const group = await submit(
      world,
      petition({ kind: 'collective', headcount: 30, representatives: [{ name: '李明', contact: '13900000001' }, { name: '王芳' }] }),
    );
    const groupDetail = expectStatus<{ kind: string; headcount: number; representatives: { name: string }[] }>(
      await get(world, 'coordinator', `/api/v1/cases/${await caseIdOf(group.reference)}`),
      200,
    );
    expect(groupDetail).toMatchObject({ kind: 'collective', headcount: 30 });
    expect(groupDetail.representatives.map((rep) => rep.name)).toEqual(['李明', '王芳']);
  });

  it("shows the petitioner the stage in plain words, the deadlines, and the staff's answer — never personal data", async () => {
    const receipt = await submit(
      world,
      petition({ kind: 'collective', headcount: 12, representatives: [{ name: '赵强', contact: '13900000002' }] }),
    );
    const early = expectStatus<Status>(await status(world, receipt.reference, receipt.accessCode), 200);
    expect(early).toMatchObject({ stage: 'reception', stageText: { zh: '已登记，正在审查是否受理', en: 'Registered; acceptance being decided' } });
    expect(early.deadlines.accept.status).toBe('pending');
    expect(early.answers).toEqual([]);
    expect(early.review.possible).toBe(false);

    world.time.advance(days(3));
    await answerAndClose(await caseIdOf(receipt.reference), '经核实，工资已于本月全额发放。Wages verified and paid in full.');
    const response = await status(world, receipt.reference, receipt.accessCode.toLowerCase().replace(/-/g, ' '));
    const closed = expectStatus<Status>(response, 200);
    expect(closed.stage).toBe('closed');
    expect(closed.deadlines.accept.status).toBe('met');
    expect(closed.deadlines.conclude.status).toBe('met');
    expect(closed.answers.map((answer) => answer.body)).toEqual(['经核实，工资已于本月全额发放。Wages verified and paid in full.']);
    expect(closed.review).toMatchObject({ possible: true, blockedBy: null });
    expect(closed.feedback.possible).toBe(true);
    for (const personal of ['王五', '13700000000', '赵强', '13900000002', 'school building site']) expect(response.body).not.toContain(personal);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('takes one rating per answer; an unsatisfied rating offers the review', async () => {
    const receipt = await submit(world);
    world.time.advance(days(1));
    await answerAndClose(await caseIdOf(receipt.reference), 'The answer.');
    const rated = expectStatus<Status>(await feedback(receipt.reference, receipt.accessCode, { rating: 2, comment: '没有解决问题' }), 201);
    expect(rated.offerReview).toBe(true);
    expect(rated.answers[0]?.rating).toBe(2);
    expect(rated.feedback.possible).toBe(false);
    const again = await withoutWrites(world, () => feedback(receipt.reference, receipt.accessCode, { rating: 5 }));
    expect(expectError(again, 409, 'already_done').message).toBe('You have already rated this answer.');
    expectError(await feedback(receipt.reference, receipt.accessCode, { rating: 6 }), 400, 'validation_failed', 'rating');
  });

  it('lets the petitioner request a review through the stage machine, and a second one, but no third', async () => {
    const receipt = await submit(world);
    const caseId = await caseIdOf(receipt.reference);
    const tooEarly = await withoutWrites(world, () => review(receipt.reference, receipt.accessCode, 'Not satisfied.'));
    expect(expectError(tooEarly, 409, 'move_not_allowed').details).toEqual({ guard: 'noAnswerYet' });

    await answerAndClose(caseId, 'First answer.');
    world.time.advance(days(10));
    expectError(await review(receipt.reference, receipt.accessCode, '   '), 409, 'guard_failed', 'reason');
    const reviewing = expectStatus<Status>(await review(receipt.reference, receipt.accessCode, 'The wages paid were short by half.'), 200);
    expect(reviewing).toMatchObject({ stage: 'review', reviewCount: 1 });
    expect(reviewing.deadlines.review.status).toBe('pending');
    const events = expectStatus<{ items: { type: string; actorId: string | null; data: Record<string, unknown> }[] }>(
      await get(world, 'coordinator', `/api/v1/cases/${caseId}/events`),
      200,
    );
    expect(events.items.at(-1)).toMatchObject({
      type: 'stage.changed',
      actorId: null,
      data: { from: 'closed', to: 'review', reason: 'The wages paid were short by half.', by: 'the petitioner' },
    });

    // The office answers the review and closes it; a second review is open for 30 days from that answer.
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/answers`, { body: 'Review: the balance will be paid.' }), 201);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'closed' }), 200);
    world.time.advance(days(29));
    expectStatus<Status>(await review(receipt.reference, receipt.accessCode, 'The balance never came.'), 200);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/answers`, { body: 'Second review: paid.' }), 201);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'closed' }), 200);
    const third = await withoutWrites(world, () => review(receipt.reference, receipt.accessCode, 'Again.'));
    expect(expectError(third, 409, 'guard_failed').message).toMatch(/answer is final/);
    expect((await chainAndVerify(world.ctx)).ok).toBe(true);
  });

  it('opens the review window and the review request with the written answer, before the case is closed, the same in every view', async () => {
    const receipt = await submit(world);
    const caseId = await caseIdOf(receipt.reference);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments`, { unitId: world.units.township.id, role: 'lead' }), 201);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution' }), 200);
    const unanswered = expectStatus<Status>(await status(world, receipt.reference, receipt.accessCode), 200);
    expect(unanswered.review).toEqual({ opensAt: null, until: null, possible: false, blockedBy: 'noAnswerYet' });
    world.time.advance(days(2));
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${caseId}/answers`, { body: 'The answer.' }), 201);
    const answered = expectStatus<Status>(await status(world, receipt.reference, receipt.accessCode), 200);
    const answeredAt = answered.answers[0]?.createdAt ?? '';
    const until = addDays(answeredAt, 30, world.ctx.timeZone);
    expect(answered.stage).toBe('resolution');
    expect(answered.review).toEqual({ opensAt: answeredAt, until, possible: true, blockedBy: null });
    expect(answered.deadlines.reviewRequest).toMatchObject({ dueAt: until, status: 'pending' });
    // The staff view says the same.
    const staff = expectStatus<{ review: unknown; moves: { to: string; blockedBy: string | null }[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    expect(staff.review).toEqual(answered.review);
    expect(staff.moves.find((move) => move.to === 'review')).toMatchObject({ blockedBy: null });
    // An unsatisfied rating offers it at once.
    const rated = expectStatus<Status>(await feedback(receipt.reference, receipt.accessCode, { rating: 1 }), 201);
    expect(rated.offerReview).toBe(true);
    const reviewing = expectStatus<Status>(await review(receipt.reference, receipt.accessCode, 'Not what I asked for.'), 200);
    expect(reviewing).toMatchObject({ stage: 'review', reviewCount: 1 });
    expect(reviewing.review).toMatchObject({ possible: false, blockedBy: 'noAnswerYet' });
  });

  it('refuses a review asked for before the case is closed once 30 days from the answer have passed, with a clear code', async () => {
    const receipt = await submit(world);
    const caseId = await caseIdOf(receipt.reference);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments`, { unitId: world.units.township.id, role: 'lead' }), 201);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'resolution' }), 200);
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${caseId}/answers`, { body: 'The answer.' }), 201);
    world.time.advance(days(31));
    const late = await withoutWrites(world, () => review(receipt.reference, receipt.accessCode, 'Too late.'));
    const error = expectError(late, 409, 'guard_failed');
    const after = expectStatus<Status>(await status(world, receipt.reference, receipt.accessCode), 200);
    expect(error.details).toEqual({ guard: 'reviewWindowPassed', until: after.review.until });
    expect(after.review).toMatchObject({ possible: false, blockedBy: 'reviewWindowPassed' });
    expectError(await feedback(receipt.reference, receipt.accessCode, { rating: 1 }), 409, 'conflict');
  });

  it('refuses a review request and a rating after 30 days, saying so plainly', async () => {
    const receipt = await submit(world);
    await answerAndClose(await caseIdOf(receipt.reference), 'The answer.');
    world.time.advance(days(31));
    const late = await withoutWrites(world, () => review(receipt.reference, receipt.accessCode, 'I only just read the answer.'));
    expect(expectError(late, 409, 'guard_failed').message).toBe('The time to request a review (30 days from the answer) has passed.');
    const lateRating = await withoutWrites(world, () => feedback(receipt.reference, receipt.accessCode, { rating: 1 }));
    expect(expectError(lateRating, 409, 'conflict').message).toBe('The time to rate this answer (30 days from the answer) has passed.');
    const after = expectStatus<Status>(await status(world, receipt.reference, receipt.accessCode), 200);
    expect(after.stage).toBe('closed');
    expect(after.review.possible).toBe(false);
    expect(after.review.blockedBy).toBe('reviewWindowPassed');
    expect(expectError(late, 409, 'guard_failed').details).toEqual({ guard: 'reviewWindowPassed', until: after.review.until });
    expect(after.deadlines.reviewRequest.status).toBe('overdue');
  });

  it('gives a wrong access code and an unknown reference exactly the same answer', async () => {
    const receipt = await submit(world);
    const wrongCode = `${receipt.accessCode.slice(0, -1)}${receipt.accessCode.endsWith('0') ? '1' : '0'}`;
    const unknown = `${receipt.reference.slice(0, 5)}ZZZZ-ZZZZ`;
    const answers = [
      await status(world, receipt.reference, wrongCode),
      await status(world, unknown, receipt.accessCode),
      await status(world, unknown, wrongCode),
      await status(world, 'not-a-reference', 'not-a-code'),
    ];
    // Everything but the clock-driven headers (the date, the rate window's seconds left) and the
    // request counter, which move with every request alike.
    const moving = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
    const comparable = (response: (typeof answers)[number]) => {
      const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !moving.has(name)));
      return { statusCode: response.statusCode, body: response.body, headers };
    };
    for (const response of answers) {
      expectError(response, 404, 'not_found');
      expect(comparable(response)).toEqual(comparable(answers[0] ?? response));
    }
    const postAnswers = [
      await feedback(receipt.reference, wrongCode, { rating: 3 }),
      await feedback(unknown, receipt.accessCode, { rating: 3 }),
      await review(receipt.reference, wrongCode, 'Why'),
      await review(unknown, receipt.accessCode, 'Why'),
    ];
    for (const response of postAnswers) expect(comparable(response)).toEqual(comparable(answers[0] ?? response));
  });

  it('does the same work to refuse a wrong code as an unknown reference, so neither answers sooner', async () => {
    // Timing itself is not asserted (it is noise on a shared machine); the work that sets it is:
    // the same statements, then a hash and one constant-time comparison on both paths.
    const receipt = await submit(world);
    const wrongCode = receipt.accessCode.replace(/^./, (char) => (char === 'A' ? 'B' : 'A'));
    const unknown = `${receipt.reference.slice(0, 5)}ZZZZ-ZZZZ`;
    const counter = statementCounter();
    const counted = { ...world.ctx, db: world.ctx.db.withPlugin(counter) };
    const refusal = async (key: PetitionKey) => {
      counter.reset();
      await expect(counted.db.transaction().execute((trx) => petitionFor(counted, trx, key))).rejects.toMatchObject({ code: 'not_found' });
      return [...counter.statements];
    };
    const wrong = await refusal({ reference: receipt.reference, accessCode: wrongCode });
    expect(wrong).toEqual([{ kind: 'select', table: 'cases' }]);
    expect(await refusal({ reference: unknown, accessCode: receipt.accessCode })).toEqual(wrong);
    // The right code goes on to read the case: the one path that may take longer.
    counter.reset();
    await counted.db.transaction().execute((trx) => petitionFor(counted, trx, receipt));
    expect(counter.statements.length).toBeGreaterThan(wrong.length);
  });

  it('answers 400 without the X-Access-Code header, naming it', async () => {
    const receipt = await submit(world);
    const response = await world.as('anonymous', { method: 'GET', url: `/public/v1/petitions/${receipt.reference}` });
    expectError(response, 400, 'validation_failed', 'x-access-code');
  });

  describe('size limits and bad input', () => {
    const send = (payload: unknown) => () =>
      world.as('anonymous', { method: 'POST', url: '/public/v1/petitions', payload: payload as Record<string, unknown> });

    it.each([
      ['title', { title: 'x'.repeat(201) }],
      ['description', { description: '字'.repeat(5001) }],
      ['location', { location: 'x'.repeat(501) }],
      ['petitioner.name', { petitioner: { name: 'x'.repeat(101) } }],
      ['petitioner.contact', { petitioner: { contact: 'x'.repeat(201) } }],
      ['representatives', { kind: 'collective', representatives: Array.from({ length: 6 }, (_, i) => ({ name: `代表${i}` })) }],
      ['representatives[0].name', { kind: 'collective', representatives: [{ name: 'x'.repeat(101) }] }],
      ['headcount', { kind: 'collective', headcount: 1_000_000 }],
      ['headcount', { headcount: 3 }],
      ['category', { category: 'parking-tickets' }],
      ['representatives', { representatives: [{ name: '李明' }] }],
      ['channel', { channel: 'visit' }],
      ['urgency', { urgency: 'major' }],
    ])('refuses a bad %s with 400 naming it, writing nothing', async (field, overrides) => {
      expectError(await withoutWrites(world, send(petition(overrides))), 400, 'validation_failed', field);
    });

    it('refuses a body over the limit with 413 in our error shape', async () => {
      const response = await withoutWrites(world, send(petition({ description: 'x'.repeat(200_000) })));
      expectError(response, 413, 'payload_too_large');
    });

    it('limits the feedback comment and the review reason', async () => {
      const receipt = await submit(world);
      expectError(await feedback(receipt.reference, receipt.accessCode, { rating: 3, comment: 'x'.repeat(2001) }), 400, 'validation_failed', 'comment');
      expectError(await review(receipt.reference, receipt.accessCode, 'x'.repeat(2001)), 400, 'validation_failed', 'reason');
    });
  });
});
