import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { minutes } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import { expectError, get, letter, post, withoutWrites } from '../../../../test/requests.js';
import { builtinPlanPath } from '../../../paths.js';

interface PlanView {
  id: string;
  key: string;
  version: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
  document: Record<string, unknown>;
}

interface CaseView {
  id: string;
  planId: string;
  completedSteps: { id: string }[];
}

interface Checklist {
  planId: string;
  stages: { stage: string; name: { zh?: string; en?: string }; steps: { id: string; text: { en?: string } }[] }[];
}

const builtinSource = readFileSync(builtinPlanPath(), 'utf8');
const key = 'test-county-plan';
/**
 * The built-in plan under a key of its own, as a county would start writing theirs; without the
 * routing catalogue, which names the demo county's units (this test county has only some of them).
 */
const source = builtinSource.replace(/^key: county-major-urgent$/m, `key: ${key}`).replace(/^catalogue:\n( {2}- .*\n)+/m, '');
const firstStepText = 'The responsible units carry out the measures in the decision.';

describe.each(databaseKinds)('plans over the API on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  const importYaml = (yamlText: string) =>
    world.as('admin', { method: 'POST', url: '/api/v1/plans', headers: { 'content-type': 'application/yaml' }, payload: yamlText });

  it('imports YAML as a draft, a new version each time, exports it back, and publishes once', async () => {
    expect(source).not.toBe(builtinSource);
    const first = expectStatus<PlanView>(await importYaml(source), 201);
    expect(first).toMatchObject({ key, version: 1, status: 'draft', publishedAt: null });
    const second = expectStatus<PlanView>(await importYaml(source), 201);
    expect(second).toMatchObject({ key, version: 2, status: 'draft' });
    expect(second.id).not.toBe(first.id);

    const exported = await world.as('coordinator', { method: 'GET', url: `/api/v1/plans/${first.id}`, headers: { accept: 'application/yaml' } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/yaml/);
    const asJson = expectStatus<PlanView>(await get(world, 'coordinator', `/api/v1/plans/${first.id}`), 200);
    expect(parse(exported.body)).toEqual(asJson.document);
    expect(parse(exported.body)).toEqual(parse(source));

    const published = expectStatus<PlanView>(await post(world, 'admin', `/api/v1/plans/${first.id}/publish`), 200);
    expect(published).toMatchObject({ id: first.id, status: 'published', publishedAt: world.time.now() });
    const again = await withoutWrites(world, () => post(world, 'admin', `/api/v1/plans/${first.id}/publish`));
    expectError(again, 409, 'plan_published');

    const edit = () =>
      world.as('admin', {
        method: 'PUT',
        url: `/api/v1/plans/${first.id}`,
        headers: { 'content-type': 'application/yaml' },
        payload: source.replace(firstStepText, 'Changed after publication.'),
      });
    expectError(await withoutWrites(world, edit), 409, 'plan_published');
    const unchanged = expectStatus<PlanView>(await get(world, 'admin', `/api/v1/plans/${first.id}`), 200);
    expect(unchanged.document).toEqual(asJson.document);

    const listed = expectStatus<{ items: PlanView[] }>(await get(world, 'auditor', '/api/v1/plans'), 200);
    const versions = listed.items.filter((item) => item.key === key).map((item) => [item.version, item.status]);
    expect(versions).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
  });

  it('refuses a plan missing a stage, naming the stage and the line', async () => {
    const lines = source.split('\n');
    const decision = lines.indexOf('  - key: decision');
    const resolution = lines.indexOf('  - key: resolution');
    expect(decision).toBeGreaterThan(0);
    const missing = [...lines.slice(0, decision), ...lines.slice(resolution)].join('\n');
    const error = expectError(await withoutWrites(world, () => importYaml(missing)), 400, 'invalid_plan', 'stages');
    expect(error.message).toMatch(/missing stage "decision"/);
    const { problems } = error.details as { problems: { path: string; line: number; message: string }[] };
    expect(problems).toHaveLength(1);
    // Reported where the list of stages begins.
    expect(problems[0]).toEqual({ path: 'stages', line: lines.indexOf('  - key: prevention') + 1, code: 'missing_stage', params: { stage: 'decision' }, message: 'missing stage "decision"' });
  });

  it('refuses text that is not YAML, with the line of the mistake', async () => {
    const broken = source.replace('deadlines:', 'deadlines: [unclosed');
    const error = expectError(await withoutWrites(world, () => importYaml(broken)), 400, 'invalid_plan');
    const { problems } = error.details as { problems: { line: number }[] };
    expect(problems[0]?.line).toBeGreaterThanOrEqual(builtinSource.split('\n').findIndex((line) => line.startsWith('deadlines:')) + 1);
  });

  it('pins a case to the published version it opened under, and refuses a draft', async () => {
    world.time.advance(minutes(5));
    const v1 = expectStatus<PlanView>(await importYaml(source), 201);
    expectStatus(await post(world, 'admin', `/api/v1/plans/${v1.id}/publish`), 200);
    const pinned = expectStatus<CaseView>(await post(world, 'coordinator', '/api/v1/cases', letter({ planId: v1.id })), 201);
    expect(pinned.planId).toBe(v1.id);

    // A newer version with a different checklist is published after the case was opened.
    world.time.advance(minutes(5));
    const changed = source.replace(firstStepText, 'Carry out the decision, version two.');
    const v2 = expectStatus<PlanView>(await importYaml(changed), 201);
    const draftCase = () => post(world, 'coordinator', '/api/v1/cases', letter({ planId: v2.id }));
    expectError(await withoutWrites(world, draftCase), 400, 'validation_failed', 'planId');
    expectStatus(await post(world, 'admin', `/api/v1/plans/${v2.id}/publish`), 200);

    const later = expectStatus<CaseView>(await get(world, 'coordinator', `/api/v1/cases/${pinned.id}`), 200);
    expect(later.planId).toBe(v1.id);
    // The checklist comes once per plan version, by the id the case names.
    const checklist = async (view: CaseView) => expectStatus<Checklist>(await get(world, 'coordinator', `/api/v1/plans/${view.planId}/checklist`), 200);
    const step = async (view: CaseView) => (await checklist(view)).stages.find((stage) => stage.stage === 'resolution')?.steps[0]?.text.en;
    expect(await step(later)).toBe(firstStepText);
    // New cases open under the newest published version.
    const fresh = expectStatus<CaseView>(await post(world, 'coordinator', '/api/v1/cases', letter()), 201);
    expect(fresh.planId).toBe(v2.id);
    expect(await step(fresh)).toBe('Carry out the decision, version two.');
  });

  it("sends a version's checklist with an ETag, 304 to a client that holds it, and no text inside a case", async () => {
    const opened = expectStatus<CaseView & Record<string, unknown>>(await post(world, 'coordinator', '/api/v1/cases', letter()), 201);
    expect(opened).not.toHaveProperty('checklist');
    expect(opened.completedSteps).toEqual([]);
    const url = `/api/v1/plans/${opened.planId}/checklist`;
    const first = await get(world, 'unit_officer', url);
    const checklist = expectStatus<Checklist>(first, 200);
    expect(checklist.planId).toBe(opened.planId);
    expect(checklist.stages.map((stage) => stage.stage)).toEqual(['prevention', 'reception', 'decision', 'resolution']);
    expect(checklist.stages.find((stage) => stage.stage === 'reception')?.steps[0]?.id).toBe('reception.receive-and-listen');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    // A published version never changes: the client may keep it for good.
    expect(first.headers['cache-control']).toBe('private, max-age=31536000, immutable');

    const again = await world.as('leader', { method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await world.as('leader', { method: 'GET', url, headers: { 'if-none-match': '"something-else"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.headers.etag).toBe(etag);

    // A draft may still change: its tag follows its text, and it is revalidated every time.
    const draft = expectStatus<PlanView>(await importYaml(source), 201);
    const draftUrl = `/api/v1/plans/${draft.id}/checklist`;
    const before = await get(world, 'admin', draftUrl);
    expect(before.headers['cache-control']).toBe('private, no-cache');
    const edited = source.replace(firstStepText, 'Changed in the draft.');
    expectStatus(await world.as('admin', { method: 'PUT', url: `/api/v1/plans/${draft.id}`, headers: { 'content-type': 'application/yaml' }, payload: edited }), 200);
    const after = await world.as('admin', { method: 'GET', url: draftUrl, headers: { 'if-none-match': String(before.headers.etag) } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(expectStatus<Checklist>(after, 200).stages.find((stage) => stage.stage === 'resolution')?.steps[0]?.text.en).toBe('Changed in the draft.');

    expectError(await get(world, 'coordinator', '/api/v1/plans/no-such-plan/checklist'), 404, 'not_found');
    expect((await world.as('anonymous', { method: 'GET', url })).statusCode).toBe(401);
  });

  it('answers 404 for a plan that does not exist', async () => {
    expectError(await get(world, 'admin', '/api/v1/plans/no-such-plan'), 404, 'not_found');
    expectError(await withoutWrites(world, () => post(world, 'admin', '/api/v1/plans/no-such-plan/publish')), 404, 'not_found');
  });

  it('serves the health check, the OpenAPI document and the API docs', async () => {
    const health = await world.as('anonymous', { method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });

    const openapi = expectStatus<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      await world.as('anonymous', { method: 'GET', url: '/api/openapi.json' }),
      200,
    );
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths['/api/v1/cases'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(openapi.paths['/api/v1/cases/{id}/transitions']).toHaveProperty('post');
    expect(openapi.paths['/api/v1/plans/{id}/publish']).toHaveProperty('post');

    let docs = await world.as('anonymous', { method: 'GET', url: '/api/docs' });
    if (docs.statusCode >= 300 && docs.statusCode < 400) {
      const location = String(docs.headers.location);
      expect(location).toMatch(/^(\/api\/docs|\.\/|docs\/)/);
      docs = await world.as('anonymous', { method: 'GET', url: new URL(location, 'http://localhost/api/docs').pathname });
    }
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });
});
