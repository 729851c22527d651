import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, cookiesOf, form, status, submit, type Submitted } from '../../../../test/public.js';
import { days, hours } from '../../../../test/time.js';
import { assignId, expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';
import { scanDeadlines } from '../../../jobs/deadline-scanner.js';
import { portalMessages } from '../../portal/i18n/index.js';

interface Clock {
  dueAt: string | null;
  doneAt: string | null;
  status: string | null;
}
interface Pause {
  id: string;
  kind: string;
  reason: string;
  plannedEndAt: string;
  startedAt: string;
  endedAt: string | null;
}
interface Detail {
  id: string;
  deadlines: Record<'accept' | 'conclude', Clock>;
  pauses: Pause[];
}
interface PublicStatus {
  deadlines: Record<'conclude', Clock>;
  pause: { kind: string; startedAt: string; plannedEndAt: string; reasonText: { zh: string; en: string } } | null;
}

/**
 * Clock pauses (issue 12, item 8): a hearing pauses the conclude clock; the scanner records no miss
 * while it lasts, the petitioner sees it, and ending it moves the due time later by the time paused.
 */
describe.each(databaseKinds)('clock pauses on %s', (kind) => {
  let world: ApiWorld;
  let receipt: Submitted;
  let caseId = '';
  let dueBefore = '';
  let pauseId = '';
  const start = '2026-11-02T02:00:00.000Z';
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    world.time.set(start);
    receipt = await submit(world);
    const row = await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    caseId = row.id;
    await assignId(world, caseId, world.units.township.id);
    const accepted = expectStatus<Detail>(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'decision' }), 200);
    dueBefore = accepted.deadlines.conclude.dueAt ?? '';
    expect(dueBefore).not.toBe('');
  });
  afterAll(() => world.dispose());

  const url = (path = '') => `/api/v1/cases/${caseId}/pauses${path}`;
  const inTenDays = () => new Date(Date.parse(world.time.now()) + days(10)).toISOString();
  // The conclude clock's recorded misses (the unit's own clocks run on regardless).
  const misses = async () =>
    (await world.ctx.db.selectFrom('events').select('data').where('case_id', '=', caseId).where('type', '=', 'deadline.missed').execute())
      .map((row) => JSON.parse(row.data) as { subject: string; kind: string })
      .filter((miss) => miss.subject === 'case' && miss.kind === 'conclude').length;

  const overdueInQueue = async () =>
    (expectStatus<{ items: { id: string }[] }>(await get(world, 'coordinator', '/api/v1/cases?overdue=true&limit=100'), 200)).items.some((item) => item.id === caseId);
  // The township's overdue count on the dashboard: this case is the only one it leads.
  const overdueOnDashboard = async () =>
    (expectStatus<{ overdue: { byUnit: { unitId: string; count: number }[] } }>(await get(world, 'leader', '/api/v1/stats'), 200)).overdue.byUnit.find(
      (unit) => unit.unitId === world.units.township.id,
    )?.count ?? 0;

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const body = { kind: 'hearing', reason: 'A hearing on the compensation figures (Art. 36).', plannedEndAt: inTenDays() };
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, kind: 'trial' })), 400, 'validation_failed', 'kind');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, reason: '' })), 400, 'validation_failed', 'reason');
    const blank = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, reason: '   ' })), 400, 'validation_failed', 'reason');
    expect(blank.details).toEqual({ problems: [{ field: 'reason', code: 'required' }] });
    const past = expectError(
      await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, plannedEndAt: '2026-11-01T00:00:00.000Z' })),
      400,
      'validation_failed',
      'plannedEndAt',
    );
    expect(past.details).toEqual({ problems: [{ field: 'plannedEndAt', code: 'in_past' }] });
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', url(), body)), 403, 'forbidden');
    // A case not accepted yet has no handling clock running.
    const unaccepted = await openCaseId(world, letter());
    const early = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${unaccepted}/pauses`, body)), 409, 'conflict');
    expect(early.details).toEqual({ reason: 'no_running_clock', stage: 'reception' });
  });

  it('pauses the conclude clock for a hearing; a second open pause is refused', async () => {
    world.time.set('2026-11-03T02:00:00.000Z');
    const plannedEndAt = inTenDays();
    const paused = expectStatus<Detail>(await post(world, 'coordinator', url(), { kind: 'hearing', reason: 'A hearing on the compensation figures.', plannedEndAt }), 201);
    expect(paused.deadlines.conclude).toMatchObject({ dueAt: dueBefore, doneAt: null, status: 'paused' });
    expect(paused.pauses).toMatchObject([{ kind: 'hearing', plannedEndAt, startedAt: '2026-11-03T02:00:00.000Z', endedAt: null }]);
    pauseId = paused.pauses[0]?.id ?? '';
    const twice = expectError(
      await withoutWrites(world, () => post(world, 'coordinator', url(), { kind: 'mediation', reason: 'Mediation too.', plannedEndAt })),
      409,
      'conflict',
    );
    expect(twice.details).toEqual({ reason: 'pause_open', pauseId });
  });

  it('shows the petitioner the pause and why, in /public/v1 and on the portal status page', async () => {
    const seen = expectStatus<PublicStatus>(await status(world, receipt.reference, receipt.accessCode), 200);
    expect(seen.pause).toMatchObject({ kind: 'hearing', startedAt: '2026-11-03T02:00:00.000Z' });
    expect(seen.pause?.reasonText).toEqual({ zh: portalMessages.zh.pause.reason.hearing, en: portalMessages.en.pause.reason.hearing });
    expect(seen.deadlines.conclude.status).toBe('paused');
    // The office's own reason stays internal.
    expect(JSON.stringify(seen)).not.toContain('compensation figures');

    const lookedUp = await world.app.inject({ method: 'POST', url: '/petition/status', ...form({ lang: 'en', reference: receipt.reference, accessCode: receipt.accessCode }) });
    expect(lookedUp.statusCode, lookedUp.body.slice(0, 300)).toBe(303);
    const page = await world.app.inject({ method: 'GET', url: lookedUp.headers.location as string, cookies: cookiesOf(lookedUp) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(portalMessages.en.pause.reason.hearing);
    expect(page.body).toContain(portalMessages.en.pause.kinds.hearing);
    expect(page.body).toContain(portalMessages.en.deadlineStatus.paused);
  });

  it('records no miss while paused, even past the old due time', async () => {
    world.time.set(new Date(Date.parse(dueBefore) + days(5)).toISOString());
    await scanDeadlines(world.ctx);
    expect(await misses()).toBe(0);
    const detail = expectStatus<Detail>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    expect(detail.deadlines.conclude.status).toBe('paused');
    // The queue and the dashboard read the stored due times: a paused case is neither overdue
    // there nor counted as overdue, and its queue row shows the clock paused.
    expect(await overdueInQueue()).toBe(false);
    expect(await overdueOnDashboard()).toBe(0);
    const row = (expectStatus<{ items: { id: string; deadlines: Record<'conclude', Clock> }[] }>(await get(world, 'coordinator', '/api/v1/cases?limit=100'), 200)).items.find((item) => item.id === caseId);
    expect(row?.deadlines.conclude.status).toBe('paused');
  });

  it('ending a hearing of N days moves the conclusion deadline by exactly N days; ending it again is refused', async () => {
    const paused = 70;
    world.time.set(new Date(Date.parse('2026-11-03T02:00:00.000Z') + days(paused)).toISOString());
    const ended = expectStatus<Detail>(await post(world, 'coordinator', url(`/${pauseId}/end`)), 200);
    expect(Date.parse(ended.deadlines.conclude.dueAt ?? '') - Date.parse(dueBefore)).toBe(days(paused));
    expect(ended.deadlines.conclude).toMatchObject({ doneAt: null, status: 'pending' });
    expect(ended.pauses[0]?.endedAt).toBe(world.time.now());
    await scanDeadlines(world.ctx);
    expect(await misses()).toBe(0);

    const again = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(`/${pauseId}/end`))), 409, 'already_done');
    expect(again.details).toEqual({ reason: 'pause_ended', at: world.time.now() });
    expect((expectStatus<PublicStatus>(await status(world, receipt.reference, receipt.accessCode), 200)).pause).toBeNull();

    const events = expectStatus<{ items: { type: string; data: Record<string, unknown> }[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/events`), 200);
    expect(events.items.filter((item) => item.type.startsWith('pause.')).map((item) => item.type)).toEqual(['pause.started', 'pause.ended']);

    // Past the moved due time, the clock counts again and is missed.
    world.time.set(new Date(Date.parse(ended.deadlines.conclude.dueAt ?? '') + hours(1)).toISOString());
    await scanDeadlines(world.ctx);
    expect(await misses()).toBe(1);
    expect(await overdueInQueue()).toBe(true);
    expect(await overdueOnDashboard()).toBe(1);
  });
});
