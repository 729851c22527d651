import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../../../bench/queue-plans.js';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, petition, submit } from '../../../../test/public.js';
import { assignId, expectError, get, post } from '../../../../test/requests.js';
import { indicatorQueries } from '../../../commands/indicators.js';

interface Figure {
  numerator: number;
  denominator: number;
  rate: number | null;
  code: string | null;
}
interface Row {
  unitId: string | null;
  unitName: string | null;
  figures: Record<string, Figure>;
}
interface Report {
  minimumCases: number;
  total: Row;
  units: Row[];
}
interface Cases {
  count: number;
  items: { id: string; reference: string }[];
  nextCursor: string | null;
}

/**
 * A hand-built April 2026 (the period [1 Apr, 1 May) UTC), read on 15 June; the plan's minimum is 5.
 * Acceptance falls due 15 days after receipt, conclusion 60 days after acceptance.
 * Department (县人社局) leads:
 *   D1–D3 received 25 Mar, accepted 26 Mar (in time), answered 10–12 Apr (on time), rated 4, 3, 2;
 *   D3's unsatisfied rating sends it back for rework on 14 Apr;
 *   D4 received 25 Mar, accepted 20 Apr (late: due 9 Apr), answered 22 Apr, the office's call-back satisfied on 25 Apr;
 *   D5 received 25 Mar, accepted 27 Mar, answered 25 Apr, rated 5 on 3 May (after the period: it counts);
 *   D6 received 5 Jan, accepted 6 Jan, answered 2 Apr (late: due in March), its call-back unreachable (not a rating).
 * Township (城关镇) leads:
 *   T1 received 20 Mar, accepted 21 Mar, answered 10 Apr, rated 5;
 *   T2 received 25 Mar, accepted 15 Apr (late), answered 20 Apr, rated 3;
 *   T3 received 28 Mar, never decided (due 12 Apr: late);
 *   T4 received 10 Jan, accepted 11 Jan, answered 5 Apr (late), rated 1;
 *   T5 received 25 Apr, accepted 26 Apr: its acceptance falls due in May, so it counts in no figure of April.
 * No lead unit: U1 received 25 Mar, not accepted on 26 Mar (told in time): in the total only.
 * Commitments (承诺事项), each counted for its owner unit:
 *   C1 on D1, the department's, due 10 Apr, done 8 Apr (kept); C2 on D1, the department's, due 15 Apr, done 20 Apr (late);
 *   C3 on T1, the township's, due 12 Apr, dropped 5 Apr (withdrawn before it fell due: not counted);
 *   C4 on T1, the department's, due 20 Apr, still open (not kept); C5 on D2, the township's, due 10 May (outside April).
 */
describe.each(databaseKinds)('the indicators on %s', (kind) => {
  let world: ApiWorld;
  const ids: Record<string, string> = {};
  const period = 'from=2026-04-01&to=2026-05-01';

  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    const at = (day: string) => world.time.set(`2026-${day}T02:00:00.000Z`);
    const ok = async (response: ReturnType<typeof post>, status = 200) => expectStatus(await response, status);
    const codes: Record<string, string> = {};
    const open = async (name: string, day: string, unitId: string | null) => {
      at(day);
      const receipt = await submit(world, petition({ location: undefined, title: `Case ${name}` }));
      const queue = expectStatus<{ items: { id: string; reference: string }[] }>(await get(world, 'coordinator', `/api/v1/cases?q=${receipt.reference}`), 200);
      const id = queue.items.find((item) => item.reference === receipt.reference)?.id;
      if (!id) throw new Error(`${name} is not in the queue`);
      ids[name] = id;
      codes[name] = receipt.accessCode;
      if (unitId) await assignId(world, id, unitId);
    };
    const accept = async (name: string, day: string) => {
      at(day);
      await ok(post(world, 'coordinator', `/api/v1/cases/${ids[name]}/transitions`, { to: 'resolution' }));
    };
    const answer = async (name: string, day: string) => {
      at(day);
      await ok(post(world, 'coordinator', `/api/v1/cases/${ids[name]}/answers`, { body: 'The answer.' }), 201);
    };
    const rate = async (name: string, day: string, rating: number) => {
      at(day);
      const reference = expectStatus<{ reference: string }>(await get(world, 'coordinator', `/api/v1/cases/${ids[name]}`), 200).reference;
      await ok(world.as('anonymous', { method: 'POST', url: `/public/v1/petitions/${reference}/feedback`, headers: { 'x-access-code': codes[name] ?? '' }, payload: { rating } }), 201);
    };
    const department = world.units.department.id;
    const township = world.units.township.id;

    await open('D6', '01-05', department);
    await accept('D6', '01-06');
    await open('T4', '01-10', township);
    await accept('T4', '01-11');
    await open('T1', '03-20', township);
    await accept('T1', '03-21');
    for (const name of ['D1', 'D2', 'D3', 'D4', 'D5']) await open(name, '03-25', department);
    await open('T2', '03-25', township);
    await open('U1', '03-25', null);
    for (const name of ['D1', 'D2', 'D3']) await accept(name, '03-26');
    const commitments: Record<string, string> = {};
    const promise = async (name: string, on: string, ownerUnitId: string, dueDate: string) => {
      const url = `/api/v1/cases/${ids[on]}/commitments`;
      const state = await ok(post(world, 'coordinator', url, { source: 'decision', text: `Commitment ${name}`, ownerUnitId, dueDate }), 201);
      const made = (state as unknown as { items: { id: string; text: string }[] }).items.find((item) => item.text === `Commitment ${name}`);
      if (!made) throw new Error(`${name} was not made`);
      commitments[name] = `${url}/${made.id}`;
    };
    await promise('C1', 'D1', department, '2026-04-10');
    await promise('C2', 'D1', department, '2026-04-15');
    await promise('C3', 'T1', township, '2026-04-12');
    await promise('C4', 'T1', department, '2026-04-20');
    await promise('C5', 'D2', township, '2026-05-10');
    at('03-26');
    await ok(post(world, 'coordinator', `/api/v1/cases/${ids.U1}/transitions`, { to: 'not_accepted', reason: 'Before a court already.' }));
    await accept('D5', '03-27');
    await open('T3', '03-28', township);
    await answer('D6', '04-02');
    await ok(post(world, 'coordinator', `/api/v1/cases/${ids.D6}/callbacks`, { outcome: 'unreachable' }));
    await answer('T4', '04-05');
    await ok(post(world, 'coordinator', `${commitments.C3}/drop`, { reason: 'Settled by mediation.' }));
    await rate('T4', '04-06', 1);
    at('04-08');
    await ok(post(world, 'coordinator', `${commitments.C1}/done`, { evidence: 'Paid.' }));
    await answer('T1', '04-10');
    await rate('T1', '04-11', 5);
    await answer('D1', '04-10');
    await answer('D2', '04-11');
    await answer('D3', '04-12');
    for (const [name, rating] of [['D1', 4], ['D2', 3], ['D3', 2]] as const) await rate(name, '04-13', rating);
    await accept('T2', '04-15');
    await answer('T2', '04-20');
    await ok(post(world, 'coordinator', `${commitments.C2}/done`, { evidence: 'Paid late.' }));
    await rate('T2', '04-21', 3);
    at('04-14');
    await ok(post(world, 'coordinator', `/api/v1/cases/${ids.D3}/rework`, { reason: 'not_resolved', requirements: 'Look again.' }));
    await accept('D4', '04-20');
    await answer('D4', '04-22');
    at('04-25');
    await ok(post(world, 'coordinator', `/api/v1/cases/${ids.D4}/callbacks`, { outcome: 'satisfied' }));
    await answer('D5', '04-25');
    await open('T5', '04-25', township);
    await accept('T5', '04-26');
    await rate('D5', '05-03', 5);
    at('06-15');
  });
  afterAll(() => world.dispose());

  const report = async () => expectStatus<Report>(await get(world, 'leader', `/api/v1/reports/indicators?${period}`), 200);
  const cases = async (query: string) => expectStatus<Cases>(await get(world, 'auditor', `/api/v1/reports/indicators/cases?${period}&${query}`), 200);
  const named = (...names: string[]) => names.map((name) => ids[name]).sort();

  it('the indicators of a hand-built fixture match a hand count, unit by unit and in total, with no rate over fewer cases than the minimum', async () => {
    const body = await report();
    expect(body.minimumCases).toBe(5);
    const department = body.units.find((unit) => unit.unitId === world.units.department.id);
    const township = body.units.find((unit) => unit.unitId === world.units.township.id);
    expect(body.units).toHaveLength(2);
    expect(department?.unitName).toBe('县人社局');
    expect(department?.figures).toEqual({
      timelyAcceptance: { numerator: 4, denominator: 5, rate: 0.8, code: null },
      onTimeConclusion: { numerator: 5, denominator: 6, rate: 0.8333, code: null },
      // D4's call-back counts as its rating; D6's unreachable one does not.
      ratingParticipation: { numerator: 5, denominator: 6, rate: 0.8333, code: null },
      satisfaction: { numerator: 4, denominator: 5, rate: 0.8, code: null },
      rework: { numerator: 1, denominator: 6, rate: 0.1667, code: null },
      // Three commitments due (C1 kept, C2 late, C4 open): below the minimum of five, so the counts without a rate.
      commitmentsKept: { numerator: 1, denominator: 3, rate: null, code: 'below_minimum' },
    });
    expect(township?.figures).toMatchObject({
      timelyAcceptance: { numerator: 1, denominator: 3, rate: null, code: 'below_minimum' },
      onTimeConclusion: { numerator: 2, denominator: 3, rate: null, code: 'below_minimum' },
      ratingParticipation: { numerator: 3, denominator: 3, rate: null, code: 'below_minimum' },
      satisfaction: { numerator: 2, denominator: 3, rate: null, code: 'below_minimum' },
      rework: { numerator: 0, denominator: 3, rate: null, code: 'below_minimum' },
      // C3 was dropped before it fell due, C5 falls due in May.
      commitmentsKept: { numerator: 0, denominator: 0, rate: null, code: 'below_minimum' },
    });
    expect(body.total.unitId).toBeNull();
    expect(body.total.figures).toMatchObject({
      timelyAcceptance: { numerator: 6, denominator: 9, rate: 0.6667, code: null },
      onTimeConclusion: { numerator: 7, denominator: 9, rate: 0.7778, code: null },
      ratingParticipation: { numerator: 8, denominator: 9, rate: 0.8889, code: null },
      satisfaction: { numerator: 6, denominator: 8, rate: 0.75, code: null },
      rework: { numerator: 1, denominator: 9, rate: 0.1111, code: null },
      commitmentsKept: { numerator: 1, denominator: 3, rate: null, code: 'below_minimum' },
    });
  });

  it('open the cases behind each figure, its numerator and its denominator, even below the minimum', async () => {
    const department = `unit=${world.units.department.id}`;
    const township = `unit=${world.units.township.id}`;
    const idsOf = async (query: string) => (await cases(query)).items.map((item) => item.id).sort();
    expect(await idsOf(`${department}&indicator=timelyAcceptance&part=numerator`)).toEqual(named('D1', 'D2', 'D3', 'D5'));
    expect(await idsOf(`${department}&indicator=timelyAcceptance&part=denominator`)).toEqual(named('D1', 'D2', 'D3', 'D4', 'D5'));
    expect(await idsOf(`${department}&indicator=onTimeConclusion&part=denominator`)).toEqual(named('D1', 'D2', 'D3', 'D4', 'D5', 'D6'));
    expect(await idsOf(`${department}&indicator=satisfaction&part=numerator`)).toEqual(named('D1', 'D2', 'D4', 'D5'));
    expect(await idsOf(`${department}&indicator=rework&part=numerator`)).toEqual(named('D3'));
    // A commitment's case stands once per commitment: D1 twice, and T1 for the department's C4.
    expect(await idsOf(`${department}&indicator=commitmentsKept&part=denominator`)).toEqual(named('D1', 'D1', 'T1'));
    expect(await idsOf(`${department}&indicator=commitmentsKept&part=numerator`)).toEqual(named('D1'));
    expect(await idsOf(`${township}&indicator=timelyAcceptance&part=denominator`)).toEqual(named('T1', 'T2', 'T3'));
    expect(await idsOf(`${township}&indicator=onTimeConclusion&part=numerator`)).toEqual(named('T1', 'T2'));
    expect(await idsOf('indicator=timelyAcceptance&part=numerator')).toEqual(named('D1', 'D2', 'D3', 'D5', 'T1', 'U1'));
    expect(await idsOf(`${township}&indicator=rework&part=denominator`)).toEqual(named('T1', 'T2', 'T4'));

    // A page at a time: the pages together are the list, each case once, with its reference.
    const first = await cases('indicator=onTimeConclusion&part=denominator&limit=4');
    expect(first.count).toBe(9);
    expect(first.items).toHaveLength(4);
    expect(first.items[0]?.reference).toMatch(/^\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await cases(`indicator=onTimeConclusion&part=denominator&limit=4&cursor=${cursor}`);
      rest.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    }
    expect([...first.items.map((item) => item.id), ...rest].sort()).toEqual(named('D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'T1', 'T2', 'T4'));
  });

  it('give the CSV with each definition beside its figure, in zh and en', async () => {
    const response = await world.as('auditor', { method: 'GET', url: `/api/v1/reports/indicators?${period}&lang=en`, headers: { accept: 'text/csv' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('Unit,Indicator,Definition,Numerator,Denominator,Rate (%),Note,unit_id,indicator,code');
    const department = lines.filter((line) => line.includes(world.units.department.id));
    expect(department.find((line) => line.includes(',timelyAcceptance,'))).toMatch(/^县人社局,Timely acceptance rate,"?Of the cases whose acceptance fell due.*,4,5,80\.0,,/);
    expect(department.find((line) => line.includes(',commitmentsKept,'))).toMatch(/,1,3,,Too few cases for a rate,.*,below_minimum$/);
    expect(department.find((line) => line.includes(',rework,'))).toMatch(/,1,6,16\.7,,/);
    expect(lines[1]).toMatch(/^Total \(every case\),Timely acceptance rate,.*,6,9,66\.7,,,timelyAcceptance,$/);
    const zh = await world.as('auditor', { method: 'GET', url: `/api/v1/reports/indicators?${period}&lang=zh`, headers: { accept: 'text/csv' } });
    expect(zh.body).toContain('及时受理率');
    expect(zh.body).toContain('案件过少，不计算比率');
  });

  it('are for the office, leaders, auditors and admins, and name the field that is wrong', async () => {
    expect((await world.as('anonymous', { method: 'GET', url: `/api/v1/reports/indicators?${period}` })).statusCode).toBe(401);
    expectError(await get(world, 'unit_officer', `/api/v1/reports/indicators?${period}`), 403, 'forbidden');
    expectError(await get(world, 'unit_officer', `/api/v1/reports/indicators/cases?${period}&indicator=satisfaction&part=numerator`), 403, 'forbidden');
    expectError(await get(world, 'coordinator', '/api/v1/reports/indicators?from=2026-05-01&to=2026-04-01'), 400, 'validation_failed', 'from');
    expectError(await get(world, 'coordinator', '/api/v1/reports/indicators?from=April'), 400, 'validation_failed', 'from');
    expectError(await get(world, 'coordinator', `/api/v1/reports/indicators/cases?${period}&indicator=happiness&part=numerator`), 400, 'validation_failed', 'indicator');
    expectError(await get(world, 'coordinator', `/api/v1/reports/indicators/cases?${period}&indicator=satisfaction&part=all`), 400, 'validation_failed', 'part');
    expectError(await get(world, 'coordinator', `/api/v1/reports/indicators/cases?${period}&indicator=satisfaction&part=numerator&cursor=nonsense`), 400, 'validation_failed', 'cursor');
  });

  it('read a period from the indexes on when acceptance fell due, when cases were concluded and when commitments fall due', async () => {
    const queries = indicatorQueries(world.ctx.db, { from: '2026-04-01T00:00:00.000Z', to: '2026-05-01T00:00:00.000Z' }, undefined);
    const plans = await world.ctx.db.connection().execute(async (db) => {
      // A table of a few test rows reads faster whole: the question is whether the indexes serve the ranges.
      if (kind === 'postgres') for (const setting of ['enable_seqscan', 'enable_bitmapscan']) await sql`set ${sql.raw(setting)} = off`.execute(db);
      const text: string[] = [];
      for (const query of [queries.accepting, queries.concluding, queries.ratings, queries.reworks, queries.callbacks, queries.commitments([world.units.township.id, world.units.department.id])]) {
        text.push(await explain(db, world.ctx.adapter, query.compile()));
      }
      if (kind === 'postgres') await sql`reset all`.execute(db);
      return text;
    });
    expect(plans[0]).toContain('cases_accept_due');
    expect(plans[1]).toContain('cases_concluded');
    expect(plans[2]).toContain('cases_concluded');
    expect(plans[2]).toContain('feedback_case');
    expect(plans[3]).toContain('reworks_case');
    expect(plans[4]).toContain('callbacks_case');
    expect(plans[5]).toContain('commitments_owner_due');
  });
});
