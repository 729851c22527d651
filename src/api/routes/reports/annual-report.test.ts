import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { pdfText, squeezed } from '../../../../test/pdf.js';
import { assignId, collectiveVisit, expectError, get, letter, openCaseId, post } from '../../../../test/requests.js';

interface Report {
  year: number;
  complete: boolean;
  received: { total: number; byChannel: Count[]; byKind: Count[]; byClass: Count[]; byCategory: Count[]; byArea: Count[] };
  accepted: { total: number; onTime: number };
  notAccepted: number;
  concluded: { total: number; onTime: number };
  reviews: { requested: number; secondRequested: number; answered: number; answeredOnTime: number; pending: number };
  bodies: { unitId: string; received: number; concluded: number; concludedOnTime: number; notAccepted: number; open: number }[];
  transfers: Record<'transfer' | 'assign', Record<string, number>>;
  suggestions: { received: number; adopted: number; partly: number; notAdopted: number; pending: number };
  supervision: Record<'supervised' | 'listed', Record<string, number>>;
  notRecorded: string[];
}
type Count = { key: string; count: number };
const counts = (list: Count[]) => Object.fromEntries(list.map((item) => [item.key, item.count]));

/**
 * A hand-built year, 2026 in the county (Beijing time; times below are UTC):
 *  Z — a housing letter received 20 Dec 2025 and accepted 6 Jan 2026, after its 15 days ran out:
 *      accepted in 2026 (late) but received in 2025.
 *  A — a collective visit (wage arrears) at 城关镇 on 2 Mar, township leads; accepted the same day,
 *      answered 10 Mar (concluded on time), closed; a review asked 15 Mar and answered 20 Mar.
 *  B — a social-security letter on 1 Apr, department leads; a suggestion, adopted; answered 5 Apr.
 *  C — a housing petition online on 1 May, not accepted.
 *  D — a housing call on 1 Jun, township leads; a suggestion, accepted; assigned (交办) to an outside
 *      body, which takes it up and reports its result. Not yet concluded.
 *  E — an environment letter on 20 Dec, transferred (转送) to an outside body that has not replied.
 * Supervision (督办, 挂牌督办): B put under supervision on 1 Apr and ended on 3 Apr without the
 * department's feedback; D under listed supervision on 1 Jun with 5 days for feedback, which the
 * township gives late on 20 Jun, ended 25 Jun; Z put under supervision on 20 Dec, its feedback
 * (10 working days) not given by the report's reading.
 * The report is read on 10 Jan 2027.
 */
describe.each(databaseKinds)('the annual report on %s', (kind) => {
  let world: ApiWorld;

  beforeAll(async () => {
    world = await buildApiWorld(kind);
    const at = (iso: string) => world.time.set(iso);
    const ok = async (response: ReturnType<typeof post>, status = 200) => expectStatus(await response, status);
    const township = world.units.township.id;
    const department = world.units.department.id;

    at('2025-12-20T02:00:00.000Z');
    const z = await openCaseId(world, letter({ category: 'housing' }));
    await assignId(world, z, department);
    at('2026-01-06T02:00:00.000Z');
    await ok(post(world, 'coordinator', `/api/v1/cases/${z}/transitions`, { to: 'resolution' }));

    at('2026-03-02T02:00:00.000Z');
    const a = await openCaseId(world, collectiveVisit({ location: '城关镇东街' }));
    const assignment = await assignId(world, a, township);
    await ok(post(world, 'coordinator', `/api/v1/cases/${a}/transitions`, { to: 'decision' }));
    await ok(post(world, 'unit_officer', `/api/v1/cases/${a}/assignments/${assignment}/propose`, { proposal: 'Pay from the fund.' }));
    await ok(post(world, 'leader', `/api/v1/cases/${a}/transitions`, { to: 'resolution', reason: 'Pay from the fund.' }));
    at('2026-03-10T02:00:00.000Z');
    await ok(post(world, 'unit_officer', `/api/v1/cases/${a}/answers`, { body: 'Wages paid.' }), 201);
    await ok(post(world, 'coordinator', `/api/v1/cases/${a}/transitions`, { to: 'closed' }));
    at('2026-03-15T02:00:00.000Z');
    await ok(post(world, 'coordinator', `/api/v1/cases/${a}/transitions`, { to: 'review', reason: 'The petitioner asks for a review.' }));
    at('2026-03-20T02:00:00.000Z');
    await ok(post(world, 'coordinator', `/api/v1/cases/${a}/answers`, { body: 'The answer stands.' }), 201);

    at('2026-04-01T02:00:00.000Z');
    const b = await openCaseId(world, letter({ category: 'social-security' }));
    await assignId(world, b, department);
    await ok(post(world, 'coordinator', `/api/v1/cases/${b}/transitions`, { to: 'resolution' }));
    await ok(post(world, 'coordinator', `/api/v1/cases/${b}/class`, { class: 'suggestion' }));
    await ok(post(world, 'coordinator', `/api/v1/cases/${b}/adoption`, { adoption: 'adopted', note: 'Taken into the new rules.' }));
    await ok(post(world, 'leader', `/api/v1/cases/${b}/supervision`, { kind: 'supervised', requirements: 'Report the rules adopted.' }), 201);
    at('2026-04-03T02:00:00.000Z');
    await ok(post(world, 'leader', `/api/v1/cases/${b}/supervision/end`, { note: 'The rules are adopted.' }));
    at('2026-04-05T02:00:00.000Z');
    await ok(post(world, 'coordinator', `/api/v1/cases/${b}/answers`, { body: 'Adopted.' }), 201);

    at('2026-05-01T02:00:00.000Z');
    const c = await openCaseId(world, letter({ category: 'housing', channel: 'online' }));
    await ok(post(world, 'coordinator', `/api/v1/cases/${c}/transitions`, { to: 'not_accepted', reason: 'Before a court already.' }));

    at('2026-06-01T02:00:00.000Z');
    const d = await openCaseId(world, letter({ category: 'housing', channel: 'phone' }));
    await assignId(world, d, township);
    await ok(post(world, 'coordinator', `/api/v1/cases/${d}/transitions`, { to: 'resolution' }));
    await ok(post(world, 'coordinator', `/api/v1/cases/${d}/class`, { class: 'suggestion' }));
    await ok(post(world, 'leader', `/api/v1/cases/${d}/supervision`, { kind: 'listed', requirements: 'Settle the housing fund question.', feedbackDays: 5 }), 201);
    const assigned = await ok(
      post(world, 'coordinator', `/api/v1/cases/${d}/transfers`, { kind: 'assign', bodyName: '市住房公积金中心', reason: 'Its own matter.', resultDueAt: '2026-07-01T00:00:00.000Z' }),
      201,
    );
    const transfers = expectStatus<{ items: { id: string }[] }>(await get(world, 'coordinator', `/api/v1/cases/${d}/transfers`), 200).items;
    expect(assigned).toBeTruthy();
    await ok(post(world, 'coordinator', `/api/v1/cases/${d}/transfers/${transfers[0]?.id ?? ''}/reply`, { reply: 'accepted' }));
    at('2026-06-20T02:00:00.000Z');
    await ok(post(world, 'coordinator', `/api/v1/cases/${d}/transfers/${transfers[0]?.id ?? ''}/report`, { report: 'Done.' }));
    await ok(post(world, 'unit_officer', `/api/v1/cases/${d}/supervision/feedback`, { feedback: 'The fund pays in July.' }));
    at('2026-06-25T02:00:00.000Z');
    await ok(post(world, 'leader', `/api/v1/cases/${d}/supervision/end`, {}));

    at('2026-12-20T02:00:00.000Z');
    const e = await openCaseId(world, letter({ category: 'environment' }));
    await ok(post(world, 'coordinator', `/api/v1/cases/${e}/transfers`, { kind: 'transfer', bodyName: '市生态环境局', reason: 'Its own matter.' }), 201);

    await ok(post(world, 'leader', `/api/v1/cases/${z}/supervision`, { kind: 'supervised', requirements: 'Conclude the housing letter.' }), 201);

    at('2027-01-10T02:00:00.000Z');
  });
  afterAll(() => world.dispose());

  it('matches the hand count of the year', async () => {
    const report = expectStatus<Report>(await get(world, 'auditor', '/api/v1/reports/annual?year=2026'), 200);
    expect(report.year).toBe(2026);
    expect(report.complete).toBe(true);
    expect(report.received.total).toBe(5);
    expect(counts(report.received.byChannel)).toEqual({ visit: 1, letter: 2, online: 1, phone: 1 });
    expect(counts(report.received.byKind)).toEqual({ collective: 1, individual: 4 });
    expect(counts(report.received.byClass)).toEqual({ suggestion: 2, unclassified: 3 });
    expect(counts(report.received.byCategory)).toEqual({ 'wage-arrears': 1, 'social-security': 1, housing: 2, environment: 1 });
    expect(counts(report.received.byArea)).toEqual({ [world.units.township.id]: 1, unknown: 4 });
    expect(report.accepted).toEqual({ total: 4, onTime: 3 }); // Z late, A, B, D on time
    expect(report.notAccepted).toBe(1);
    expect(report.concluded).toEqual({ total: 2, onTime: 2 });
    expect(report.reviews).toEqual({ requested: 1, secondRequested: 0, answered: 1, answeredOnTime: 1, pending: 0 });
    expect(report.bodies).toEqual([
      { unitId: world.units.township.id, received: 2, concluded: 1, concludedOnTime: 1, notAccepted: 0, open: 1 },
      { unitId: world.units.department.id, received: 1, concluded: 1, concludedOnTime: 1, notAccepted: 0, open: 0 },
    ]);
    expect(report.transfers.transfer).toMatchObject({ made: 1, accepted: 0, declined: 0, awaitingReply: 1 });
    expect(report.transfers.assign).toMatchObject({ made: 1, accepted: 1, awaitingReply: 0, reported: 1, reportedLate: 0, awaitingReport: 0 });
    expect(report.suggestions).toEqual({ received: 2, adopted: 1, partly: 0, notAdopted: 0, pending: 1 });
    expect(report.supervision.supervised).toEqual({ begun: 2, feedbackGiven: 0, feedbackLate: 0, awaitingFeedback: 1, feedbackOverdue: 1, ended: 1, endedWithoutFeedback: 1, ongoing: 1 });
    expect(report.supervision.listed).toEqual({ begun: 1, feedbackGiven: 1, feedbackLate: 1, awaitingFeedback: 0, feedbackOverdue: 0, ended: 1, endedWithoutFeedback: 0, ongoing: 0 });
    expect(report.notRecorded).toEqual([]);
    // Nothing typed about the matter or a person travels with the figures.
    const body = JSON.stringify(report);
    for (const text of ['张三', '13800000000', 'Unpaid wages', '市住房公积金中心', 'Wages paid', '城关镇东街', 'housing fund question', 'pays in July', 'rules are adopted']) expect(body).not.toContain(text);
  });

  it('leaves the year before to its own report', async () => {
    const report = expectStatus<Report>(await get(world, 'coordinator', '/api/v1/reports/annual?year=2025'), 200);
    expect(report.received.total).toBe(1);
    expect(report.accepted.total).toBe(0);
  });

  it('prints the year as a PDF in Chinese and in English', async () => {
    const zh = await world.as('leader', { method: 'GET', url: '/api/v1/reports/annual.pdf?year=2026&lang=zh' });
    expect(zh.statusCode, zh.body).toBe(200);
    expect(zh.headers['content-type']).toBe('application/pdf');
    const zhText = squeezed(await pdfText(zh.rawPayload));
    for (const part of ['2026年度信访工作报告', '收到信访事项', '按期受理', '不予受理', '复查申请', '信访事项较多的责任单位', '城关镇', '转送', '交办', '建议意见', '已采纳', '督办情况', '挂牌督办', '其中逾期书面反馈', '其中已过反馈期限', '仍在督办中']) {
      expect(zhText).toContain(part);
    }
    expect(zhText).not.toContain('本系统尚未记录督办');
    const en = await world.as('leader', { method: 'GET', url: '/api/v1/reports/annual.pdf?year=2026&lang=en' });
    const enText = squeezed(await pdfText(en.rawPayload));
    for (const part of ['Annualreportonpetitionwork,2026', 'Acceptedontime', 'Notaccepted', 'Chengguantownship', 'Transfersandassignments', 'Suggestionsandtheiradoption', '6.Supervision', 'Listedsupervision', 'Writtenfeedbackgiven', 'Stillundersupervision', 'Page1of']) {
      expect(enText).toContain(part);
    }
  });

  it('shows the same figures on the public statistics page, none counting fewer than five cases', async () => {
    const zh = await get(world, 'anonymous', '/petition/statistics?year=2026&lang=zh');
    expect(zh.statusCode).toBe(200);
    const row = (page: string, name: string) => new RegExp(`<th scope="row">${name}</th>(<td[^>]*>[^<]*</td>)+`).exec(page)?.[0] ?? '';
    expect(row(zh.body, '收到信访事项')).toContain('>5</td>');
    // Two letters, one visit, two housing cases, one township's two: each fewer than the plan's minimum of 5.
    for (const name of ['来信', '来访', '城关镇', '不予受理', '复查申请', '已采纳']) {
      expect(row(zh.body, name), name).toContain('少于5件');
      expect(row(zh.body, name), name).not.toMatch(/>\d+%?<\/td>/);
    }
    expect(zh.body).toContain('少于5件的数字不予公布');
    for (const text of ['张三', '13800000000', 'Unpaid wages', '市住房公积金中心', '城关镇东街']) expect(zh.body).not.toContain(text);
    const en = await get(world, 'anonymous', '/petition/statistics?year=2026&lang=en');
    expect(row(en.body, 'Letter')).toContain('fewer than 5');
    expect(row(en.body, 'Received')).toContain('>5</td>');
  });

  it('refuses a year that has not begun, naming year', async () => {
    const page = await get(world, 'anonymous', '/petition/statistics?year=2028&lang=en');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('That year has not begun; the latest year is 2027.');
    expectError(await get(world, 'coordinator', '/api/v1/reports/annual?year=2028'), 400, 'validation_failed', 'year');
    expectError(await get(world, 'coordinator', '/api/v1/reports/annual.pdf?year=2028'), 400, 'validation_failed', 'year');
    expectError(await get(world, 'coordinator', '/api/v1/reports/annual?year=20x6'), 400, 'validation_failed', 'year');
  });

  it('is not for unit officers', async () => {
    expectError(await get(world, 'unit_officer', '/api/v1/reports/annual?year=2026'), 403, 'forbidden');
  });
});
