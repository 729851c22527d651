import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, collectiveVisit, expectError, get, letter, openCaseId } from '../../../../test/requests.js';
import { fiveRepresentatives } from '../../../../test/world.js';
import { chainAndVerify } from '../../../../test/audit.js';

const petitioner = { name: '王秀英', contact: 'wang.xiuying@example.cn' };
/** Every piece of personal data the case below carries, none of which may be stored or shown in clear. */
const secrets = [petitioner.name, petitioner.contact, ...fiveRepresentatives.flatMap((rep) => [rep.name, rep.contact])];

interface Detail {
  id: string;
  petitioner: { name: string | null; contact: string | null } | null;
  representatives: { name: string; contact: string | null }[];
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

  it('is shown on the case itself, and every such read is audit-logged with the reader', async () => {
    for (const who of ['leader', 'unit_officer', 'auditor'] as const) {
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
});
