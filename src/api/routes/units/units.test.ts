import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { assignId, expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';

interface UnitBody {
  id: string;
  name: string;
  parentId: string | null;
  leaderName: string | null;
  leaderDuty: string | null;
  active: boolean;
  deactivatedAt: string | null;
}

describe.each(databaseKinds)('units on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  const patch = (who: Parameters<ApiWorld['as']>[0], id: string, payload: object) => world.as(who, { method: 'PATCH', url: `/api/v1/units/${id}`, payload });
  const addUnit = async (name: string, parentId: string | null = null) =>
    expectStatus<UnitBody>(await post(world, 'admin', '/api/v1/units', { name, kind: 'department', parentId }), 201);
  const auditOf = (subjectId: string) =>
    world.ctx.db.selectFrom('audit_entries').select(['action', 'actor_id', 'detail']).where('subject_id', '=', subjectId).orderBy('seq').execute();

  it('edits a unit and names its responsible leader and their duty, audited', async () => {
    const unit = await addUnit('县住建局');
    const edited = expectStatus<UnitBody>(
      await patch('admin', unit.id, { name: '县住房和城乡建设局', leaderName: '周建国（局长）', leaderDuty: '对本局所涉信访事项的处置负总责。' }),
      200,
    );
    expect(edited).toMatchObject({ name: '县住房和城乡建设局', leaderName: '周建国（局长）', leaderDuty: '对本局所涉信访事项的处置负总责。', active: true });
    const listed = expectStatus<{ items: UnitBody[] }>(await get(world, 'unit_officer', '/api/v1/units'), 200).items.find((item) => item.id === unit.id);
    expect(listed?.leaderName).toBe('周建国（局长）');
    const audit = await auditOf(unit.id);
    expect(audit.map((entry) => entry.action)).toEqual(['unit.create', 'unit.update']);
    expect(audit[1]?.actor_id).toBe(world.users.admin.id);

    // Sending the same edit again changes nothing and records nothing.
    expectStatus(await patch('admin', unit.id, { name: '县住房和城乡建设局' }), 200);
    expect(await auditOf(unit.id)).toHaveLength(2);
  });

  it('arranges units in the tree, and refuses a loop', async () => {
    const bureau = await addUnit('县农业农村局');
    const station = await addUnit('农技推广站', bureau.id);
    const team = await addUnit('植保小组', station.id);
    expect(expectStatus<UnitBody>(await patch('admin', team.id, { parentId: bureau.id }), 200).parentId).toBe(bureau.id);

    // The bureau under its own grandchild, or under itself, would make the tree a loop.
    const loop = await withoutWrites(world, () => patch('admin', bureau.id, { parentId: station.id }));
    expectError(loop, 400, 'unit_cycle', 'parentId');
    expectError(await patch('admin', bureau.id, { parentId: bureau.id }), 400, 'unit_cycle', 'parentId');
    expectError(await patch('admin', bureau.id, { parentId: 'no-such-unit' }), 400, 'validation_failed', 'parentId');

    // Back to the root.
    expect(expectStatus<UnitBody>(await patch('admin', team.id, { parentId: null }), 200).parentId).toBeNull();
  });

  it('refuses to deactivate a unit with open assignments until they are rerouted', async () => {
    const unit = await addUnit('县水利局');
    const caseId = await openCaseId(world, letter());
    const assignmentId = await assignId(world, caseId, unit.id);

    const refused = await withoutWrites(world, () => post(world, 'admin', `/api/v1/units/${unit.id}/deactivate`));
    const error = expectError(refused, 409, 'unit_has_open_assignments');
    expect(error.details).toMatchObject({ openAssignments: 1, cases: [{ id: caseId }] });

    // The office reroutes the case; then the unit can go.
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments/${assignmentId}/reroute`, { unitId: world.units.township.id }), 200);
    const deactivated = expectStatus<UnitBody>(await post(world, 'admin', `/api/v1/units/${unit.id}/deactivate`), 200);
    expect(deactivated.active).toBe(false);
    expect(deactivated.deactivatedAt).not.toBeNull();
    expectError(await post(world, 'admin', `/api/v1/units/${unit.id}/deactivate`), 409, 'already_done');

    // A deactivated unit takes no new case, and keeps the history it has.
    const other = await openCaseId(world, letter());
    expectError(await post(world, 'coordinator', `/api/v1/cases/${other}/assignments`, { unitId: unit.id, role: 'lead' }), 409, 'unit_inactive', 'unitId');
    const detail = expectStatus<{ assignments: { unitId: string; releasedAt: string | null }[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200);
    expect(detail.assignments.find((item) => item.unitId === unit.id)?.releasedAt).not.toBeNull();

    const reactivated = expectStatus<UnitBody>(await post(world, 'admin', `/api/v1/units/${unit.id}/reactivate`), 200);
    expect(reactivated).toMatchObject({ active: true, deactivatedAt: null });
    expect(await post(world, 'coordinator', `/api/v1/cases/${other}/assignments`, { unitId: unit.id, role: 'lead' })).toHaveProperty('statusCode', 201);
    expect((await auditOf(unit.id)).map((entry) => entry.action)).toEqual(['unit.create', 'unit.deactivate', 'unit.reactivate']);
  });

  it('lets a unit whose cases are all closed go', async () => {
    const unit = await addUnit('县林业局');
    const caseId = await openCaseId(world, letter());
    await assignId(world, caseId, unit.id);
    await world.ctx.db.updateTable('cases').set({ stage: 'closed' }).where('id', '=', caseId).execute();
    expect(expectStatus<UnitBody>(await post(world, 'admin', `/api/v1/units/${unit.id}/deactivate`), 200).active).toBe(false);
  });

  it('is for admins: 401, 403, 404 and 400 naming the field', async () => {
    const unit = await addUnit('县文旅局');
    expectError(await patch('anonymous', unit.id, { name: 'x' }), 401, 'unauthenticated');
    for (const who of ['coordinator', 'unit_officer', 'leader', 'auditor'] as const) {
      expectError(await patch(who, unit.id, { name: 'x' }), 403, 'forbidden');
      expectError(await post(world, who, `/api/v1/units/${unit.id}/deactivate`), 403, 'forbidden');
      expectError(await post(world, who, `/api/v1/units/${unit.id}/reactivate`), 403, 'forbidden');
    }
    expectError(await patch('admin', 'no-such-unit', { name: 'x' }), 404, 'not_found');
    expectError(await post(world, 'admin', '/api/v1/units/no-such-unit/deactivate'), 404, 'not_found');
    expectError(await patch('admin', unit.id, { name: '' }), 400, 'validation_failed', 'name');
    expectError(await patch('admin', unit.id, { kind: 'ministry' }), 400, 'validation_failed', 'kind');
    expectError(await patch('admin', unit.id, { colour: 'red' }), 400, 'validation_failed', 'colour');
    expectError(await patch('admin', unit.id, {}), 400, 'validation_failed');
  });
});
