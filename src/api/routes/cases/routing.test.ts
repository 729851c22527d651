import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld, form, submit, petition } from '../../../../test/public.js';
import { expectError, get, letter, openCaseId, post, withoutWrites } from '../../../../test/requests.js';
import { createOpen311Key } from '../../../commands/public/open311-keys.js';

interface Proposal {
  entryId: string;
  areaUnitId: string | null;
  leadUnitId: string;
  assistingUnitIds: string[];
  status: string;
  finalLeadUnitId: string | null;
}
interface Entry {
  id: string;
  category: string;
  areaUnitId: string | null;
  leadUnitId: string;
  assistingUnitIds: string[];
  active: boolean;
  counts: { proposed: number; confirmed: number; changed: number; objections: number; reroutes: number };
  editedAt: string | null;
}
interface Detail {
  id: string;
  assignments: { id: string; unitId: string; role: string }[];
}

/**
 * The routing catalogue (issue 12 item 3): a petition from the portal, the public API or the counter
 * gets the catalogue's proposal at registration; the office confirms or changes it in one action,
 * which assigns the units; objections and reroutes count against the entry, and the report ranks
 * the entries rerouted most; an entry is edited without republishing the plan.
 */
describe.each(databaseKinds)('the routing catalogue on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
  });
  afterAll(() => world.dispose());

  const routing = async (caseId: string) => expectStatus<{ proposal: Proposal | null }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/routing`), 200).proposal;
  const catalogue = async () => expectStatus<{ items: Entry[] }>(await get(world, 'admin', '/api/v1/catalogue'), 200).items;
  const entryFor = async (category: string, areaUnitId: string | null) => {
    const entry = (await catalogue()).find((item) => item.category === category && item.areaUnitId === areaUnitId);
    if (!entry) throw new Error(`no catalogue entry for ${category} in ${areaUnitId ?? 'the county'}`);
    return entry;
  };
  const caseIdOf = async (title: string) => (await world.ctx.db.selectFrom('cases').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

  it('seeds the built-in plan’s catalogue for the units this county has', async () => {
    const entries = await catalogue();
    const county = await entryFor('wage-arrears', null);
    expect(county).toMatchObject({ leadUnitId: world.units.department.id, assistingUnitIds: [], active: true });
    expect(await entryFor('transport', world.units.township.id)).toMatchObject({ leadUnitId: world.units.township.id });
    // An entry naming a unit this county does not have (县住建局) waits for it.
    expect(entries.some((item) => item.category === 'housing')).toBe(false);
    expect((await get(world, 'anonymous', '/api/v1/catalogue')).statusCode).toBe(401);
  });

  it('routes a portal petition by its category and area, and the office confirms the proposal in one action', async () => {
    const title = '学校门口路口缺少信号灯';
    const fields = { lang: 'zh', kind: 'individual', category: 'transport', title, description: '城关镇东街学校门口上下学时段车辆很多。', location: '城关镇东街', name: '孙七', contact: '13600000000', website: '' };
    const posted = await world.app.inject({ method: 'POST', url: '/petition/new', ...form(fields) });
    expect(posted.statusCode, posted.body).toBe(303);
    const caseId = await caseIdOf(title);
    const entry = await entryFor('transport', world.units.township.id);
    expect(await routing(caseId)).toMatchObject({ entryId: entry.id, areaUnitId: world.units.township.id, leadUnitId: world.units.township.id, assistingUnitIds: [], status: 'proposed' });
    // Proposed is not assigned: the case has no unit until the office decides.
    expect(expectStatus<Detail>(await get(world, 'coordinator', `/api/v1/cases/${caseId}`), 200).assignments).toEqual([]);

    expect((await post(world, 'anonymous', `/api/v1/cases/${caseId}/routing`, { decision: 'confirm' })).statusCode).toBe(401);
    expectError(await withoutWrites(world, () => post(world, 'leader', `/api/v1/cases/${caseId}/routing`, { decision: 'confirm' })), 403, 'forbidden');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/routing`, { decision: 'maybe' })), 400, 'validation_failed');

    const confirmed = expectStatus<Detail>(await post(world, 'coordinator', `/api/v1/cases/${caseId}/routing`, { decision: 'confirm' }), 200);
    expect(confirmed.assignments.map((item) => [item.unitId, item.role])).toEqual([[world.units.township.id, 'lead']]);
    expect(await routing(caseId)).toMatchObject({ status: 'confirmed', finalLeadUnitId: world.units.township.id });
    const events = expectStatus<{ items: { type: string }[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/events`), 200).items.map((item) => item.type);
    expect(events).toContain('routing.confirmed');
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/routing`, { decision: 'confirm' })), 409, 'already_done');
    expect((await entryFor('transport', world.units.township.id)).counts).toMatchObject({ proposed: 1, confirmed: 1, changed: 0 });

    // The township says the road is the county's; the office reroutes: both count against the entry.
    const assignmentId = confirmed.assignments[0]?.id ?? '';
    expectStatus(await post(world, 'unit_officer', `/api/v1/cases/${caseId}/assignments/${assignmentId}/object`, { reason: '县道信号灯由县交通运输局负责。' }), 200);
    expectStatus(await post(world, 'coordinator', `/api/v1/cases/${caseId}/assignments/${assignmentId}/reroute`, { unitId: world.units.department.id }), 200);
    expect((await entryFor('transport', world.units.township.id)).counts).toMatchObject({ objections: 1, reroutes: 1 });

    const report = expectStatus<{ entries: (Entry & { misroutings: number })[] }>(await get(world, 'leader', '/api/v1/reports/catalogue'), 200);
    expect(report.entries[0]).toMatchObject({ id: entry.id, misroutings: 2 });
    expectError(await get(world, 'unit_officer', '/api/v1/reports/catalogue'), 403, 'forbidden');
  });

  it('proposes the county-wide entry where the area has none, and the office changes it', async () => {
    // A wage claim from 城关镇: the catalogue has no 城关镇 entry for wages, so the county's (县人社局) stands.
    const receipt = await submit(world, petition({ title: '东街工地欠薪' }));
    const caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id;
    const county = await entryFor('wage-arrears', null);
    expect(await routing(caseId)).toMatchObject({ entryId: county.id, areaUnitId: world.units.township.id, leadUnitId: world.units.department.id, status: 'proposed' });
    expectError(await withoutWrites(world, () => post(world, 'coordinator', `/api/v1/cases/${caseId}/routing`, { decision: 'change', leadUnitId: 'no-such-unit' })), 400, 'validation_failed', 'leadUnitId');
    const changed = expectStatus<Detail>(
      await post(world, 'coordinator', `/api/v1/cases/${caseId}/routing`, { decision: 'change', leadUnitId: world.units.township.id, assistingUnitIds: [world.units.department.id] }),
      200,
    );
    expect(changed.assignments.map((item) => [item.unitId, item.role]).sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      [world.units.department.id, 'assisting'],
      [world.units.township.id, 'lead'],
    ]);
    expect(await routing(caseId)).toMatchObject({ status: 'changed', finalLeadUnitId: world.units.township.id });
    expect((await entryFor('wage-arrears', null)).counts).toMatchObject({ proposed: 1, changed: 1, confirmed: 0 });
  });

  it('proposes at the counter too, for the area the clerk names, and nothing where the catalogue has no entry', async () => {
    const atCounter = await openCaseId(world, letter({ category: 'transport', areaUnitId: world.units.township.id }));
    expect(await routing(atCounter)).toMatchObject({ leadUnitId: world.units.township.id, areaUnitId: world.units.township.id });
    const nowhere = await openCaseId(world, letter({ category: 'transport', location: 'somewhere else' }));
    expect(await routing(nowhere)).toBeNull();
    expectError(await withoutWrites(world, () => post(world, 'coordinator', '/api/v1/cases', letter({ areaUnitId: 'no-such-unit' }))), 400, 'validation_failed', 'areaUnitId');
  });

  it('proposes for an Open311 request too, by the area its address names, and the office confirms it', async () => {
    const { key } = await createOpen311Key(world.ctx, { actor: null, name: 'City app' });
    const payload = new URLSearchParams({ api_key: key, service_code: 'transport', address_string: '城关镇南街路口', description: 'The traffic light at the south street crossing has been dark for a week.' }).toString();
    const response = await world.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, payload });
    expect(response.statusCode, response.body).toBe(201);
    const reference = response.json<{ service_request_id: string }[]>()[0]?.service_request_id ?? '';
    const caseId = (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
    const entry = await entryFor('transport', world.units.township.id);
    expect(await routing(caseId)).toMatchObject({ entryId: entry.id, areaUnitId: world.units.township.id, leadUnitId: world.units.township.id, status: 'proposed' });
    const confirmed = expectStatus<Detail>(await post(world, 'coordinator', `/api/v1/cases/${caseId}/routing`, { decision: 'confirm' }), 200);
    expect(confirmed.assignments.map((item) => [item.unitId, item.role])).toEqual([[world.units.township.id, 'lead']]);
  });

  it('edits one entry without republishing, audited; a deactivated or unknown unit is a 400 naming the field, nothing written', async () => {
    const entry = await entryFor('wage-arrears', null);
    const url = `/api/v1/catalogue/${entry.id}`;
    const patch = (who: Parameters<ApiWorld['as']>[0], payload: object) => world.as(who, { method: 'PATCH', url, payload });
    const closed = expectStatus<{ id: string }>(await post(world, 'admin', '/api/v1/units', { name: '县拆迁办', nameEn: 'Demolition office', kind: 'department' }), 201);
    expectStatus(await post(world, 'admin', `/api/v1/units/${closed.id}/deactivate`), 200);

    const inactive = expectError(await withoutWrites(world, () => patch('admin', { leadUnitId: closed.id })), 400, 'validation_failed', 'leadUnitId');
    expect(inactive.details).toEqual({ problems: [{ field: 'leadUnitId', code: 'inactive_unit', params: { name: '县拆迁办' } }] });
    expectError(await withoutWrites(world, () => patch('admin', { assistingUnitIds: [world.units.township.id, closed.id] })), 400, 'validation_failed', 'assistingUnitIds[1]');
    expectError(await withoutWrites(world, () => patch('admin', { leadUnitId: 'no-such-unit' })), 400, 'validation_failed', 'leadUnitId');
    expectError(await withoutWrites(world, () => patch('admin', { assistingUnitIds: [world.units.department.id] })), 400, 'validation_failed', 'assistingUnitIds[0]');
    expectError(await withoutWrites(world, () => patch('admin', {})), 400, 'validation_failed');
    expectError(await withoutWrites(world, () => patch('coordinator', { leadUnitId: world.units.township.id })), 403, 'forbidden');
    expect(await entryFor('wage-arrears', null)).toEqual(entry);

    const plansBefore = await world.ctx.db.selectFrom('plans').select('id').execute();
    const edited = expectStatus<Entry>(await patch('admin', { leadUnitId: world.units.township.id, assistingUnitIds: [world.units.department.id] }), 200);
    expect(edited).toMatchObject({ leadUnitId: world.units.township.id, assistingUnitIds: [world.units.department.id], counts: entry.counts });
    expect(edited.editedAt).not.toBeNull();
    expect(await world.ctx.db.selectFrom('plans').select('id').execute()).toEqual(plansBefore);
    const audit = await world.ctx.db.selectFrom('audit_entries').select(['action', 'detail']).where('subject_id', '=', entry.id).execute();
    expect(audit.map((row) => row.action)).toEqual(['catalogue.update']);
    // The next wage claim gets the edited entry's proposal.
    const next = await openCaseId(world, letter());
    expect(await routing(next)).toMatchObject({ entryId: entry.id, leadUnitId: world.units.township.id, assistingUnitIds: [world.units.department.id] });
  });

  it('refuses a plan whose catalogue names a deactivated unit, an unknown category, or an entry twice', async () => {
    const yaml = { 'content-type': 'application/yaml' };
    const source = (await import('node:fs')).readFileSync('plans/county-major-urgent.yaml', 'utf8').replace(/^key: county-major-urgent$/m, 'key: catalogue-test');
    const withCatalogue = (lines: string[]) => source.replace(/^catalogue:\n( {2}- .*\n)+/m, `catalogue:\n${lines.map((line) => `  - ${line}\n`).join('')}`);
    const refused = async (lines: string[], field: string, code: string) => {
      const response = await withoutWrites(world, () => world.as('admin', { method: 'POST', url: '/api/v1/plans', headers: yaml, payload: withCatalogue(lines) }));
      const error = expectError(response, 400, 'invalid_plan', field);
      expect((error.details as { problems: { path: string; code: string }[] }).problems[0]).toMatchObject({ path: field, code });
    };
    await refused(['{category: wage-arrears, lead: 县拆迁办}'], 'catalogue[0].lead', 'inactive_unit');
    await refused(['{category: weather, lead: 县人社局}'], 'catalogue[0].category', 'unknown_category');
    await refused(['{category: wage-arrears, lead: 县人社局}', '{category: wage-arrears, lead: 城关镇}'], 'catalogue[1]', 'duplicate_catalogue_entry');
    const good = withCatalogue(['{category: wage-arrears, area: 城关镇, lead: 城关镇, assisting: [县人社局]}']);
    expectStatus(await world.as('admin', { method: 'POST', url: '/api/v1/plans', headers: yaml, payload: good }), 201);
  });

  it('saves a plan naming a unit the tree lacks, shows that entry waiting beside the plan, and takes it up when the unit is added', async () => {
    type Waiting = { path: string; code: string; params: { name: string } };
    const waitingOf = async () => expectStatus<{ catalogueWaiting: Waiting[] }>(await get(world, 'admin', `/api/v1/plans/${world.planId}`), 200).catalogueWaiting;
    // The built-in plan is the demo county's: its housing entry names 县住建局, which this county has not added.
    expect(await waitingOf()).toContainEqual(expect.objectContaining({ code: 'unknown_unit', params: { name: '县住建局' } }));
    // A copy of it saves as a draft (a county starting from the built-in plan), the same entries listed as waiting.
    const builtin = expectStatus<{ document: object }>(await get(world, 'admin', `/api/v1/plans/${world.planId}`), 200).document;
    const draft = expectStatus<{ status: string; catalogueWaiting: Waiting[] }>(await post(world, 'admin', '/api/v1/plans', builtin), 201);
    expect(draft.status).toBe('draft');
    expect(draft.catalogueWaiting.map((item) => item.params.name)).toContain('县住建局');
    expect((await catalogue()).some((item) => item.category === 'housing')).toBe(false);
    const unit = expectStatus<{ id: string }>(await post(world, 'admin', '/api/v1/units', { name: '县住建局', kind: 'department' }), 201);
    expect(await entryFor('housing', null)).toMatchObject({ leadUnitId: unit.id, active: true });
    expect((await waitingOf()).map((item) => item.params.name)).not.toContain('县住建局');
  });
});
