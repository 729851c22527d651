import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, collectiveVisit, expectError, get, letter, openCaseId, post } from '../../../../test/requests.js';
import { scanDeadlines } from '../../../jobs/deadline-scanner.js';

type Link = { id: string; reference: string };
interface UnitRow {
  unitId: string;
  unitName: string;
  [figure: string]: unknown;
  cases: Record<string, Link[]>;
}
interface Report {
  from: string;
  to: string;
  units: UnitRow[];
}
interface Stats {
  open: { total: number; byStage: Record<string, number>; byUrgency: Record<string, number>; byUnit: { unitId: string; count: number }[]; byCategory: { category: string; count: number }[] };
  overdue: { total: number; byUnit: { unitId: string; count: number }[] };
  weekly: { weekStart: string; received: number; closed: number; missed: number }[];
}

const from = '2026-11-01T00:00:00.000Z';
const to = '2027-01-13T00:00:00.000Z';
const reportUrl = `/api/v1/reports/accountability?from=${from}&to=${to}`;

/**
 * Times are UTC; Beijing is 8 hours ahead. Mon 2 Nov 08:00 (16:00 local):
 *  A — a collective visit, major, wage arrears; the township leads. Acknowledged 08:45 (due 08:30,
 *      late by 15), on scene 09:30 (due 10:00), proposal 3 Nov, answered 12 Nov 02:00, closed 03:00.
 *  B — a letter, normal, social security; the department leads and never acknowledges or proposes.
 *      Accepted 10:00 (conclude due end of 1 Jan local), extended by 10 days at 11:00 (→ 11 Jan).
 *  C — an urgent housing letter received Mon 16 Nov 02:00; never accepted (due end of 1 Dec local).
 * Scans: 2 Nov 08:50 misses B's acknowledgement; 9 Nov 00:00 (Mon 08:00 local) misses B's proposal
 * (due end of 7 Nov local); 12 Jan 00:00 misses B's conclusion and C's acceptance.
 */
describe.each(databaseKinds)('accountability report and statistics on %s', (kind) => {
  let world: ApiWorld;
  const ids = { a: '', b: '', c: '' };
  const references = new Map<string, string>();

  beforeAll(async () => {
    world = await buildApiWorld(kind);
    const time = world.time;
    const at = (iso: string) => time.set(iso);
    at('2026-11-02T08:00:00.000Z');
    ids.a = await openCaseId(world, collectiveVisit());
    ids.b = await openCaseId(world, letter({ category: 'social-security' }));
    const a1 = await assignId(world, ids.a, world.units.township.id);
    await assignId(world, ids.b, world.units.department.id);
    at('2026-11-02T08:45:00.000Z');
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${ids.a}/assignments/${a1}/acknowledge`), 200);
    at('2026-11-02T08:50:00.000Z');
    expect(await scanDeadlines(world.ctx)).toMatchObject({ missed: 1, escalated: 0 });
    at('2026-11-02T09:30:00.000Z');
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${ids.a}/assignments/${a1}/arrive`), 200);
    at('2026-11-02T10:00:00.000Z');
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${ids.a}/transitions`, { to: 'decision' }), 200);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${ids.b}/transitions`, { to: 'decision' }), 200);
    at('2026-11-02T11:00:00.000Z');
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${ids.b}/extensions`, { days: 10, reason: 'Records must come from the provincial archive.' }), 200);
    expectStatus(await post(world, 'leader', `/api/v1/cases/${ids.b}/extensions/approve`), 200);
    at('2026-11-03T02:00:00.000Z');
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${ids.a}/assignments/${a1}/propose`, { proposal: 'Pay from the guarantee fund.' }), 200);
    expectStatus(await post(world, 'leader', `/api/v1/cases/${ids.a}/transitions`, { to: 'resolution', reason: 'Pay from the fund.' }), 200);
    at('2026-11-09T00:00:00.000Z');
    expect((await scanDeadlines(world.ctx)).missed).toBe(1);
    at('2026-11-12T02:00:00.000Z');
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${ids.a}/answers`, { body: 'Wages paid in full.' }), 201);
    at('2026-11-12T03:00:00.000Z');
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${ids.a}/transitions`, { to: 'closed' }), 200);
    at('2026-11-16T02:00:00.000Z');
    ids.c = await openCaseId(world, letter({ urgency: 'urgent', category: 'housing' }));
    at('2027-01-12T00:00:00.000Z');
    expect((await scanDeadlines(world.ctx)).missed).toBe(2);
    for (const id of Object.values(ids)) {
      references.set(id, expectStatus<{ reference: string }>(await get(world, 'coordinator', `/api/v1/cases/${id}`), 200).reference);
    }
  });
  afterAll(() => world.dispose());

  const link = (id: string): Link => ({ id, reference: references.get(id) ?? '' });
  const unitRow = (report: Report, unitId: string) => {
    const row = report.units.find((item) => item.unitId === unitId);
    if (!row) throw new Error(`No row for ${unitId}`);
    return row;
  };

  it('derives every figure from the timelines, with the cases behind each', async () => {
    const report = expectStatus<Report>(await get(world, 'auditor', reportUrl), 200);
    expect(report).toMatchObject({ from, to });
    expect(report.units.map((unit) => unit.unitId).sort()).toEqual([world.units.township.id, world.units.department.id].sort());

    const township = unitRow(report, world.units.township.id);
    expect(township).toMatchObject({
      unitName: world.units.township.name,
      casesAssigned: 1,
      acknowledgedLate: 1, // 08:45 > 08:30
      neverAcknowledged: 0,
      arrivedLate: 0, // 09:30 ≤ 10:00
      neverArrived: 0,
      proposalsLate: 0, // 3 Nov ≤ end of 7 Nov local
      casesOverdue: 0,
      extensionsUsed: 0,
      medianMinutesToAcknowledge: 45, // 08:00 → 08:45
      p90MinutesToAcknowledge: 45,
      medianMinutesToArrive: 90, // 08:00 → 09:30
      p90MinutesToArrive: 90,
      medianDaysToConclude: 9.75, // received 2 Nov 08:00 → answered 12 Nov 02:00 = 9 d 18 h
      p90DaysToConclude: 9.75,
    });
    expect(township.cases.casesAssigned).toEqual([link(ids.a)]);
    expect(township.cases.acknowledgedLate).toEqual([link(ids.a)]);
    expect(township.cases.arrivedLate).toEqual([]);

    const department = unitRow(report, world.units.department.id);
    expect(department).toMatchObject({
      casesAssigned: 1,
      acknowledgedLate: 0,
      neverAcknowledged: 1,
      arrivedLate: 0,
      neverArrived: 0, // a letter: nobody is on the scene
      proposalsLate: 1,
      casesOverdue: 1, // B's extended conclusion, due end of 11 Jan local, missed
      extensionsUsed: 1,
      medianMinutesToAcknowledge: null,
      medianMinutesToArrive: null,
      medianDaysToConclude: null,
    });
    for (const figure of ['casesAssigned', 'neverAcknowledged', 'proposalsLate', 'casesOverdue', 'extensionsUsed']) {
      expect(department.cases[figure], figure).toEqual([link(ids.b)]);
    }
    expect(references.get(ids.b)).toMatch(/^2026-/);
  });

  it('leaves out what happened outside the period, and filters by unit', async () => {
    // Until 12 Nov: B's conclusion was not yet missed, A was not yet answered.
    const early = expectStatus<Report>(await get(world, 'coordinator', `/api/v1/reports/accountability?from=${from}&to=2026-11-12T00:00:00.000Z`), 200);
    expect(unitRow(early, world.units.department.id)).toMatchObject({ casesOverdue: 0, neverAcknowledged: 1 });
    expect(unitRow(early, world.units.township.id).medianDaysToConclude).toBeNull();
    // A period ending at 08:20 on 2 Nov, before any acknowledgement was due (08:30): nobody was late
    // yet, although the township's acknowledgement at 08:45 lies outside the period.
    const first = expectStatus<Report>(await get(world, 'auditor', `/api/v1/reports/accountability?from=${from}&to=2026-11-02T08:20:00.000Z`), 200);
    for (const unitId of [world.units.township.id, world.units.department.id]) {
      expect(unitRow(first, unitId)).toMatchObject({ casesAssigned: 1, acknowledgedLate: 0, neverAcknowledged: 0, neverArrived: 0, proposalsLate: 0 });
    }
    const one = expectStatus<Report>(await get(world, 'leader', `${reportUrl}&unit=${world.units.township.id}`), 200);
    expect(one.units.map((unit) => unit.unitId)).toEqual([world.units.township.id]);
  });

  it('gives CSV with a header row and one row per unit', async () => {
    const response = await world.as('auditor', { method: 'GET', url: `${reportUrl}&lang=en`, headers: { accept: 'text/csv' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(','));
    expect(lines).toHaveLength(3);
    expect(lines[0]?.slice(0, 3)).toEqual(['Unit', 'Cases assigned', 'Acknowledged late']);
    expect(lines[0]?.at(-1)).toBe('unit_id');
    const department = lines.find((line) => line.at(-1) === world.units.department.id);
    // name, 13 figures, 6 times (blank when there is none), id
    expect(department).toEqual([world.units.department.name, '1', '0', '1', '0', '0', '1', '1', '1', '0', '0', '0', '0', '0', '', '', '', '', '', '', world.units.department.id]);
    const township = lines.find((line) => line.at(-1) === world.units.township.id);
    expect(township?.slice(1, 20)).toEqual(['1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '45', '45', '90', '90', '9.75', '9.75']);
  });

  it('prints as an HTML page whose figures link to the cases', async () => {
    const response = await world.as('coordinator', { method: 'GET', url: `/reports/accountability?from=${from}&to=${to}&lang=en` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<table>');
    expect(response.body).toContain(`<th scope="row">${world.units.department.name}</th>`);
    for (const id of [ids.a, ids.b]) {
      expect(response.body).toContain(`href="/cases/${id}">${references.get(id) ?? ''}</a>`);
    }
    expect(response.body).not.toContain(`/cases/${ids.c}`);
    expect((await world.as('anonymous', { method: 'GET', url: '/reports/accountability' })).statusCode).toBe(401);
    expect((await world.as('unit_officer', { method: 'GET', url: '/reports/accountability' })).statusCode).toBe(403);
  });

  it("escapes a unit's name in the printable report, quotes included", async () => {
    const unitUrl = `/api/v1/units/${world.units.department.id}`;
    const patch = (name: string) => world.as('admin', { method: 'PATCH', url: unitUrl, payload: { name } });
    expectStatus(await patch(`<script>alert('x')</script> Bureau's "office" & co`), 200);
    try {
      const response = await world.as('coordinator', { method: 'GET', url: `/reports/accountability?from=${from}&to=${to}&lang=en` });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('<script>');
      expect(response.body).not.toContain("Bureau's");
      expect(response.body).toContain('<th scope="row">&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; Bureau&#39;s &#34;office&#34; &#38; co</th>');
    } finally {
      expectStatus(await patch(world.units.department.name), 200);
    }
  });

  it('refuses a period that ends before it starts, officers and strangers', async () => {
    expectError(await get(world, 'coordinator', `/api/v1/reports/accountability?from=${to}&to=${from}`), 400, 'validation_failed', 'from');
    expectError(await get(world, 'coordinator', '/api/v1/reports/accountability?from=yesterday'), 400, 'validation_failed', 'from');
    expectError(await get(world, 'unit_officer', reportUrl), 403, 'forbidden');
    expectError(await get(world, 'anonymous', reportUrl), 401, 'unauthenticated');
  });

  it('counts open and overdue cases, and the weekly flow in local weeks', async () => {
    const stats = expectStatus<Stats>(await get(world, 'leader', '/api/v1/stats'), 200);
    // A is closed; B (decision) and C (reception) are open, and both are past a deadline.
    expect(stats.open).toEqual({
      total: 2,
      byStage: { decision: 1, reception: 1 },
      byUrgency: { normal: 1, urgent: 1 },
      byUnit: [{ unitId: world.units.department.id, unitName: world.units.department.name, count: 1 }],
      byCategory: expect.arrayContaining([
        { category: 'social-security', count: 1 },
        { category: 'housing', count: 1 },
      ]) as unknown,
    });
    expect(stats.open.byCategory).toHaveLength(2);
    expect(stats.overdue).toEqual({ total: 2, byUnit: [{ unitId: world.units.department.id, unitName: world.units.department.name, count: 1 }] });
    // Now is Tue 12 Jan 08:00 local: twelve Monday-weeks from 26 Oct to 11 Jan.
    // Misses sit in the week their clock was due, not the week the scanner found them.
    const expected = new Map([
      ['2026-11-02', { received: 2, closed: 0, missed: 2 }], // A, B; B's acknowledgement, B's proposal (due Sat 7 Nov, found Mon 9 Nov)
      ['2026-11-09', { received: 0, closed: 1, missed: 0 }], // A closed Thu
      ['2026-11-16', { received: 1, closed: 0, missed: 0 }], // C
      ['2026-11-30', { received: 0, closed: 0, missed: 1 }], // C's acceptance (due 1 Dec, found 12 Jan)
      ['2027-01-11', { received: 0, closed: 0, missed: 1 }], // B's conclusion (due 11 Jan)
    ]);
    const mondays = Array.from({ length: 12 }, (_, week) => new Date(Date.UTC(2026, 9, 26 + week * 7)).toISOString().slice(0, 10));
    expect(stats.weekly).toEqual(mondays.map((weekStart) => ({ weekStart, ...(expected.get(weekStart) ?? { received: 0, closed: 0, missed: 0 }) })));
    expectError(await get(world, 'unit_officer', '/api/v1/stats'), 403, 'forbidden');
    expectError(await get(world, 'anonymous', '/api/v1/stats'), 401, 'unauthenticated');
  });

  it('serves one computation of the counts to every dashboard until a case changes or a second passes', async () => {
    type Served = Stats & { generatedAt: string };
    const dashboard = async () => expectStatus<Served>(await get(world, 'leader', '/api/v1/stats'), 200);
    const department = world.units.department;
    const first = await dashboard();
    // Something no case event tells of (a unit renamed behind the server's back) is not seen within the second…
    await world.ctx.db.updateTable('units').set({ name: '县人社局（改名）' }).where('id', '=', department.id).execute();
    const readers = await Promise.all(Array.from({ length: 8 }, dashboard));
    for (const served of readers) expect(served).toEqual(first);
    // …and is once it has passed.
    world.time.set(new Date(Date.parse(world.time.now()) + 1000).toISOString());
    const later = await dashboard();
    expect(later.generatedAt).not.toBe(first.generatedAt);
    expect(later.open.byUnit).toEqual([{ unitId: department.id, unitName: '县人社局（改名）', count: 1 }]);
    await world.ctx.db.updateTable('units').set({ name: department.name }).where('id', '=', department.id).execute();
    // A case opened within the same second shows at once: its change ends the shared counts.
    await openCaseId(world, letter({ category: 'wage-arrears' }));
    const opened = await dashboard();
    expect(opened.open.total).toBe(later.open.total + 1);
    expect(opened.open.byCategory).toContainEqual({ category: 'wage-arrears', count: 1 });
  });
});
