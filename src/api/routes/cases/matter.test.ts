import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { password } from '../../../../test/world.js';
import { buildPublicWorld, cookiesOf, form, status, submit } from '../../../../test/public.js';
import { days } from '../../../../test/time.js';
import { assignId, expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';
import { createUnit } from '../../../commands/units.js';
import { createToken, createUser } from '../../../commands/users.js';
import { addDays } from '../../../core/deadlines.js';
import { portalMessages } from '../../portal/i18n/index.js';

interface Detail {
  id: string;
  description: string;
  petitioner: { name: string | null; contact: string | null } | null;
  personalData: { withheld: boolean; mayReveal: boolean; sent: boolean };
  assignments: { unitId: string; role: string }[];
  deadlines: Record<'accept' | 'conclude', { dueAt: string | null }>;
  matter: {
    class: string | null;
    disciplineUnitId: string | null;
    lawfulChannel: { code: string; at: string | null } | null;
    adoption: { value: string; note: string } | null;
    earlierReference: string | null;
    accuserMaterialWithheld: boolean;
  };
}
interface PublicStatus {
  matter: {
    class: { code: string; name: { zh?: string; en?: string } } | null;
    lawfulChannel: { code: string; article: number; name: { zh?: string; en?: string }; howTo: { zh?: string; en?: string } } | null;
    adoption: { value: string; note: string } | null;
    earlierReference: string | null;
  };
}
type Events = { items: { type: string; data: Record<string, unknown> }[] };

/**
 * The nature of the matter and its lawful channel (issue 12, items 1–2; Regulations 2022 Art. 29–31,
 * 36): classes and channels from the plan, a report's material hidden from the accused unit, a
 * court matter sent to its channel and told to the petitioner, the finality of a concluded case.
 */
describe.each(databaseKinds)('the nature of the matter on %s', (kind) => {
  let world: ApiWorld;
  let disciplineUnitId = '';
  let disciplineToken = '';
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    const unit = await createUnit(world.ctx, { actor: null, name: '县纪委监委', nameEn: 'County discipline inspection and supervision commission', kind: 'department' });
    disciplineUnitId = unit.id;
    const officer = await createUser(world.ctx, { actor: null, email: 'discipline@county.test', name: 'discipline officer', role: 'unit_officer', unitId: unit.id, password });
    disciplineToken = (await createToken(world.ctx, { email: officer.email, name: 'test', days: 3650 })).token;
  });
  afterAll(() => world.dispose());

  const asDiscipline = (url: string) => world.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${disciplineToken}` } });
  const events = async (caseId: string) => expectStatus<Events>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/events`), 200).items;

  it('refuses a class or channel the plan does not define, naming the field, and writes nothing', async () => {
    const caseId = await openCaseId(world, letter());
    const wrongClass = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/class`, { class: 'complaint' })), 400, 'validation_failed', 'class');
    expect(wrongClass.details).toEqual({ problems: [{ field: 'class', code: 'unknown_class', params: { values: ['suggestion', 'report', 'appeal', 'inquiry'] } }] });
    const wrongChannel = expectError(
      await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/lawful-channel`, { channel: 'supreme-court' })),
      400,
      'validation_failed',
      'channel',
    );
    expect(wrongChannel.details).toMatchObject({ problems: [{ field: 'channel', code: 'unknown_lawful_channel' }] });
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/class`, {})), 400, 'validation_failed', 'class');
    expectError(await withoutWrites(world, () => post(world, 'unit_officer', `/api/v1/cases/${caseId}/class`, { class: 'appeal' })), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'anonymous', `/api/v1/cases/${caseId}/class`, { class: 'appeal' })), 401, 'unauthenticated');
    // An adoption belongs to a suggestion only.
    const notSuggestion = expectError(
      await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/adoption`, { adoption: 'adopted', note: 'Taken up.' })),
      409,
      'conflict',
    );
    expect(notSuggestion.details).toEqual({ reason: 'not_a_suggestion', class: '' });
    const detail = expectStatus<Detail>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    expect(detail.matter).toMatchObject({ class: null, lawfulChannel: null });
  });

  it('routes an accusation to discipline inspection and hides its material from the accused unit', async () => {
    const caseId = await openCaseId(world, letter({ title: 'A report on the township', description: 'The township head took money for the land permits.' }));
    // The accused's own unit is on the case (it was first routed there).
    await assignId(world, caseId, world.units.township.id);
    const classed = expectStatus<Detail>(await post(world, 'coordinator', `/api/v1/cases/${caseId}/class`, { class: 'report' }), 200);
    expect(classed.matter).toMatchObject({ class: 'report', disciplineUnitId });
    expect(classed.assignments).toContainEqual(expect.objectContaining({ unitId: disciplineUnitId, role: 'assisting' }));

    const accused = expectStatus<Detail>(await get(world, 'unit_officer', `/api/v1/cases/${caseId}`), 200);
    expect(accused.matter.accuserMaterialWithheld).toBe(true);
    expect(accused.description).toBe('');
    expect(accused.petitioner).toEqual({ name: null, contact: null });
    expect(accused.personalData).toMatchObject({ withheld: true, mayReveal: false, sent: false });
    expect(JSON.stringify(accused)).not.toContain('took money');
    expect(JSON.stringify(accused)).not.toContain('张三');
    // Not even a break-glass read opens it to that unit.
    const reveal = await post(world, 'unit_officer', `/api/v1/cases/${caseId}/personal-data/reveal`, { reason: 'We need to call the person back.' });
    expect(reveal.statusCode).toBe(403);

    const discipline = expectStatus<Detail>(await asDiscipline(`/api/v1/cases/${caseId}`), 200);
    expect(discipline.matter.accuserMaterialWithheld).toBe(false);
    expect(discipline.description).toContain('took money');
    expect(discipline.petitioner).toEqual({ name: '张三', contact: '13800000000' });
    const office = expectStatus<Detail>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    expect(office.description).toContain('took money');
  });

  it("keeps a report's title and words from the accused unit's queue, search and notifications (Art. 30)", async () => {
    const caseId = await openCaseId(world, letter({ title: 'Bribes at the land office', description: 'The land office clerk asked for bribes.' }));
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/class`, { class: 'report' }), 200);
    // The accused's unit is asked to assist after the case is a report.
    await assignId(world, caseId, world.units.township.id, 'assisting');
    type Queue = { items: { id: string; title: string; titleWithheld: boolean }[] };
    const queue = expectStatus<Queue>(await get(world, 'unit_officer', '/api/v1/cases?limit=200'), 200);
    expect(queue.items.find((item) => item.id === caseId)).toMatchObject({ title: '', titleWithheld: true });
    const detail = expectStatus<{ title: string; titleWithheld: boolean }>(await get(world, 'unit_officer', `/api/v1/cases/${caseId}`), 200);
    expect(detail).toMatchObject({ title: '', titleWithheld: true });
    // Searching the accuser's words finds nothing for that unit; the discipline unit and the office find it.
    for (const q of ['asked for bribes', 'Bribes at the land']) {
      const searched = expectStatus<Queue>(await get(world, 'unit_officer', `/api/v1/cases?q=${encodeURIComponent(q)}`), 200);
      expect(searched.items.map((item) => item.id)).not.toContain(caseId);
      const found = expectStatus<Queue>(await asDiscipline(`/api/v1/cases?q=${encodeURIComponent(q)}`), 200);
      expect(found.items.find((item) => item.id === caseId)).toMatchObject({ title: 'Bribes at the land office', titleWithheld: false });
      const office = expectStatus<Queue>(await get(world, 'coordinator', `/api/v1/cases?q=${encodeURIComponent(q)}`), 200);
      expect(office.items.map((item) => item.id)).toContain(caseId);
    }
    // Its reference still finds it for the unit, which works the case.
    const reference = expectStatus<{ reference: string }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200).reference;
    const byReference = expectStatus<Queue>(await get(world, 'unit_officer', `/api/v1/cases?q=${reference}`), 200);
    expect(byReference.items.map((item) => item.id)).toContain(caseId);
    // The unit's notice of the assignment names the reference, not the title.
    type Notifications = { items: { subject: string; text: string }[] };
    const notices = expectStatus<Notifications>(await get(world, 'unit_officer', '/api/v1/notifications'), 200).items.filter((item) => item.text.includes(reference));
    expect(notices.length).toBeGreaterThan(0);
    expect(JSON.stringify(notices)).not.toContain('Bribes');
    expect(notices[0]?.text).toMatch(new RegExp(`${reference}(已交由你单位| has been assigned)`));
  });

  it('gives an inquiry its short clock, and keeps both classes when the class changes with a reason', async () => {
    const caseId = await openCaseId(world, letter({ title: 'When are pensions paid?' }));
    await assignId(world, caseId, world.units.department.id);
    const accepted = expectStatus<Detail>(await post(world, 'coordinator', `/api/v1/cases/${caseId}/transitions`, { to: 'decision' }), 200);
    const sixty = accepted.deadlines.conclude.dueAt ?? '';
    const acceptedAt = Date.parse(sixty) - days(60);
    const inquiry = expectStatus<Detail>(await post(world, 'coordinator', `/api/v1/cases/${caseId}/class`, { class: 'inquiry' }), 200);
    expect(Date.parse(inquiry.deadlines.conclude.dueAt ?? '') - acceptedAt).toBe(days(3));

    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/class`, { class: 'appeal' })), 400, 'validation_failed', 'reason');
    const same = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/class`, { class: 'inquiry', reason: 'again' })), 409, 'already_done');
    expect(same.details).toEqual({ reason: 'class_unchanged', class: 'inquiry' });
    const appeal = expectStatus<Detail>(
      await post(world, 'coordinator', `/api/v1/cases/${caseId}/class`, { class: 'appeal', reason: 'The caller asks for the arrears to be paid, not only when.' }),
      200,
    );
    expect(appeal.matter.class).toBe('appeal');
    expect(appeal.deadlines.conclude.dueAt).toBe(sixty);
    const set = (await events(caseId)).filter((item) => item.type === 'class.set').map((item) => item.data);
    expect(set).toMatchObject([
      { class: 'inquiry', previous: null },
      { class: 'appeal', previous: 'inquiry', reason: 'The caller asks for the arrears to be paid, not only when.' },
    ]);
  });

  it('answers a court matter with its lawful channel: its own clock, and the petitioner told the channel and how to use it', async () => {
    world.time.set('2026-11-04T02:00:00.000Z');
    const receipt = await submit(world);
    const row = await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    const recorded = expectStatus<Detail>(
      await post(world, 'coordinator', `/api/v1/cases/${row.id}/lawful-channel`, { channel: 'litigation', note: 'A contract dispute with the builder.' }),
      200,
    );
    expect(recorded.matter).toMatchObject({ class: 'appeal', lawfulChannel: { code: 'litigation', at: '2026-11-04T02:00:00.000Z' } });
    // Not the 60-day petition clock: the channel's own 15 days from now.
    expect(recorded.deadlines.conclude.dueAt).toBe(addDays('2026-11-04T02:00:00.000Z', 15, world.ctx.timeZone));
    const recordedEvent = (await events(row.id)).find((item) => item.type === 'channel.recorded');
    expect(recordedEvent?.data).toMatchObject({ channel: 'litigation', name: { zh: '诉讼' }, article: 1, notice: 'lawful_channel', public: true });
    // Once sent to its channel, the case stays an appeal or request.
    const reclass = expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${row.id}/class`, { class: 'suggestion', reason: 'no' })), 409, 'conflict');
    expect(reclass.details).toEqual({ reason: 'channel_needs_appeal', class: 'suggestion' });

    const seen = expectStatus<PublicStatus>(await status(world, receipt.reference, receipt.accessCode), 200);
    expect(seen.matter.lawfulChannel).toMatchObject({ code: 'litigation', article: 1, name: { zh: '诉讼', en: 'Litigation' } });
    expect(seen.matter.lawfulChannel?.howTo.en).toContain("people's courts");
    expect(JSON.stringify(seen)).not.toContain('contract dispute');

    for (const language of ['zh', 'en'] as const) {
      const lookedUp = await world.app.inject({ method: 'POST', url: '/petition/status', ...form({ lang: language, reference: receipt.reference, accessCode: receipt.accessCode }) });
      expect(lookedUp.statusCode, lookedUp.body.slice(0, 300)).toBe(303);
      const page = await world.app.inject({ method: 'GET', url: lookedUp.headers.location as string, cookies: cookiesOf(lookedUp) });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(portalMessages[language].matter.channelTitle);
      const escaped = (text: string | undefined) => (text ?? 'missing').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
      expect(page.body).toContain(escaped(seen.matter.lawfulChannel?.howTo[language]));
      expect(page.body).toContain(escaped(seen.matter.class?.name[language]));
    }
  });

  it("records a suggestion's adoption, shown to the petitioner", async () => {
    const receipt = await submit(world);
    const row = await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${row.id}/class`, { class: 'suggestion' }), 200);
    expectError(
      await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${row.id}/adoption`, { adoption: 'maybe', note: 'x' })),
      400,
      'validation_failed',
      'adoption',
    );
    const adopted = expectStatus<Detail>(await post(world, 'coordinator', `/api/v1/cases/${row.id}/adoption`, { adoption: 'partly', note: 'The bus stop moves; the timetable stays.' }), 200);
    expect(adopted.matter.adoption).toEqual({ value: 'partly', note: 'The bus stop moves; the timetable stays.' });
    const seen = expectStatus<PublicStatus>(await status(world, receipt.reference, receipt.accessCode), 200);
    expect(seen.matter).toMatchObject({ class: { code: 'suggestion' }, adoption: { value: 'partly' } });
  });

  it("answers a repeat of a concluded case with the earlier conclusion, linked by the earlier case's reference", async () => {
    const earlierId = await openCaseId(world, letter());
    const earlier = expectStatus<{ reference: string }>(await get(world, 'coordinator', `/api/v1/cases/${earlierId}`), 200);
    const laterId = await openCaseId(world, letter());
    const open = expectError(
      await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${laterId}/finality`, { earlierReference: earlier.reference })),
      409,
      'conflict',
    );
    expect(open.details).toEqual({ reason: 'earlier_case_open', reference: earlier.reference });
    expectError(
      await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${laterId}/finality`, { earlierReference: '2026-ZZZZ-ZZZZ' })),
      400,
      'validation_failed',
      'earlierReference',
    );
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${earlierId}/assignments`, { unitId: world.units.township.id, role: 'lead' }), 201);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${earlierId}/transitions`, { to: 'resolution' }), 200);
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${earlierId}/answers`, { body: 'Wages paid in full.' }), 201);
    const linked = expectStatus<Detail>(await post(world, 'coordinator', `/api/v1/cases/${laterId}/finality`, { earlierReference: earlier.reference.toLowerCase() }), 200);
    expect(linked.matter.earlierReference).toBe(earlier.reference);
    expect((await events(laterId)).find((item) => item.type === 'finality.linked')?.data).toMatchObject({ earlierReference: earlier.reference });
  });
});
