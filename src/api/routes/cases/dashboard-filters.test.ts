import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, expectError, get, letter, openCaseId, post } from '../../../../test/requests.js';

type Page = { items: { id: string }[] };

/** The queue filters the dashboard's figures open: every open stage at once, and a unit as lead only. */
describe.each(databaseKinds)('queue filters behind the dashboard on %s', (kind) => {
  let world: ApiWorld;
  const ids = { led: '', assisted: '', closed: '' };
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    ids.led = await openCaseId(world, letter({ title: 'Led by the township' }));
    ids.assisted = await openCaseId(world, letter({ title: 'Township assists' }));
    ids.closed = await openCaseId(world, letter({ title: 'Not accepted' }));
    await assignId(world, ids.led, world.units.township.id);
    await assignId(world, ids.assisted, world.units.department.id);
    await assignId(world, ids.assisted, world.units.township.id, 'assisting');
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${ids.closed}/transitions`, { to: 'not_accepted', reason: 'A matter for the courts.' }), 200);
  });
  afterAll(() => world.dispose());

  const found = async (query: string, who: 'coordinator' | 'unit_officer' = 'coordinator') =>
    expectStatus<Page>(await get(world, who, `/api/v1/cases?${query}`), 200)
      .items.map((item) => item.id)
      .sort();

  it('finds the cases still being worked with stage=open, as the dashboard counts them', async () => {
    expect(await found('stage=open')).toEqual([ids.led, ids.assisted].sort());
    expect(await found('stage=not_accepted')).toEqual([ids.closed]);
  });

  it('finds only the cases a unit leads with role=lead, for office and unit alike', async () => {
    expect(await found(`unit=${world.units.township.id}`)).toEqual([ids.led, ids.assisted].sort());
    expect(await found(`unit=${world.units.township.id}&role=lead`)).toEqual([ids.led]);
    expect(await found(`unit=${world.units.township.id}&role=assisting`)).toEqual([ids.assisted]);
    expect(await found('role=lead', 'unit_officer')).toEqual([ids.led]);
    expect(await found(`unit=${world.units.department.id}&role=lead`, 'unit_officer')).toEqual([ids.assisted]);
  });

  it('names the field of a filter it does not know', async () => {
    expectError(await get(world, 'coordinator', '/api/v1/cases?stage=opened'), 400, 'validation_failed', 'stage');
    expectError(await get(world, 'coordinator', '/api/v1/cases?role=boss'), 400, 'validation_failed', 'role');
  });
});
