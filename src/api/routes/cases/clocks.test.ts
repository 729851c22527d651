import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { days } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';
import { password } from '../../../../test/world.js';
import { createToken, createUser } from '../../../commands/users.js';
import { builtinCalendarPath, builtinPlanPath } from '../../../paths.js';

interface Clock {
  dueAt: string | null;
  doneAt: string | null;
}
interface Detail {
  id: string;
  reference: string;
  stage: string;
  closedAt: string | null;
  deadlines: Record<'accept' | 'conclude', Clock>;
  assignments: { id: string; unitId: string; releasedAt: string | null; objection: { dueAt: string | null; at: string | null } }[];
}
interface Notification {
  template: string;
  caseId: string | null;
  subject: string;
}

const yaml = { 'content-type': 'application/yaml' };

describe.each(databaseKinds)('case clocks, rerouting, webhooks and the calendar on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  const detail = async (who: Parameters<ApiWorld['as']>[0], id: string) => expectStatus<Detail>(await get(world, who, `/api/v1/cases/${id}`), 200);

  describe('objecting and rerouting, counted in working days', () => {
    // Notified Wed 30 Sep 2026, 10:00 in Beijing, before the National Day holiday (1–7 Oct).
    // Working days after it: Thu 8 Oct (1), Fri 9 (2), Sat 10 worked instead (3), Mon 12 (4),
    // Tue 13 (5): the objection is due at the end of 13 October, local time.
    const objectionDue = '2026-10-13T15:59:59.999Z';
    const ids = { x: '', y: '', xTownship: '', yTownship: '' };

    beforeAll(async () => {
      world.time.set('2026-09-30T02:00:00.000Z');
      ids.x = await openCaseId(world, letter());
      ids.y = await openCaseId(world, letter());
      ids.xTownship = await assignId(world, ids.x, world.units.township.id);
      ids.yTownship = await assignId(world, ids.y, world.units.township.id);
      await assignId(world, ids.y, world.units.department.id, 'assisting');
    });

    it('lets the assigned unit object on the 4th working day, 12 calendar days on, and tells the office', async () => {
      const english = await createUser(world.ctx, {
        actor: null,
        email: 'coordinator-en@county.test',
        name: 'English coordinator',
        role: 'coordinator',
        unitId: world.units.office.id,
        password,
        language: 'en',
      });
      const { token } = await createToken(world.ctx, { email: english.email, name: 'test' });
      world.time.set('2026-10-12T02:00:00.000Z');
      const url = `/api/v1/cases/${ids.x}/assignments/${ids.xTownship}/object`;
      expectError(await withoutWrites(world, () => post(world, 'anonymous', url, { reason: 'Not ours.' })), 401, 'unauthenticated');
      expectError(await withoutWrites(world, () => post(world, 'unit_officer', url, {})), 400, 'validation_failed', 'reason');
      const objected = expectStatus<Detail>(await post(world, 'unit_officer', url, { reason: 'Wage arrears are for the human resources bureau.' }), 200);
      const assignment = objected.assignments.find((item) => item.id === ids.xTownship);
      expect(assignment?.objection).toEqual({ dueAt: objectionDue, at: '2026-10-12T02:00:00.000Z', reason: 'Wage arrears are for the human resources bureau.' });
      // The case stays with the township until the office reroutes it.
      expect(assignment?.releasedAt).toBeNull();
      expectError(await withoutWrites(world, () => post(world, 'unit_officer', url, { reason: 'Again.' })), 409, 'already_done');

      const reference = objected.reference;
      const chinese = expectStatus<{ items: Notification[] }>(await get(world, 'coordinator', '/api/v1/notifications'), 200);
      const zh = chinese.items.find((item) => item.template === 'assignment.objected');
      expect(zh).toMatchObject({ caseId: ids.x });
      expect(zh?.subject).toBe(`【异议】${reference} ${world.units.township.name}提出不属于本单位职责`);
      const inEnglish = await world.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { authorization: `Bearer ${token}` } });
      const en = expectStatus<{ items: Notification[] }>(inEnglish, 200).items.find((item) => item.template === 'assignment.objected');
      expect(en?.subject).toBe(`[Objection] ${reference}: ${world.units.township.name} says the case is outside its remit`);
      // Nobody else is told: the objecting unit's own officers get no such notice.
      const officer = expectStatus<{ items: Notification[] }>(await get(world, 'unit_officer', '/api/v1/notifications'), 200);
      expect(officer.items.some((item) => item.template === 'assignment.objected')).toBe(false);
    });

    it('refuses an objection from another unit, and one after the 5th working day', async () => {
      const url = `/api/v1/cases/${ids.y}/assignments/${ids.yTownship}/object`;
      // The department assists on this case and can read it, but the objection is the township's.
      expectError(await withoutWrites(world, () => post(world, 'otherOfficer', url, { reason: 'Not ours.' })), 403, 'forbidden');
      world.time.set('2026-10-13T15:59:59.999Z');
      expect((await detail('unit_officer', ids.y)).assignments.find((item) => item.id === ids.yTownship)?.objection.dueAt).toBe(objectionDue);
      world.time.set('2026-10-13T16:00:00.000Z'); // Wednesday 14 October, 00:00 local
      expectError(await withoutWrites(world, () => post(world, 'unit_officer', url, { reason: 'Not ours.' })), 409, 'conflict');
    });

    it('reroutes to the department: the township loses the case, the clocks carry on, nothing closes', async () => {
      world.time.set('2026-10-13T03:00:00.000Z');
      expectStatus(await post(world, 'coordinator', `/api/v1/cases/${ids.x}/transitions`, { to: 'decision' }), 200);
      const before = await detail('coordinator', ids.x);
      expect(before.deadlines.conclude.dueAt).not.toBeNull();
      const url = `/api/v1/cases/${ids.x}/assignments/${ids.xTownship}/reroute`;
      const body = { unitId: world.units.department.id };
      expectError(await withoutWrites(world, () => post(world, 'anonymous', url, body)), 401, 'unauthenticated');
      expectError(await withoutWrites(world, () => post(world, 'unit_officer', url, body)), 403, 'forbidden');
      expectError(await withoutWrites(world, () => post(world, 'coordinator', url, { unitId: 'x' })), 400, 'validation_failed', 'unitId');

      world.time.set('2026-10-14T03:00:00.000Z');
      const rerouted = expectStatus<Detail>(await post(world, 'coordinator', url, body), 200);
      expect(rerouted.stage).toBe('decision');
      expect(rerouted.closedAt).toBeNull();
      expect(rerouted.deadlines.accept).toEqual(before.deadlines.accept);
      expect(rerouted.deadlines.conclude).toEqual(before.deadlines.conclude);
      expect(rerouted.assignments.map((item) => [item.unitId, item.releasedAt])).toEqual([
        [world.units.township.id, '2026-10-14T03:00:00.000Z'],
        [world.units.department.id, null],
      ]);

      expectError(await get(world, 'unit_officer', `/api/v1/cases/${ids.x}`), 403, 'forbidden');
      const queue = expectStatus<{ items: { id: string }[] }>(await get(world, 'unit_officer', '/api/v1/cases'), 200);
      expect(queue.items.map((item) => item.id)).not.toContain(ids.x);
      expect((await detail('otherOfficer', ids.x)).stage).toBe('decision');
      const events = expectStatus<{ items: { type: string; data: Record<string, unknown> }[] }>(await get(world, 'coordinator', `/api/v1/cases/${ids.x}/events`), 200);
      expect(events.items.filter((item) => item.type === 'assignment.rerouted').map((item) => item.data.fromUnitId)).toEqual([world.units.township.id]);
      expect(events.items.filter((item) => item.type === 'stage.changed').map((item) => item.data.to)).toEqual(['decision']);
    });
  });

  describe('extending the time to conclude', () => {
    let accepted = '';
    let fresh = '';
    beforeAll(async () => {
      world.time.set('2026-11-02T08:00:00.000Z');
      accepted = await openCaseId(world, letter());
      fresh = await openCaseId(world, letter());
      await assignId(world, accepted, world.units.township.id);
      world.time.set('2026-11-02T10:00:00.000Z');
      expectStatus(await post(world, 'coordinator', `/api/v1/cases/${accepted}/transitions`, { to: 'decision' }), 200);
    });
    const url = (id: string) => `/api/v1/cases/${id}/extensions`;
    const reason = 'Records must come from the provincial archive.';

    it('refuses bad input, other roles and an unaccepted case, changing nothing', async () => {
      expectError(await withoutWrites(world, () => post(world, 'coordinator', url(accepted), { days: 31, reason })), 400, 'validation_failed', 'days');
      expectError(await withoutWrites(world, () => post(world, 'coordinator', url(accepted), { days: 20 })), 400, 'validation_failed', 'reason');
      expectError(await withoutWrites(world, () => post(world, 'coordinator', url(accepted), { days: 20, reason: '   ' })), 400, 'validation_failed', 'reason');
      expectError(await withoutWrites(world, () => post(world, 'coordinator', url(accepted), { days: 0, reason })), 400, 'validation_failed', 'days');
      expectError(await withoutWrites(world, () => post(world, 'unit_officer', url(accepted), { days: 20, reason })), 403, 'forbidden');
      expectError(await withoutWrites(world, () => post(world, 'leader', url(accepted), { days: 20, reason })), 403, 'forbidden');
      expectError(await withoutWrites(world, () => post(world, 'anonymous', url(accepted), { days: 20, reason })), 401, 'unauthenticated');
      expectError(await withoutWrites(world, () => post(world, 'coordinator', url(fresh), { days: 20, reason })), 409, 'conflict');
      expect((await detail('coordinator', accepted)).deadlines.conclude.dueAt).toBe('2027-01-01T15:59:59.999Z');
    });

    it('moves the conclusion by exactly 20 days once a leader approves, once, on the timeline', async () => {
      world.time.set('2026-11-03T02:00:00.000Z');
      const before = (await detail('coordinator', accepted)).deadlines.conclude.dueAt ?? '';
      // Accepted Mon 2 Nov 18:00 local: 60 calendar days → end of 1 Jan; 20 more → end of 21 Jan.
      expect(before).toBe('2027-01-01T15:59:59.999Z');
      const requested = expectStatus<Detail>(await post(world, 'coordinator', url(accepted), { days: 20, reason }), 200);
      expect(requested.deadlines.conclude.dueAt).toBe(before);
      const extended = expectStatus<Detail>(await post(world, 'leader', `${url(accepted)}/approve`), 200);
      expect(extended.deadlines.conclude.dueAt).toBe('2027-01-21T15:59:59.999Z');
      expect(Date.parse(extended.deadlines.conclude.dueAt ?? '') - Date.parse(before)).toBe(days(20));
      const events = expectStatus<{ items: { type: string; data: Record<string, unknown> }[] }>(await get(world, 'coordinator', `/api/v1/cases/${accepted}/events`), 200);
      expect(events.items.filter((item) => item.type === 'deadline.extended').map((item) => item.data)).toEqual([
        { days: 20, reason, previousDueAt: before, newDueAt: '2027-01-21T15:59:59.999Z', public: true },
      ]);

      const again = await withoutWrites(world, () => post(world, 'coordinator', url(accepted), { days: 5, reason }));
      expectError(again, 409, 'conflict');
      expect((await detail('coordinator', accepted)).deadlines.conclude.dueAt).toBe('2027-01-21T15:59:59.999Z');
    });
  });

  describe('webhooks', () => {
    it('takes only http(s) URLs from an admin, and shows the secret once', async () => {
      const hooks = () => get(world, 'admin', '/api/v1/webhooks');
      expectError(await withoutWrites(world, () => post(world, 'admin', '/api/v1/webhooks', { url: 'ftp://x' })), 400, 'validation_failed', 'url');
      expectError(await withoutWrites(world, () => post(world, 'admin', '/api/v1/webhooks', { url: 'not a url' })), 400, 'validation_failed', 'url');
      expectError(await withoutWrites(world, () => post(world, 'coordinator', '/api/v1/webhooks', { url: 'https://hooks.example.test/' })), 403, 'forbidden');
      expectError(await post(world, 'anonymous', '/api/v1/webhooks', { url: 'https://hooks.example.test/' }), 401, 'unauthenticated');
      expectError(await get(world, 'coordinator', '/api/v1/webhooks'), 403, 'forbidden');
      expect(expectStatus<{ items: unknown[] }>(await hooks(), 200).items).toEqual([]);

      const created = expectStatus<{ id: string; url: string; secret: string }>(
        await post(world, 'admin', '/api/v1/webhooks', { url: 'https://hooks.example.test/redress', description: 'county dashboard' }),
        201,
      );
      expect(created.secret.length).toBeGreaterThanOrEqual(24);
      const listed = await hooks();
      expect(expectStatus<{ items: { id: string }[] }>(listed, 200).items.map((item) => item.id)).toEqual([created.id]);
      expect(listed.body).not.toContain(created.secret);
      expect(listed.body).not.toContain('"secret"');
    });
  });

  describe('the holiday calendar', () => {
    const builtin = readFileSync(builtinCalendarPath(), 'utf8');
    const planKey = 'working-day-plan';
    // Holidays on Wed 4 and Thu 5 Nov 2026; the bad file names an impossible date on line 5.
    const replacement = ['name: Test county', 'years: [2026]', 'holidays:', '  - { date: 2026-11-04, name: A }', '  - { date: 2026-11-05, name: B }', 'workdays: []', ''].join('\n');
    const broken = replacement.replace('2026-11-05', '2026-02-30');
    const putCalendar = (who: Parameters<ApiWorld['as']>[0], body: string) => world.as(who, { method: 'PUT', url: '/api/v1/calendar', headers: yaml, payload: body });
    const calendarText = async () => (await get(world, 'admin', '/api/v1/calendar')).body;

    it('refuses a bad date, naming its line, and keeps the calendar in force', async () => {
      expect(await calendarText()).toBe(builtin);
      const error = expectError(await withoutWrites(world, () => putCalendar('admin', broken)), 400, 'validation_failed', 'holidays[1].date');
      expect(error.message).toMatch(/line 5\b/);
      expect(error.message).toContain('2026-02-30');
      expectError(await withoutWrites(world, () => putCalendar('coordinator', replacement)), 403, 'forbidden');
      expectError(await withoutWrites(world, () => putCalendar('anonymous', replacement)), 401, 'unauthenticated');
      expect(await calendarText()).toBe(builtin);
    });

    it('a valid calendar changes how a working-day plan counts', async () => {
      const source = readFileSync(builtinPlanPath(), 'utf8')
        .replace(/^key: county-major-urgent$/m, `key: ${planKey}`)
        .replace(/^ {2}dayKind: calendar$/m, '  dayKind: working')
        // The routing catalogue names the demo county's units, which this test county has only some of.
        .replace(/^catalogue:\n( {2}- .*\n)+/m, '');
      expect(source).toContain('dayKind: working');
      const plan = expectStatus<{ id: string }>(await world.as('admin', { method: 'POST', url: '/api/v1/plans', headers: yaml, payload: source }), 201);
      expectStatus(await post(world, 'admin', `/api/v1/plans/${plan.id}/publish`), 200);

      // Received Mon 2 Nov 16:00 local. Before: 3–6 (4), 9–13 (9), 16–20 (14), Mon 23 (15).
      world.time.set('2026-11-02T08:00:00.000Z');
      const before = await detail('coordinator', await openCaseId(world, letter({ planId: plan.id })));
      expect(before.deadlines.accept.dueAt).toBe('2026-11-23T15:59:59.999Z');

      expectStatus(await putCalendar('admin', replacement), 200);
      expect(await calendarText()).toBe(replacement);
      // After: 4 and 5 Nov are holidays, so the 15th working day is Wed 25 Nov.
      const after = await detail('coordinator', await openCaseId(world, letter({ planId: plan.id })));
      expect(after.deadlines.accept.dueAt).toBe('2026-11-25T15:59:59.999Z');
      // The built-in calendar-day plan is not affected.
      const calendarDays = await detail('coordinator', await openCaseId(world, letter({ planId: world.planId })));
      expect(calendarDays.deadlines.accept.dueAt).toBe('2026-11-17T15:59:59.999Z');
    });
  });
});
