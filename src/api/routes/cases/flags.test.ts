import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { form } from '../../../../test/public.js';
import { assignId, expectError, get, letter, openCaseId, post, withoutWrites, type Who } from '../../../../test/requests.js';
import { chainAndVerify } from '../../../../test/audit.js';

interface Summary {
  id: string;
  reference: string;
  flags: string[];
}

/** A petition through the portal's form with its honeypot filled in, as software fills it. */
const spamForm = {
  lang: 'zh',
  kind: 'individual',
  category: 'wage-arrears',
  title: '工地拖欠三个月工资',
  description: '东街学校工地的承包商自八月起没有发工资。',
  website: 'http://cheap-pills.example',
};

describe.each(databaseKinds)('clearing a flag on a case on %s', (kind) => {
  let world: ApiWorld;
  let flagged: string;
  let unflagged: string;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    flagged = await submitFlagged();
    // The township works the case, so its officer can read it, yet clearing a flag is the office's call.
    await assignId(world, flagged, world.units.township.id);
    unflagged = await openCaseId(world, letter());
  });
  afterAll(() => world.dispose());

  async function submitFlagged(): Promise<string> {
    // The portal answers a filed form with a redirect to its receipt (post, redirect, get).
    const posted = await world.app.inject({ method: 'POST', url: '/petition/new', ...form(spamForm) });
    expect(posted.statusCode, posted.body.slice(0, 300)).toBe(303);
    const response = await world.app.inject({ method: 'GET', url: String(posted.headers.location) });
    expect(response.statusCode).toBe(200);
    const reference = /id="reference">([^<]+)</.exec(response.body)?.[1] ?? '';
    const queue = expectStatus<{ items: Summary[] }>(await get(world, 'coordinator', `/api/v1/cases?q=${reference}`), 200);
    const item = queue.items.find((candidate) => candidate.reference === reference);
    expect(item?.flags).toEqual(['suspected_spam']);
    return item?.id ?? '';
  }

  const url = (caseId: string, flag = 'suspected_spam') => `/api/v1/cases/${caseId}/flags/${flag}/clear`;

  it('answers 401 without a login and 403 to every role without the right to route cases, writing nothing', async () => {
    expectError(await withoutWrites(world, () => post(world, 'anonymous', url(flagged))), 401, 'unauthenticated');
    const refused: Who[] = ['unit_officer', 'leader', 'auditor'];
    for (const who of refused) expectError(await withoutWrites(world, () => post(world, who, url(flagged))), 403, 'forbidden');
  });

  it('answers 400 naming the flag for a flag it does not know, and 404 for a case that does not exist', async () => {
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(flagged, 'made_up'))), 400, 'validation_failed', 'flag');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(randomUUID()))), 404, 'not_found');
  });

  it('answers 409 when the case does not carry the flag', async () => {
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(unflagged))), 409, 'conflict', 'flag');
  });

  it('lets the office clear it: the flag goes, the timeline and the audit log say who and when, in one go', async () => {
    world.time.set('2026-11-03T02:00:00.000Z');
    const cleared = expectStatus<Summary & { stage: string }>(await post(world, 'coordinator', url(flagged)), 200);
    expect(cleared.flags).toEqual([]);
    expect(cleared.stage).toBe('reception');
    const queue = expectStatus<{ items: Summary[] }>(await get(world, 'coordinator', `/api/v1/cases?q=${cleared.reference}`), 200);
    expect(queue.items.find((item) => item.id === flagged)?.flags).toEqual([]);

    const events = expectStatus<{ items: { type: string; actorId: string | null; at: string; data: Record<string, unknown> }[] }>(
      await get(world, 'coordinator', `/api/v1/cases/${flagged}/events`),
      200,
    );
    const event = events.items.find((item) => item.type === 'flag.cleared');
    expect(event).toMatchObject({ actorId: world.users.coordinator.id, at: '2026-11-03T02:00:00.000Z', data: { flag: 'suspected_spam' } });
    const audit = await world.ctx.db
      .selectFrom('audit_entries')
      .select(['at', 'actor_id', 'subject_type', 'detail'])
      .where('action', '=', 'case.flag_cleared')
      .where('subject_id', '=', flagged)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ at: event?.at, actor_id: world.users.coordinator.id, subject_type: 'case' });
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({ flag: 'suspected_spam' });
    expect((await chainAndVerify(world.ctx)).ok).toBe(true);

    // Cleared once is cleared: a second try changes nothing.
    expectError(await withoutWrites(world, () => post(world, 'coordinator', url(flagged))), 409, 'conflict');
  });

  it('lets an admin clear it too', async () => {
    const another = await submitFlagged();
    expect(expectStatus<Summary>(await post(world, 'admin', url(another)), 200).flags).toEqual([]);
  });
});
