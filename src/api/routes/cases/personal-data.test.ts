import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, collectiveVisit, expectError, get, letter, openCaseId, post } from '../../../../test/requests.js';
import { fiveRepresentatives } from '../../../../test/world.js';
import { chainAndVerify } from '../../../../test/audit.js';

const petitioner = { name: '王秀英', contact: 'wang.xiuying@example.cn' };
/** Every piece of personal data the case below carries, none of which may be stored or shown in clear. */
const secrets = [petitioner.name, petitioner.contact, ...fiveRepresentatives.flatMap((rep) => [rep.name, rep.contact])];

interface Detail {
  id: string;
  petitioner: { name: string | null; contact: string | null } | null;
  representatives: { name: string | null; contact: string | null }[];
  personalData: { withheld: boolean; mayReveal: boolean; sent: boolean };
}

describe.each(databaseKinds)('personal data on %s', (kind) => {
  let world: ApiWorld;
  let caseId: string;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    caseId = await openCaseId(world, collectiveVisit({ petitioner }));
    await assignId(world, caseId, world.units.township.id);
  });
  afterAll(() => world.dispose());

  const personalDataReads = (subjectId: string) =>
    world.ctx.db
      .selectFrom('audit_entries')
      .select(['seq', 'actor_id', 'subject_type', 'subject_id', 'detail'])
      .where('action', '=', 'case.personal_data.read')
      .where('subject_id', '=', subjectId)
      .orderBy('seq')
      .execute();

  it('is stored sealed: no name or contact in clear text anywhere in the database', async () => {
    const row = await world.ctx.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const representatives = await world.ctx.db
      .selectFrom('representatives')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('position')
      .execute();
    expect(representatives).toHaveLength(5);

    // The sealed columns hold the data, encrypted: opening them gives it back.
    expect(row.petitioner_name_sealed).toMatch(/^v1\./);
    expect(world.ctx.sealer.open(row.petitioner_name_sealed ?? '')).toBe(petitioner.name);
    expect(world.ctx.sealer.open(row.petitioner_contact_sealed ?? '')).toBe(petitioner.contact);
    representatives.forEach((rep, index) => {
      const expected = fiveRepresentatives[index];
      expect(rep.name_sealed).toMatch(/^v1\./);
      expect(rep.name_sealed).not.toContain(expected?.name);
      expect(world.ctx.sealer.open(rep.name_sealed)).toBe(expected?.name);
      expect(world.ctx.sealer.open(rep.contact_sealed ?? '')).toBe(expected?.contact);
    });

    // Nor does any other table repeat it: not the case row, the timeline or the audit log.
    const everything = JSON.stringify({
      row,
      representatives,
      events: await world.ctx.db.selectFrom('events').selectAll().execute(),
      audit: await world.ctx.db.selectFrom('audit_entries').selectAll().execute(),
    });
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it('is left out of the case list, and reading the list is not a read of personal data', async () => {
    const before = await personalDataReads(caseId);
    const response = await get(world, 'coordinator', '/api/v1/cases');
    const page = expectStatus<{ items: Record<string, unknown>[] }>(response, 200);
    const item = page.items.find((candidate) => candidate.id === caseId);
    expect(item).toBeDefined();
    for (const field of ['representatives', 'petitioner']) expect(item).not.toHaveProperty(field);
    for (const secret of secrets) expect(response.body).not.toContain(secret);
    expect(await personalDataReads(caseId)).toEqual(before);
  });

  it('is left out of the timeline', async () => {
    const response = await get(world, 'auditor', `/api/v1/cases/${caseId}/events`);
    expectStatus(response, 200);
    for (const secret of secrets) expect(response.body).not.toContain(secret);
  });

  it('is shown on the case to the office and the assigned unit, and every such read is audit-logged with the reader', async () => {
    for (const who of ['coordinator', 'unit_officer'] as const) {
      const before = await personalDataReads(caseId);
      const detail = expectStatus<Detail>(await get(world, who, `/api/v1/cases/${caseId}`), 200);
      expect(detail.petitioner).toEqual(petitioner);
      expect(detail.representatives.map((rep) => rep.name)).toEqual(fiveRepresentatives.map((rep) => rep.name));

      const after = await personalDataReads(caseId);
      expect(after).toHaveLength(before.length + 1);
      const entry = after[after.length - 1];
      expect(entry).toMatchObject({ actor_id: world.users[who].id, subject_type: 'case', subject_id: caseId });
      expect(JSON.parse(entry?.detail ?? '{}')).toEqual({ representatives: 5, petitioner: true });
    }
    expect((await chainAndVerify(world.ctx)).ok).toBe(true);
  });

  it('is read only by reading the case: an action answers without it and logs no read; the office\'s next look logs one', async () => {
    for (const who of ['coordinator', 'unit_officer'] as const) {
      const before = await personalDataReads(caseId);
      const noted = await post(world, who, `/api/v1/cases/${caseId}/notes`, { body: 'Called the contractor about the wage records.' });
      const answer = expectStatus<Detail>(noted, 201);
      for (const secret of secrets) expect(noted.body, who).not.toContain(secret);
      expect(answer.personalData).toEqual({ withheld: false, mayReveal: false, sent: false });
      expect(answer.petitioner).toEqual({ name: null, contact: null });
      expect(answer.representatives.map((rep) => rep.name)).toEqual([null, null, null, null, null]);
      expect(await personalDataReads(caseId), who).toEqual(before);
    }
    const before = await personalDataReads(caseId);
    const read = expectStatus<Detail>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    expect(read.personalData).toEqual({ withheld: false, mayReveal: false, sent: true });
    const after = await personalDataReads(caseId);
    const byOffice = (entries: typeof after) => entries.filter((entry) => entry.actor_id === world.users.coordinator.id);
    expect(after).toHaveLength(before.length + 1);
    expect(byOffice(after)).toHaveLength(byOffice(before).length + 1);
    // A reader who does not see the names logs no read, whether they look or act.
    expectStatus(await get(world, 'leader', `/api/v1/cases/${caseId}`), 200);
    expectStatus(await post(world, 'leader', `/api/v1/cases/${caseId}/notes`, { body: 'Asked for the minutes of the meeting.' }), 201);
    expect(await personalDataReads(caseId)).toEqual(after);
  });

  it('is not shown, nor its read logged, to an officer of a unit the case is not assigned to', async () => {
    const before = await personalDataReads(caseId);
    const response = await get(world, 'otherOfficer', `/api/v1/cases/${caseId}`);
    expectError(response, 403, 'forbidden');
    for (const secret of secrets) expect(response.body).not.toContain(secret);
    expect(await personalDataReads(caseId)).toEqual(before);
  });

  it('is not read, and no read is logged, for an anonymous petition', async () => {
    const anonymous = await openCaseId(world, letter({ petitioner: null }));
    const detail = expectStatus<Detail>(await get(world, 'coordinator', `/api/v1/cases/${anonymous}`), 200);
    expect(detail.petitioner).toBeNull();
    expect(detail.representatives).toEqual([]);
    expect(await personalDataReads(anonymous)).toEqual([]);
    const row = await world.ctx.db.selectFrom('cases').selectAll().where('id', '=', anonymous).executeTakeFirstOrThrow();
    expect([row.petitioner_name_sealed, row.petitioner_contact_sealed]).toEqual([null, null]);
  });

  it('is withheld from leaders, auditors and admins, who see the case without it and log no read', async () => {
    for (const who of ['leader', 'auditor', 'admin'] as const) {
      const before = await personalDataReads(caseId);
      const response = await get(world, who, `/api/v1/cases/${caseId}`);
      const detail = expectStatus<Detail>(response, 200);
      for (const secret of secrets) expect(response.body, who).not.toContain(secret);
      expect(detail.personalData).toEqual({ withheld: true, mayReveal: true, sent: false });
      expect(detail.petitioner).toEqual({ name: null, contact: null });
      expect(detail.representatives).toHaveLength(5);
      expect(detail.representatives.every((rep) => rep.name === null && rep.contact === null)).toBe(true);
      expect(await personalDataReads(caseId)).toEqual(before);
    }
    // Nor does an action's answer carry it: a leader's note answers the case without names too.
    const noted = await post(world, 'leader', `/api/v1/cases/${caseId}/notes`, { body: 'Asked the bureau for the wage records.' });
    expect(noted.statusCode).toBe(201);
    for (const secret of secrets) expect(noted.body).not.toContain(secret);
  });

  it('is revealed to them only with a stated reason: a break-glass read, audited with the reason and reported to the auditors', async () => {
    const reveal = (who: Parameters<ApiWorld['as']>[0], payload?: object) => post(world, who, `/api/v1/cases/${caseId}/personal-data/reveal`, payload);
    expectError(await reveal('leader', {}), 400, 'validation_failed', 'reason');
    expectError(await reveal('leader', { reason: '   need   ' }), 400, 'validation_failed', 'reason');
    expectError(await reveal('anonymous', { reason: 'To call the representatives about the meeting.' }), 401, 'unauthenticated');
    expectError(await reveal('otherOfficer', { reason: 'To call the representatives about the meeting.' }), 403, 'forbidden');
    expectError(await reveal('leader', { reason: 'To call the representatives', extra: 1 }), 400, 'validation_failed', 'extra');

    const reason = 'To invite the representatives to the leadership meeting on Friday.';
    const response = await reveal('leader', { reason });
    const revealed = expectStatus<Pick<Detail, 'petitioner' | 'representatives'>>(response, 200);
    expect(revealed.petitioner).toEqual(petitioner);
    expect(revealed.representatives.map((rep) => rep.name)).toEqual(fiveRepresentatives.map((rep) => rep.name));

    const entries = await world.ctx.db
      .selectFrom('audit_entries')
      .select(['actor_id', 'subject_id', 'detail'])
      .where('action', '=', 'case.personal_data.break_glass')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: world.users.leader.id, subject_id: caseId });
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toMatchObject({ reason, representatives: 5, petitioner: true });

    // The auditor is told who looked, at which case, and why; the notice itself names no petitioner.
    const inbox = expectStatus<{ items: { template: string; caseId: string; subject: string; text: string }[] }>(
      await get(world, 'auditor', '/api/v1/notifications'),
      200,
    );
    const notice = inbox.items.find((item) => item.template === 'personal_data.revealed');
    expect(notice?.caseId).toBe(caseId);
    expect(notice?.text).toContain(world.users.leader.name);
    expect(notice?.text).toContain('leadership meeting on Friday');
    for (const secret of secrets) expect(JSON.stringify(inbox)).not.toContain(secret);
    // The leader is not told about their own read, nor is the office.
    const office = expectStatus<{ items: { template: string }[] }>(await get(world, 'coordinator', '/api/v1/notifications'), 200);
    expect(office.items.some((item) => item.template === 'personal_data.revealed')).toBe(false);
    expect((await chainAndVerify(world.ctx)).ok).toBe(true);
  });

  it('offers nothing to reveal on an anonymous petition', async () => {
    const anonymous = await openCaseId(world, letter({ petitioner: null }));
    const detail = expectStatus<Detail>(await get(world, 'leader', `/api/v1/cases/${anonymous}`), 200);
    expect(detail.personalData).toEqual({ withheld: false, mayReveal: false, sent: false });
    expectError(await post(world, 'leader', `/api/v1/cases/${anonymous}/personal-data/reveal`, { reason: 'To check who wrote the letter.' }), 409, 'conflict');
  });
});
