import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/databases.js';
import { buildCase, buildWorld, type World } from '../../../test/world.js';
import { submitPetition } from './petitions.js';

/**
 * A public petition is an ordinary case. `openPublicCase` mirrors `openCase` because the latter
 * needs a staff actor; this test fails when the two drift apart (a new column, clock or notice).
 */
describe.each(databaseKinds)('a public petition and a staff-registered one on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(kind);
  });
  afterAll(() => world.dispose());

  const input = {
    kind: 'individual' as const,
    category: 'wage-arrears',
    title: 'Unpaid wages at a construction site',
    description: 'Three months of wages unpaid since August.',
    location: 'East street site',
    petitioner: { name: '张三', contact: '13800000000' },
  };

  const written = async (caseId: string) => {
    const db = world.ctx.db;
    const [row, deadlines, events, notifications] = await Promise.all([
      db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow(),
      db.selectFrom('deadlines').select(['subject', 'kind', 'unit_id', 'due_at', 'done_at']).where('case_id', '=', caseId).orderBy('kind').execute(),
      db.selectFrom('events').select(['type', 'data']).where('case_id', '=', caseId).orderBy('id').execute(),
      db.selectFrom('notifications').select(['channel', 'template']).where('case_id', '=', caseId).orderBy('template').execute(),
    ]);
    return { row, deadlines, events, notifications };
  };

  it('writes the same case, clocks, timeline and notices, but for who opened it and how it came', async () => {
    const staff = await written((await buildCase(world, { ...input, channel: 'online' })).id);
    const receipt = await submitPetition(world.ctx, { input, via: 'public_api' });
    const caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id;
    const public_ = await written(caseId);

    expect(Object.keys(public_.row).sort()).toEqual(Object.keys(staff.row).sort());
    const differ = ['id', 'reference', 'created_by', 'petitioner_name_sealed', 'petitioner_contact_sealed'];
    const same = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([key]) => !differ.includes(key)));
    expect(same(public_.row)).toEqual(same(staff.row));
    expect(staff.row.created_by).toBe(world.users.coordinator.id);
    expect(public_.row.created_by).toBeNull();
    expect(public_.deadlines).toEqual(staff.deadlines);
    expect(public_.notifications).toEqual(staff.notifications);
    expect(public_.events.map((event) => event.type)).toEqual(staff.events.map((event) => event.type));
    const staffData = JSON.parse(staff.events[0]?.data ?? '{}') as Record<string, unknown>;
    const publicData = JSON.parse(public_.events[0]?.data ?? '{}') as Record<string, unknown>;
    expect(publicData).toMatchObject(staffData);
    expect(publicData).toMatchObject({ from: 'the public', via: 'public_api' });
  });
});
