import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, cookiesOf, form, petition, status, submit } from '../../../../test/public.js';
import { expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';

interface OtherCase {
  id: string;
  reference: string;
}
interface SameIssue {
  caseId: string;
  reference: string;
  suggestions: { case: OtherCase; score: number }[];
  links: { case: OtherCase; score: number | null }[];
  merged: { id: string; reference: string }[];
  mayLink: boolean;
}
interface Recurring {
  groups: { category: string; areaUnitId: string | null; cases: number; recurringCases: number; issues: { cases: number; references: OtherCase[] }[] }[];
}

/** Wage arrears at the East Street site of 城关镇, in the words of different petitioners. */
const eastStreet = {
  category: 'wage-arrears',
  location: '城关镇东街学校工地',
  title: '东街工地拖欠农民工工资',
  description: '东街学校建筑工地的承包商自八月起拖欠我们三个月工资，一直不发。',
};

/**
 * Cases on the same issue (同一事项, issue 13 item 7): suggested by category, area and words —
 * never by the person — confirmed or dismissed by the office, duplicates merged with both
 * references finding the surviving case; the recurring-issues report counts them.
 */
describe.each(databaseKinds)('cases on the same issue on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
  });
  afterAll(() => world.dispose());

  const panel = async (caseId: string) => expectStatus<SameIssue>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/same-issue`), 200);
  const eventsOf = async (caseId: string) =>
    (await world.ctx.db.selectFrom('events').select(['type', 'data']).where('case_id', '=', caseId).orderBy('id').execute()).map((row) => ({
      type: row.type,
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
  const idOf = async (reference: string) => (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;

  it('suggests cases by category, place and words, never by the petitioner: the same name and phone on another issue is not suggested', async () => {
    const subject = await openCaseId(world, letter({ ...eastStreet, petitioner: { name: '张三', contact: '13800000000' } }));
    // The same issue in another petitioner's words.
    const sameIssue = await openCaseId(
      world,
      letter({ ...eastStreet, title: '东街工地三个月工资未发', description: '城关镇东街学校工地的承包商拖欠工资三个月了，一直不发。', petitioner: { name: '李四', contact: '13900000000' } }),
    );
    // The same person — name, phone, even the phone typed in the words — on other issues.
    const samePersonOtherCategory = await openCaseId(
      world,
      letter({ category: 'housing', location: '城关镇东街', title: '住房漏水', description: '我家房顶漏水，电话13800000000，请尽快处理。', petitioner: { name: '张三', contact: '13800000000' } }),
    );
    const samePersonSameCategory = await openCaseId(
      world,
      letter({ category: 'wage-arrears', location: '城关镇', title: '饭店欠薪', description: '我在一家饭店做服务员，老板两个月没发钱，电话13800000000。', petitioner: { name: '张三', contact: '13800000000' } }),
    );
    // The same words from another place are another issue.
    const otherPlace = await openCaseId(world, letter({ ...eastStreet, location: null, petitioner: { name: '王五', contact: '13700000000' } }));

    const suggested = (await panel(subject)).suggestions.map((item) => item.case.id);
    expect(suggested).toEqual([sameIssue]);
    for (const id of [samePersonOtherCategory, samePersonSameCategory, otherPlace]) expect(suggested).not.toContain(id);
    const [best] = (await panel(subject)).suggestions;
    expect(best?.score).toBeGreaterThan(0.35);
    // The words alone: two cases sharing nothing but a petitioner and a phone number typed in them are not alike.
    expect((await panel(samePersonOtherCategory)).suggestions).toEqual([]);
    expect((await panel(samePersonSameCategory)).suggestions.map((item) => item.case.id)).not.toContain(subject);

    // Only the office links; a unit officer does not see the panel.
    expectError(await get(world, 'unit_officer', `/api/v1/cases/${subject}/same-issue`), 403, 'forbidden');
    const leaderView = expectStatus<SameIssue>(await get(world, 'leader', `/api/v1/cases/${subject}/same-issue`), 200);
    expect(leaderView).toMatchObject({ mayLink: false, suggestions: [] });
  });

  it('links a confirmed suggestion on both timelines, refuses linking twice on its field, and answers a retry as the first time', async () => {
    const a = await openCaseId(world, letter({ ...eastStreet, location: '城关镇西街', petitioner: { name: '甲', contact: '13000000001' } }));
    const b = await openCaseId(
      world,
      letter({ ...eastStreet, location: '城关镇西街', title: '西街工地工资拖欠三个月', description: '城关镇西街学校工地的承包商拖欠工资三个月，一直不发。', petitioner: { name: '乙', contact: '13000000002' } }),
    );
    expect((await panel(a)).suggestions.map((item) => item.case.id)).toContain(b);

    const retry = { method: 'POST' as const, url: `/api/v1/cases/${a}/links`, payload: { caseId: b }, headers: { 'idempotency-key': `link-${a}` } };
    const linked = expectStatus<SameIssue>(await world.as('coordinator', retry), 200);
    expect(linked.links.map((item) => item.case.id)).toEqual([b]);
    expect(linked.links[0]?.score).toBeGreaterThan(0.35);
    expect(linked.suggestions.map((item) => item.case.id)).not.toContain(b);
    expect((await panel(b)).links.map((item) => item.case.id)).toEqual([a]);
    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      expect((await eventsOf(own)).filter((event) => event.type === 'case.linked').map((event) => event.data.otherCaseId)).toEqual([other]);
    }

    // The same request again under its key: the first answer, nothing written twice.
    const again = await withoutWrites(world, () => world.as('coordinator', retry));
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // Without a key, linking twice is refused, naming the field, from either side.
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${a}/links`, { caseId: b })), 409, 'already_done', 'caseId');
    const reference = (await panel(a)).reference;
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${b}/links`, { reference })), 409, 'already_done', 'reference');
    // A case and itself, an unknown reference, nothing named, a unit officer.
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${a}/links`, { caseId: a })), 400, 'validation_failed', 'caseId');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${a}/links`, { reference: '2026-ZZZZ-ZZZZ' })), 400, 'validation_failed', 'reference');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${a}/links`, {})), 400, 'validation_failed', 'caseId');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `/api/v1/cases/${a}/links`, { caseId: b })), 403, 'forbidden');
  });

  it('dismisses a suggestion: it is not suggested again, and both timelines say so', async () => {
    const a = await openCaseId(world, letter({ ...eastStreet, location: '城关镇北街', petitioner: null }));
    const b = await openCaseId(world, letter({ ...eastStreet, location: '城关镇北街', title: '北街工地拖欠工资', petitioner: null }));
    expect((await panel(a)).suggestions.map((item) => item.case.id)).toContain(b);
    const dismissed = expectStatus<SameIssue>(await post(world, 'coordinator', `/api/v1/cases/${a}/link-dismissals`, { caseId: b }), 200);
    expect(dismissed.suggestions.map((item) => item.case.id)).not.toContain(b);
    expect((await panel(b)).suggestions.map((item) => item.case.id)).not.toContain(a);
    expect((await eventsOf(b)).map((event) => event.type)).toContain('case.link_dismissed');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${b}/link-dismissals`, { caseId: a })), 409, 'already_done', 'caseId');
    // A person may still link them after all.
    expect(expectStatus<SameIssue>(await post(world, 'coordinator', `/api/v1/cases/${b}/links`, { caseId: a }), 200).links.map((item) => item.case.id)).toEqual([a]);
  });

  it('merges two duplicate petitions into one case, both references finding the case on the portal and /public/v1', async () => {
    const first = await submit(world, petition({ location: '城关镇南街工地' }));
    const second = await submit(world, petition({ location: '城关镇南街工地', title: 'Wages unpaid for three months' }));
    const [survivor, duplicate] = [await idOf(first.reference), await idOf(second.reference)];

    // Into itself: refused on the field, nothing written.
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${duplicate}/merge`, { into: duplicate })), 400, 'validation_failed', 'into');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `/api/v1/cases/${duplicate}/merge`, { into: survivor })), 403, 'forbidden');

    const request = { method: 'POST' as const, url: `/api/v1/cases/${duplicate}/merge`, payload: { into: survivor, reason: '同一请愿提交了两次' }, headers: { 'idempotency-key': `merge-${duplicate}` } };
    const merged = expectStatus<{ survivor: SameIssue; mergedCaseId: string; mergedReference: string }>(await world.as('coordinator', request), 200);
    expect(merged).toMatchObject({ mergedCaseId: duplicate, mergedReference: second.reference, survivor: { caseId: survivor, merged: [{ id: duplicate, reference: second.reference }] } });
    // A retry under the key answers the same and merges nothing twice.
    const replay = await withoutWrites(world, () => world.as('coordinator', request));
    expect(replay.headers['idempotent-replayed']).toBe('true');

    // Both references and access codes find the surviving case on /public/v1 …
    for (const receipt of [first, second]) {
      const found = expectStatus<{ reference: string }>(await status(world, receipt.reference, receipt.accessCode), 200);
      expect(found.reference).toBe(first.reference);
    }
    // … and on the portal.
    const posted = await world.app.inject({ method: 'POST', url: '/petition/status', ...form({ lang: 'en', reference: second.reference, accessCode: second.accessCode }) });
    expect(posted.statusCode, posted.body.slice(0, 300)).toBe(303);
    const page = await world.app.inject({ method: 'GET', url: String(posted.headers.location), cookies: cookiesOf(posted) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(first.reference);
    // The staff read of the merged case answers with the survivor.
    expect(expectStatus<{ id: string; reference: string }>(await get(world, 'coordinator', `/api/v1/cases/${duplicate}`), 200)).toMatchObject({ id: survivor, reference: first.reference });

    // The duplicate is at rest and takes no more writes; both timelines say what happened.
    const row = await world.ctx.db.selectFrom('cases').select(['stage', 'merged_into_id', 'next_due_at']).where('id', '=', duplicate).executeTakeFirstOrThrow();
    expect(row).toEqual({ stage: 'closed', merged_into_id: survivor, next_due_at: null });
    expect((await eventsOf(duplicate)).find((event) => event.type === 'case.merged')?.data).toMatchObject({ intoCaseId: survivor, intoReference: first.reference });
    expect((await eventsOf(survivor)).find((event) => event.type === 'case.merged_in')?.data).toMatchObject({ fromCaseId: duplicate, fromReference: second.reference });
    const note = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${duplicate}/notes`, { body: 'x' })), 409, 'conflict');
    expect(note.details).toMatchObject({ reason: 'case_merged', reference: first.reference });

    // An already merged case is not merged again, nor merged into.
    const third = await openCaseId(world, letter({ location: '城关镇南街工地' }));
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${duplicate}/merge`, { into: third })), 409, 'conflict', 'id');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${third}/merge`, { into: duplicate })), 409, 'conflict', 'into');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${third}/links`, { caseId: duplicate })), 409, 'conflict', 'caseId');
  });

  it('refuses a merge across jurisdictions (two counties of the tree), naming the field, writing nothing', async () => {
    const unit = async (name: string, nameEn: string, kindName: string, parentId?: string) =>
      expectStatus<{ id: string }>(await post(world, 'admin', '/api/v1/units', { name, nameEn, kind: kindName, ...(parentId ? { parentId } : {}) }), 201).id;
    const east = await unit('甲县', 'Jia county', 'county');
    await unit('甲镇', 'Jia town', 'township', east);
    const west = await unit('乙县', 'Yi county', 'county');
    await unit('乙镇', 'Yi town', 'township', west);
    const here = await openCaseId(world, letter({ location: '甲镇中街' }));
    const there = await openCaseId(world, letter({ location: '乙镇中街' }));
    const refusal = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${here}/merge`, { into: there })), 409, 'conflict', 'into');
    expect(refusal.details).toMatchObject({ reason: 'other_jurisdiction' });
    // Nor with a case of the deployment's own county (城关镇).
    const home = await openCaseId(world, letter({ location: '城关镇中街' }));
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${home}/merge`, { into: here })), 409, 'conflict', 'into');
  });
});

describe.each(databaseKinds)('the recurring-issues report on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
  });
  afterAll(() => world.dispose());

  it('counts the issues that recur most per category and area over the period, a merged duplicate once', async () => {
    world.time.set('2026-10-01T02:00:00.000Z');
    const before = await openCaseId(world, letter({ ...eastStreet, receivedAt: '2026-09-20T01:00:00.000Z' }));
    world.time.set('2026-11-10T02:00:00.000Z');
    const at = (day: number) => `2026-11-0${day}T01:00:00.000Z`;
    const w = [];
    for (const day of [1, 2, 3, 4]) w.push(await openCaseId(world, letter({ ...eastStreet, receivedAt: at(day) })));
    const [w1, w2, w3, w4] = w as [string, string, string, string];
    const single = await openCaseId(world, letter({ category: 'wage-arrears', location: '城关镇', title: '饭店欠薪', description: '饭店老板两个月没发服务员工资。', receivedAt: at(5) }));
    const housing = { category: 'housing', location: '县人社局宿舍', title: '宿舍楼漏水', description: '宿舍楼顶漏水一个月无人修。' };
    const h1 = await openCaseId(world, letter({ ...housing, receivedAt: at(6) }));
    const h2 = await openCaseId(world, letter({ ...housing, receivedAt: at(7) }));
    const link = async (a: string, b: string) => expectStatus(await post(world, 'coordinator', `/api/v1/cases/${a}/links`, { caseId: b }), 200);
    await link(w1, w2);
    await link(w2, w3);
    await link(w1, before);
    await link(h1, h2);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${w4}/merge`, { into: w1 }), 200);

    const report = expectStatus<Recurring>(await get(world, 'leader', '/api/v1/reports/recurring-issues?from=2026-11-01&to=2026-12-01'), 200);
    const refs = async (ids: string[]) =>
      Promise.all(ids.map(async (id) => ({ id, reference: (await world.ctx.db.selectFrom('cases').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference })));
    expect(report.groups).toEqual([
      { category: 'wage-arrears', categoryName: expect.anything(), areaUnitId: world.units.township.id, areaName: { zh: '城关镇', en: 'Chengguan township' }, cases: 4, recurringCases: 3, issues: [{ cases: 3, firstReceivedAt: at(1), lastReceivedAt: at(3), references: await refs([w1, w2, w3]) }] },
      { category: 'housing', categoryName: expect.anything(), areaUnitId: world.units.department.id, areaName: expect.anything(), cases: 2, recurringCases: 2, issues: [{ cases: 2, firstReceivedAt: at(6), lastReceivedAt: at(7), references: await refs([h1, h2]) }] },
    ]);
    expect(JSON.stringify(report)).not.toContain(single);
    // One area unit's issues only.
    const township = expectStatus<Recurring>(await get(world, 'leader', `/api/v1/reports/recurring-issues?from=2026-11-01&to=2026-12-01&area=${world.units.township.id}`), 200);
    expect(township.groups.map((group) => group.category)).toEqual(['wage-arrears']);

    const csv = await world.as('coordinator', { method: 'GET', url: '/api/v1/reports/recurring-issues?from=2026-11-01&to=2026-12-01&format=csv&lang=zh' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('类别,地区,该类别地区件数,同一事项件数,首次收到,最近收到,信访件编号');
    expect(lines[1]).toMatch(/^拖欠工资,城关镇,4,3,2026-11-01,2026-11-03,\d{4}-/);
    expect(lines).toHaveLength(3);

    expectError(await get(world, 'coordinator', '/api/v1/reports/recurring-issues?from=yesterday'), 400, 'validation_failed', 'from');
    expectError(await get(world, 'unit_officer', '/api/v1/reports/recurring-issues'), 403, 'forbidden');
  });
});
