import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { days } from '../../../../test/time.js';
import { assignId, expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';
import { buildApiWorld } from '../../../../test/api.js';
import { scanDeadlines } from '../../../jobs/deadline-scanner.js';

interface Clock {
  dueAt: string | null;
  doneAt: string | null;
  status: string | null;
}
interface Transfer {
  id: string;
  kind: string;
  unitId: string | null;
  bodyName: string | null;
  replyClock: Clock;
  reply: string | null;
  resultClock: Clock | null;
  report: string | null;
}
interface Detail {
  id: string;
  deadlines: Record<'accept' | 'conclude', Clock>;
  assignments: { unitId: string; role: string }[];
  notices: { kind: string; content: { zh: { body: string }; en: { body: string } } }[];
}

/**
 * Transfer and assignment across bodies (issue 12 item 4, Art. 22–23): to another unit of the tree,
 * which is assigned and has its own 15-day clock to tell the petitioner whether it accepts; to an
 * outside body by name, with a printable letter; an assignment (交办) with its result report's clock.
 */
describe.each(databaseKinds)('transfers on %s', (kind) => {
  let world: ApiWorld;
  let caseId = '';
  const start = '2026-11-02T08:00:00.000Z';
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    world.time.set(start);
    caseId = await openCaseId(world, letter());
    await assignId(world, caseId, world.units.township.id);
  });
  afterAll(() => world.dispose());

  const url = (path = '') => `/api/v1/cases/${caseId}/transfers${path}`;
  const transfers = async () => expectStatus<{ items: Transfer[] }>(await get(world, 'coordinator', url()), 200).items;
  const body = { kind: 'transfer', reason: '社保关系接续属县人社局职责。' };

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const own = expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, unitId: world.units.township.id })), 400, 'validation_failed', 'unitId');
    expect(own.details).toEqual({ problems: [{ field: 'unitId', code: 'transfer_to_own_unit' }] });
    const closed = expectStatus<{ id: string }>(await post(world, 'admin', '/api/v1/units', { name: '县劳动监察大队', kind: 'department' }), 201);
    expectStatus(await post(world, 'admin', `/api/v1/units/${closed.id}/deactivate`), 200);
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, unitId: closed.id })), 400, 'validation_failed', 'unitId');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, unitId: 'no-such-unit' })), 400, 'validation_failed', 'unitId');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), body)), 400, 'validation_failed', 'unitId');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, unitId: world.units.department.id, bodyName: '市人社局' })), 400, 'validation_failed', 'bodyName');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, unitId: world.units.department.id, reason: '  ' })), 400, 'validation_failed', 'reason');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, kind: 'assign', bodyName: '市人社局' })), 400, 'validation_failed', 'resultDueAt');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, kind: 'assign', bodyName: '市人社局', resultDueAt: '2026-10-01T00:00:00.000Z' })), 400, 'validation_failed', 'resultDueAt');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(), { ...body, kind: 'move' , unitId: world.units.department.id })), 400, 'validation_failed', 'kind');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', url(), { ...body, unitId: world.units.department.id })), 403, 'forbidden');
    expect((await post(world, 'anonymous', url(), { ...body, unitId: world.units.department.id })).statusCode).toBe(401);
  });

  it('transfers to another unit: it is assigned, the petitioner is told in writing, and the receiver’s 15-day clock runs apart from the office’s', async () => {
    const before = expectStatus<Detail>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    const after = expectStatus<Detail>(await post(world, 'coordinator', url(), { ...body, unitId: world.units.department.id }), 201);
    expect(after.assignments.find((item) => item.unitId === world.units.department.id)).toMatchObject({ role: 'assisting' });
    // The office's own clocks are untouched.
    expect(after.deadlines.accept).toEqual(before.deadlines.accept);
    const notice = after.notices.find((item) => item.kind === 'transfer');
    expect(notice?.content.zh.body).toContain('县人社局');
    expect(notice?.content.zh.body).toContain('社保关系接续属县人社局职责。');
    const [transfer] = await transfers();
    // 15 calendar days from 2 November (16:00 in Shanghai): the end of 17 November, local time.
    expect(transfer).toMatchObject({ kind: 'transfer', unitId: world.units.department.id, reply: null, resultClock: null, replyClock: { dueAt: '2026-11-17T15:59:59.999Z', doneAt: null, status: 'pending' } });

    // The receiver misses its clock: the scanner records it once and tells the office and the unit.
    world.time.advance(days(16));
    await scanDeadlines(world.ctx);
    await scanDeadlines(world.ctx);
    const misses = await world.ctx.db.selectFrom('events').select('data').where('case_id', '=', caseId).where('type', '=', 'deadline.missed').execute();
    const transferMisses = misses.map((row) => JSON.parse(row.data) as { kind: string; subject: string; unitId: string }).filter((miss) => miss.kind === 'transfer_reply');
    expect(transferMisses).toEqual([expect.objectContaining({ subject: transfer?.id, unitId: world.units.department.id })]);
    expect((await transfers())[0]?.replyClock.status).toBe('overdue');

    // The receiving unit's own officer records its written reply; that stops its clock.
    const replyUrl = url(`/${transfer?.id ?? ''}/reply`);
    expectError(await withoutWrites(world, () => post(world, 'otherOfficer', replyUrl, { reply: 'declined' })), 400, 'validation_failed', 'note');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', replyUrl, { reply: 'accepted' })), 403, 'forbidden');
    expectStatus(await post(world, 'otherOfficer', replyUrl, { reply: 'accepted', note: '已书面告知信访人受理。' }), 200);
    expect((await transfers())[0]).toMatchObject({ reply: 'accepted', replyClock: { status: 'missed' } });
    expectError(await withoutWrites(world, () => post(world, 'otherOfficer', replyUrl, { reply: 'accepted' })), 409, 'already_done');
    expectError(await post(world, 'otherOfficer', url(`/${transfer?.id ?? ''}/report`), { report: '已办结。' }), 400, 'validation_failed', 'report');
  });

  it('assigns to an outside body by name with a result report due, prints the letter, and the report stops its clock', async () => {
    const resultDueAt = new Date(Date.parse(world.time.now()) + days(30)).toISOString();
    expectStatus(await post(world, 'coordinator', url(), { kind: 'assign', bodyName: '市人力资源和社会保障局', reason: '涉及跨县社保转移。', resultDueAt }), 201);
    const assigned = (await transfers()).find((item) => item.kind === 'assign');
    expect(assigned).toMatchObject({ unitId: null, bodyName: '市人力资源和社会保障局', resultClock: { dueAt: resultDueAt, status: 'pending' }, replyClock: { status: 'pending' } });
    const rows = await world.ctx.db.selectFrom('deadlines').select(['kind', 'unit_id', 'due_at']).where('subject', '=', assigned?.id ?? '').orderBy('kind').execute();
    expect(rows.map((row) => row.kind)).toEqual(['result_report', 'transfer_reply']);

    const page = await world.as('coordinator', { method: 'GET', url: url(`/${assigned?.id ?? ''}/letter?lang=zh`) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const reference = expectStatus<{ reference: string }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200).reference;
    for (const part of ['信访事项交办函', '市人力资源和社会保障局', reference, '（盖章）', '办结报告', '县信访局']) expect(page.body).toContain(part);
    const english = await world.as('coordinator', { method: 'GET', url: url(`/${assigned?.id ?? ''}/letter?lang=en`) });
    expect(english.body).toContain('Letter of assignment');
    expect((await world.as('anonymous', { method: 'GET', url: url(`/${assigned?.id ?? ''}/letter`) })).statusCode).toBe(401);

    // The office records the outside body's result report for it.
    expectStatus(await post(world, 'coordinator', url(`/${assigned?.id ?? ''}/report`), { report: '市人社局已办结社保转移。' }), 200);
    expect((await transfers()).find((item) => item.kind === 'assign')).toMatchObject({ report: '市人社局已办结社保转移。', resultClock: { status: 'met' } });
  });
});
