import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../../../bench/queue-plans.js';
import { listCasesQuery } from '../../../db/repositories/cases.js';
import { createToken, createUser } from '../../../commands/users.js';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, submit } from '../../../../test/public.js';
import { expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';
import { days, hours } from '../../../../test/time.js';

interface Day {
  id: string;
  leaderId: string;
  leaderName: string;
  title: { zh: string; en: string };
  unitName: { zh: string; en: string } | null;
  startsAt: string;
  endsAt: string;
  place: string;
  capacity: number;
  booked: number;
  placesLeft: number;
  cancelledAt: string | null;
}
interface DayDetail extends Day {
  bookings: { id: string; caseId: string; reference: string; via: string; cancelledAt: string | null }[];
}
interface Leaders {
  caseId: string;
  personalCharge: { leaderId: string; leaderName: string; since: string } | null;
  bookings: { id: string; day: Day; via: string; cancelledAt: string | null }[];
  bookableDays: Day[];
  may: { book: boolean; takeCharge: boolean; releaseCharge: boolean };
}
interface ChargeReport {
  leaders: { leaderId: string; leaderName: string; cases: number; open: number; concluded: number; concludedOnTime: number; rated: number; satisfied: number }[];
}

/**
 * Leaders in person (issue 13 item 6): the office publishes reception days (领导接访日), cases are
 * booked onto them by the office or by the petitioner, a leader takes personal charge (包案) of a
 * case, and the report counts those cases and how they ended.
 */
describe.each(databaseKinds)('leaders in person on %s', (kind) => {
  let world: ApiWorld;
  let otherLeader: { id: string; token: string };
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    const user = await createUser(world.ctx, { actor: null, email: 'deputy@county.test', name: '李副县长', role: 'leader', unitId: world.units.leadership.id, password: 'a long enough password 1' });
    otherLeader = { id: user.id, token: (await createToken(world.ctx, { email: user.email, name: 'test', days: 3650 })).token };
  });
  afterAll(() => world.dispose());

  const now = () => Date.parse(world.time.now());
  const at = (ms: number) => new Date(now() + ms).toISOString();
  const dayBody = (overrides: Record<string, unknown> = {}) => ({
    leaderId: world.users.leader.id,
    title: '县长',
    titleEn: 'County head',
    startsAt: at(days(3)),
    endsAt: at(days(3) + hours(3)),
    place: '县信访局接待大厅',
    capacity: 2,
    ...overrides,
  });
  const publish = async (overrides: Record<string, unknown> = {}) => expectStatus<Day>(await post(world, 'coordinator', '/api/v1/reception-days', dayBody(overrides)), 201);
  const panel = async (caseId: string, who: 'coordinator' | 'leader' = 'coordinator') => expectStatus<Leaders>(await get(world, who, `/api/v1/cases/${caseId}/leaders`), 200);
  const schedule = async () => expectStatus<{ items: Record<string, unknown>[] }>(await world.as('anonymous', { method: 'GET', url: '/public/v1/reception-days' }), 200).items;
  const eventTypes = async (caseId: string) => (await world.ctx.db.selectFrom('events').select('type').where('case_id', '=', caseId).orderBy('id').execute()).map((row) => row.type);
  const asOther = (options: Parameters<ApiWorld['as']>[1]) => world.app.inject({ ...options, headers: { ...(options.headers ?? {}), authorization: `Bearer ${otherLeader.token}` } });

  it('the office publishes a reception day; the portal’s schedule names the leader and their office, never a petitioner; a retry publishes it once', async () => {
    const request = { method: 'POST' as const, url: '/api/v1/reception-days', payload: dayBody(), headers: { 'idempotency-key': 'day-1' } };
    const day = expectStatus<Day>(await world.as('coordinator', request), 201);
    expect(day).toMatchObject({ leaderId: world.users.leader.id, leaderName: world.users.leader.name, title: { zh: '县长', en: 'County head' }, unitName: { zh: '县信访工作领导小组', en: 'County leadership group' }, capacity: 2, booked: 0, placesLeft: 2, cancelledAt: null });
    const replay = await withoutWrites(world, () => world.as('coordinator', request));
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json<Day>().id).toBe(day.id);

    const caseId = await openCaseId(world, letter());
    await post(world, 'coordinator', `/api/v1/cases/${caseId}/reception-bookings`, { dayId: day.id });
    const published = (await schedule()).find((item) => item.id === day.id);
    expect(published).toEqual({ id: day.id, leaderName: world.users.leader.name, title: { zh: '县长', en: 'County head' }, unitName: { zh: '县信访工作领导小组', en: 'County leadership group' }, startsAt: day.startsAt, endsAt: day.endsAt, place: '县信访局接待大厅', capacity: 2, placesLeft: 1 });
    expect(JSON.stringify(await schedule())).not.toContain('张三');
  });

  it('refuses a bad day naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ leaderId: world.users.coordinator.id }, 'leaderId'],
      [{ endsAt: at(days(3) - hours(1)) }, 'endsAt'],
      [{ startsAt: at(-hours(1)), endsAt: at(hours(1)) }, 'startsAt'],
      [{ endsAt: at(days(5)) }, 'endsAt'],
      [{ capacity: 0 }, 'capacity'],
      [{ place: '   ' }, 'place'],
      [{ unitId: 'no-such-unit' }, 'unitId'],
      [{ startsAt: 'next tuesday' }, 'startsAt'],
    ];
    for (const [overrides, field] of cases) {
      expectError(await withoutWrites(world, () => post(world, 'coordinator', '/api/v1/reception-days', dayBody(overrides))), 400, 'validation_failed', field);
    }
    const problem = expectError(await post(world, 'coordinator', '/api/v1/reception-days', dayBody({ endsAt: at(days(2)) })), 400, 'validation_failed', 'endsAt');
    expect(problem.details).toEqual({ problems: [{ field: 'endsAt', code: 'ends_before_start' }] });
    expectError(await withoutWrites(world, () => world.as('anonymous', { method: 'POST', url: '/api/v1/reception-days', payload: dayBody() })), 401, 'unauthenticated');
    for (const who of ['unit_officer', 'leader', 'auditor'] as const) {
      expectError(await withoutWrites(world, () => post(world, who, '/api/v1/reception-days', dayBody())), 403, 'forbidden');
    }
  });

  it('books a case on a day: its timeline and panel say so, the day fills, one upcoming booking per case, the leader sees the day’s cases', async () => {
    const day = await publish({ capacity: 1 });
    const first = await openCaseId(world, letter());
    const second = await openCaseId(world, letter());
    expect((await panel(first)).bookableDays.map((item) => item.id)).toContain(day.id);

    const booked = expectStatus<Leaders>(await post(world, 'coordinator', `/api/v1/cases/${first}/reception-bookings`, { dayId: day.id }), 200);
    expect(booked.bookings).toMatchObject([{ day: { id: day.id, booked: 1, placesLeft: 0 }, via: 'office', cancelledAt: null }]);
    expect(booked.bookableDays.map((item) => item.id)).not.toContain(day.id);
    expect(await eventTypes(first)).toContain('reception.booked');

    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${second}/reception-bookings`, { dayId: day.id })), 409, 'conflict', 'dayId');
    const full = (await post(world, 'coordinator', `/api/v1/cases/${second}/reception-bookings`, { dayId: day.id })).json<{ error: { details: unknown } }>();
    expect(full.error.details).toEqual({ reason: 'reception_full', capacity: 1 });
    // The same case again, on this day or another still to come.
    const another = await publish();
    const twice = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${first}/reception-bookings`, { dayId: another.id })), 409, 'already_done', 'dayId');
    expect(twice.details).toEqual({ reason: 'already_booked', startsAt: day.startsAt });
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${second}/reception-bookings`, { dayId: 'nope' })), 400, 'validation_failed', 'dayId');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${second}/reception-bookings`, {})), 400, 'validation_failed', 'dayId');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `/api/v1/cases/${second}/reception-bookings`, { dayId: another.id })), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'leader', `/api/v1/cases/${second}/reception-bookings`, { dayId: another.id })), 403, 'forbidden');

    // The leader receiving sees the cases booked on their day; another leader does not.
    const detail = expectStatus<DayDetail>(await get(world, 'leader', `/api/v1/reception-days/${day.id}`), 200);
    expect(detail.bookings.map((item) => item.caseId)).toEqual([first]);
    expect((await asOther({ method: 'GET', url: `/api/v1/reception-days/${day.id}` })).statusCode).toBe(403);
    expectError(await get(world, 'unit_officer', `/api/v1/reception-days/${day.id}`), 403, 'forbidden');

    // Cancelled, the place comes free; cancelling twice is refused.
    const bookingId = booked.bookings[0]?.id ?? '';
    const cancelled = expectStatus<Leaders>(await post(world, 'coordinator', `/api/v1/cases/${first}/reception-bookings/${bookingId}/cancel`), 200);
    expect(cancelled.bookings[0]?.cancelledAt).not.toBeNull();
    const again = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${first}/reception-bookings/${bookingId}/cancel`)), 409, 'already_done');
    expect(again.details).toMatchObject({ reason: 'booking_cancelled' });
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${second}/reception-bookings`, { dayId: day.id }), 200);
  });

  it('a retried booking under its key books once', async () => {
    const day = await publish();
    const caseId = await openCaseId(world, letter());
    const request = { method: 'POST' as const, url: `/api/v1/cases/${caseId}/reception-bookings`, payload: { dayId: day.id }, headers: { 'idempotency-key': `book-${caseId}` } };
    expectStatus(await world.as('coordinator', request), 200);
    const replay = await withoutWrites(world, () => world.as('coordinator', request));
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await panel(caseId)).bookings).toHaveLength(1);
  });

  it('cancelling a day takes it off the schedule and cancels its bookings on their timelines; it takes no more', async () => {
    const day = await publish();
    const caseId = await openCaseId(world, letter());
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/reception-bookings`, { dayId: day.id }), 200);
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `/api/v1/reception-days/${day.id}/cancel`)), 403, 'forbidden');
    const cancelled = expectStatus<DayDetail>(await post(world, 'coordinator', `/api/v1/reception-days/${day.id}/cancel`), 200);
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(cancelled.bookings.every((item) => item.cancelledAt !== null)).toBe(true);
    expect(await eventTypes(caseId)).toContain('reception.booking_cancelled');
    expect((await schedule()).map((item) => item.id)).not.toContain(day.id);
    const twice = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/reception-days/${day.id}/cancel`)), 409, 'already_done');
    expect(twice.details).toMatchObject({ reason: 'day_cancelled' });
    const refused = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/reception-bookings`, { dayId: day.id })), 409, 'conflict', 'dayId');
    expect(refused.details).toMatchObject({ reason: 'reception_cancelled' });
    const listed = expectStatus<{ items: Day[] }>(await get(world, 'coordinator', '/api/v1/reception-days?cancelled=true'), 200);
    expect(listed.items.find((item) => item.id === day.id)?.cancelledAt).not.toBeNull();
    expect(expectStatus<{ items: Day[] }>(await get(world, 'coordinator', '/api/v1/reception-days'), 200).items.map((item) => item.id)).not.toContain(day.id);
  });

  it('the petitioner books their petition with its reference and access code; a wrong code books nothing; bookings close when the day begins', async () => {
    const day = await publish();
    const receipt = await submit(world);
    const url = `/public/v1/petitions/${receipt.reference}/reception-bookings`;
    const wrong = await withoutWrites(world, () => world.as('anonymous', { method: 'POST', url, headers: { 'x-access-code': 'WRONG-CODE-0000' }, payload: { dayId: day.id } }));
    expect(wrong.statusCode).toBe(404);
    const booked = expectStatus<{ reference: string; day: Record<string, unknown> }>(await world.as('anonymous', { method: 'POST', url, headers: { 'x-access-code': receipt.accessCode }, payload: { dayId: day.id } }), 201);
    expect(booked).toMatchObject({ reference: receipt.reference, day: { id: day.id, leaderName: world.users.leader.name, placesLeft: 1 } });
    const caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id;
    expect((await panel(caseId)).bookings).toMatchObject([{ day: { id: day.id }, via: 'portal' }]);
    const again = await world.as('anonymous', { method: 'POST', url, headers: { 'x-access-code': receipt.accessCode }, payload: { dayId: day.id } });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { details: unknown } }>().error.details).toMatchObject({ reason: 'already_booked' });

    // Once the day has begun, no one books onto it.
    const soon = await publish({ startsAt: at(hours(1)), endsAt: at(hours(2)) });
    const other = await submit(world);
    world.time.advance(hours(1));
    try {
      const closed = await world.as('anonymous', { method: 'POST', url: `/public/v1/petitions/${other.reference}/reception-bookings`, headers: { 'x-access-code': other.accessCode }, payload: { dayId: soon.id } });
      expect(closed.statusCode).toBe(409);
      expect(closed.json<{ error: { details: unknown } }>().error.details).toMatchObject({ reason: 'reception_closed' });
    } finally {
      world.time.advance(-hours(1));
    }
  });

  it('a leader takes personal charge of a case: shown on the case and in the leader’s own list; one leader at a time; the leader in charge releases it', async () => {
    const caseId = await openCaseId(world, letter());
    expect((await panel(caseId, 'leader')).may).toMatchObject({ takeCharge: true, releaseCharge: false, book: false });
    expect((await panel(caseId)).may.takeCharge).toBe(false);
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/personal-charge`)), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `/api/v1/cases/${caseId}/personal-charge`)), 403, 'forbidden');

    const taken = expectStatus<Leaders>(await post(world, 'leader', `/api/v1/cases/${caseId}/personal-charge`), 200);
    expect(taken.personalCharge).toMatchObject({ leaderId: world.users.leader.id, leaderName: world.users.leader.name });
    expect(taken.may).toMatchObject({ takeCharge: false, releaseCharge: true });
    expect(await eventTypes(caseId)).toContain('case.personal_charge_taken');
    const twice = expectError(await withoutWrites(world, () => post(world, 'leader', `/api/v1/cases/${caseId}/personal-charge`)), 409, 'already_done');
    expect(twice.details).toMatchObject({ reason: 'already_in_charge' });

    // The leader's own list; another leader's is without it.
    const own = expectStatus<{ items: { id: string }[] }>(await get(world, 'leader', '/api/v1/cases?inCharge=true'), 200);
    expect(own.items.map((item) => item.id)).toContain(caseId);
    const others = expectStatus<{ items: { id: string }[] }>(await asOther({ method: 'GET', url: '/api/v1/cases?inCharge=true' }), 200);
    expect(others.items.map((item) => item.id)).not.toContain(caseId);

    const taking = await withoutWrites(world, () => asOther({ method: 'POST', url: `/api/v1/cases/${caseId}/personal-charge` }));
    expect(taking.statusCode).toBe(409);
    expect(taking.json<{ error: { details: unknown } }>().error.details).toEqual({ reason: 'in_charge_of_other', leaderName: world.users.leader.name });
    const releasing = await withoutWrites(world, () => asOther({ method: 'POST', url: `/api/v1/cases/${caseId}/personal-charge/release` }));
    expect(releasing.json<{ error: { details: unknown } }>().error.details).toEqual({ reason: 'not_in_charge' });

    const released = expectStatus<Leaders>(await post(world, 'leader', `/api/v1/cases/${caseId}/personal-charge/release`), 200);
    expect(released.personalCharge).toBeNull();
    expect(await eventTypes(caseId)).toContain('case.personal_charge_released');
    expect(expectStatus<{ items: { id: string }[] }>(await get(world, 'leader', '/api/v1/cases?inCharge=true'), 200).items.map((item) => item.id)).not.toContain(caseId);
    expectStatus(await asOther({ method: 'POST', url: `/api/v1/cases/${caseId}/personal-charge` }), 200);
  });

  it('the report counts each leader’s cases in personal charge and how they ended: concluded, on time, rated, satisfied', async () => {
    const before = expectStatus<ChargeReport>(await get(world, 'auditor', '/api/v1/reports/personal-charge'), 200);
    const count = (report: ChargeReport, leaderId: string) => report.leaders.find((item) => item.leaderId === leaderId) ?? { cases: 0, open: 0, concluded: 0, concludedOnTime: 0, rated: 0, satisfied: 0 };
    const ids = [await openCaseId(world, letter()), await openCaseId(world, letter()), await openCaseId(world, letter())];
    for (const id of ids) expectStatus(await post(world, 'leader', `/api/v1/cases/${id}/personal-charge`), 200);
    // Two concluded, one of them late; the one on time rated 5 by the petitioner, the late one 2.
    const [onTime, late] = ids;
    const ended = [
      { id: onTime ?? '', concluded: at(days(1)), due: at(days(30)), rating: 5 },
      { id: late ?? '', concluded: at(days(40)), due: at(days(30)), rating: 2 },
    ];
    for (const item of ended) {
      await world.ctx.db.updateTable('cases').set({ concluded_at: item.concluded, conclude_due_at: item.due }).where('id', '=', item.id).execute();
      const answerId = `answer-${item.id}`;
      await world.ctx.db.insertInto('answers').values({ id: answerId, case_id: item.id, body: '答复', review_round: 0, created_by: world.users.coordinator.id, created_at: item.concluded }).execute();
      await world.ctx.db.insertInto('feedback').values({ id: `feedback-${item.id}`, case_id: item.id, answer_id: answerId, rating: item.rating, comment: null, created_at: item.concluded }).execute();
    }
    const report = expectStatus<ChargeReport>(await get(world, 'auditor', `/api/v1/reports/personal-charge?to=${encodeURIComponent(at(days(60)))}`), 200);
    const mine = count(report, world.users.leader.id);
    const was = count(before, world.users.leader.id);
    expect({ cases: mine.cases - was.cases, concluded: mine.concluded - was.concluded, concludedOnTime: mine.concludedOnTime - was.concludedOnTime, rated: mine.rated - was.rated, satisfied: mine.satisfied - was.satisfied }).toEqual({
      cases: 3,
      concluded: 2,
      concludedOnTime: 1,
      rated: 2,
      satisfied: 1,
    });
    expectError(await get(world, 'unit_officer', '/api/v1/reports/personal-charge'), 403, 'forbidden');
    expectError(await get(world, 'auditor', `/api/v1/reports/personal-charge?from=${encodeURIComponent(at(days(61)))}&to=${encodeURIComponent(at(days(60)))}`), 400, 'validation_failed', 'from');
  });

  it('walks a leader’s own list from the index of cases in personal charge', async () => {
    const query = listCasesQuery(world.ctx.db, world.ctx.adapter, { scope: { all: true }, filters: { leaderInChargeId: world.users.leader.id }, order: 'newest', now: world.ctx.now(), limit: 51, after: null });
    const plan = await world.ctx.db.connection().execute(async (db) => {
      // A table of a few test rows reads faster whole: the question is whether the index serves the filter.
      if (kind === 'postgres') for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) await sql`set ${sql.raw(setting)} = off`.execute(db);
      const text = await explain(db, world.ctx.adapter, query.compile());
      if (kind === 'postgres') await sql`reset all`.execute(db);
      return text;
    });
    expect(plan).toContain('cases_in_charge');
    if (kind === 'sqlite') expect(plan).not.toContain('TEMP B-TREE');
  });
});
