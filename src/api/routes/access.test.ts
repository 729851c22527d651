import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../test/api.js';
import { databaseKinds } from '../../../test/databases.js';
import { assignId, collectiveVisit, expectError, get, openCaseId, post, withoutWrites, type Who } from '../../../test/requests.js';
import { password } from '../../../test/world.js';

interface Route {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  /** A body the route accepts, so only the missing login can be wrong. */
  body?: object;
}

describe.each(databaseKinds)('who may call what on %s', (kind) => {
  let world: ApiWorld;
  let caseId: string;
  let assignmentId: string;
  let draftPlanId: string;
  let planDocument: Record<string, unknown>;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    caseId = await openCaseId(world);
    assignmentId = await assignId(world, caseId, world.units.township.id);
    const builtin = expectStatus<{ document: Record<string, unknown> }>(await get(world, 'admin', `/api/v1/plans/${world.planId}`), 200);
    planDocument = builtin.document;
    const draft = expectStatus<{ id: string }>(await post(world, 'admin', '/api/v1/plans', planDocument), 201);
    draftPlanId = draft.id;
  });
  afterAll(() => world.dispose());

  const send = (who: Who, route: Route, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    world.as(who, { method: route.method, url: route.url, headers, ...(route.body ? { payload: route.body } : {}) });

  /** Every route of the contract that needs a login, each with a body it would accept. */
  const loginRoutes = (): Route[] => {
    const c = `/api/v1/cases/${caseId}`;
    return [
      { method: 'GET', url: '/api/v1/auth/me' },
      { method: 'GET', url: '/api/v1/units' },
      { method: 'POST', url: '/api/v1/units', body: { name: '东关镇', kind: 'township' } },
      { method: 'GET', url: '/api/v1/users' },
      { method: 'POST', url: '/api/v1/users', body: { email: 'new@county.test', name: 'New', role: 'auditor', password } },
      { method: 'GET', url: '/api/v1/plans' },
      { method: 'POST', url: '/api/v1/plans', body: { key: 'any' } },
      { method: 'GET', url: `/api/v1/plans/${world.planId}` },
      { method: 'PUT', url: `/api/v1/plans/${draftPlanId}`, body: { key: 'any' } },
      { method: 'POST', url: `/api/v1/plans/${draftPlanId}/publish` },
      { method: 'GET', url: '/api/v1/cases' },
      { method: 'POST', url: '/api/v1/cases', body: collectiveVisit() },
      { method: 'GET', url: c },
      { method: 'GET', url: `${c}/events` },
      { method: 'POST', url: `${c}/transitions`, body: { to: 'decision' } },
      { method: 'POST', url: `${c}/assignments`, body: { unitId: world.units.department.id, role: 'assisting' } },
      { method: 'POST', url: `${c}/assignments/${assignmentId}/acknowledge` },
      { method: 'POST', url: `${c}/assignments/${assignmentId}/arrive` },
      { method: 'POST', url: `${c}/notes`, body: { body: 'A note.' } },
      { method: 'POST', url: `${c}/meetings`, body: { heldAt: world.time.now(), attendees: 'Office', summary: 'Met.' } },
      { method: 'POST', url: `${c}/answers`, body: { body: 'The answer.' } },
      { method: 'POST', url: `${c}/steps/reception.receive-and-listen/done` },
    ];
  };

  it('answers 401 unauthenticated to every route without a login, and writes nothing', async () => {
    for (const route of loginRoutes()) {
      const response = await withoutWrites(world, () => send('anonymous', route));
      expectError(response, 401, 'unauthenticated');
    }
  });

  it('answers 401 to a bearer token it never issued, and to a session cookie it never issued', async () => {
    const bogus = { authorization: 'Bearer rt_not-a-token-we-gave-out' };
    expectError(await send('anonymous', { method: 'GET', url: '/api/v1/cases' }, bogus), 401, 'unauthenticated');
    const cookie = { cookie: 'redress_session=rs_not-a-session' };
    expectError(await send('anonymous', { method: 'GET', url: '/api/v1/cases' }, cookie), 401, 'unauthenticated');
  });

  it('answers 401, not 400, to an anonymous caller with a bad body: authentication comes first', async () => {
    const c = `/api/v1/cases/${caseId}`;
    for (const url of ['/api/v1/units', '/api/v1/users', '/api/v1/cases', `${c}/transitions`, `${c}/notes`, `${c}/answers`]) {
      expectError(await withoutWrites(world, () => post(world, 'anonymous', url, {})), 401, 'unauthenticated');
    }
  });

  it('answers 403 forbidden to roles without the permission, and writes nothing', async () => {
    const c = `/api/v1/cases/${caseId}`;
    const denied: [Who, Route][] = [
      ['auditor', { method: 'POST', url: '/api/v1/cases', body: collectiveVisit() }],
      ['unit_officer', { method: 'POST', url: '/api/v1/units', body: { name: '东关镇', kind: 'township' } }],
      ['coordinator', { method: 'POST', url: '/api/v1/users', body: { email: 'x@county.test', name: 'X', role: 'admin', password } }],
      ['unit_officer', { method: 'GET', url: '/api/v1/users' }],
      ['coordinator', { method: 'POST', url: '/api/v1/plans', body: { key: 'any' } }],
      ['coordinator', { method: 'POST', url: `/api/v1/plans/${draftPlanId}/publish` }],
      ['leader', { method: 'POST', url: `${c}/answers`, body: { body: 'The answer.' } }],
      ['leader', { method: 'POST', url: `${c}/assignments`, body: { unitId: world.units.department.id, role: 'assisting' } }],
      ['auditor', { method: 'POST', url: `${c}/transitions`, body: { to: 'not_accepted', reason: 'No.' } }],
      ['auditor', { method: 'POST', url: `${c}/notes`, body: { body: 'A note.' } }],
      ['auditor', { method: 'POST', url: `${c}/steps/reception.receive-and-listen/done` }],
      ['auditor', { method: 'POST', url: `${c}/assignments/${assignmentId}/acknowledge` }],
    ];
    for (const [who, route] of denied) {
      const response = await withoutWrites(world, () => send(who, route));
      expect(`${who} ${route.method} ${route.url} → ${response.statusCode}`).toBe(`${who} ${route.method} ${route.url} → 403`);
      expectError(response, 403, 'forbidden');
    }
  });

  it('answers 400 naming the field to an invalid body or path on each POST route', async () => {
    const c = `/api/v1/cases/${caseId}`;
    const invalid: [Route, string, string][] = [
      [{ method: 'POST', url: '/api/v1/units', body: { name: 'X', kind: 'castle' } }, 'validation_failed', 'kind'],
      [{ method: 'POST', url: '/api/v1/users', body: { email: 'y@county.test', name: 'Y', role: 'auditor', password: 'short' } }, 'validation_failed', 'password'],
      [{ method: 'POST', url: '/api/v1/plans', body: { ...planDocument, key: 'Not a slug!' } }, 'invalid_plan', 'key'],
      [{ method: 'POST', url: `/api/v1/plans/${'x'.repeat(65)}/publish` }, 'validation_failed', 'id'],
      [{ method: 'POST', url: '/api/v1/cases', body: collectiveVisit({ kind: 'group' }) }, 'validation_failed', 'kind'],
      [{ method: 'POST', url: `${c}/transitions`, body: {} }, 'validation_failed', 'to'],
      [{ method: 'POST', url: `${c}/assignments`, body: { unitId: world.units.department.id, role: 'boss' } }, 'validation_failed', 'role'],
      [{ method: 'POST', url: `${c}/assignments`, body: { unitId: randomUUID(), role: 'assisting' } }, 'validation_failed', 'unitId'],
      [{ method: 'POST', url: `${c}/assignments/${assignmentId}/dance` }, 'validation_failed', 'action'],
      [{ method: 'POST', url: `${c}/notes`, body: { body: '' } }, 'validation_failed', 'body'],
      [{ method: 'POST', url: `${c}/meetings`, body: { heldAt: 'yesterday', attendees: 'A', summary: 'S' } }, 'validation_failed', 'heldAt'],
      [{ method: 'POST', url: `${c}/meetings`, body: { heldAt: world.time.now(), summary: 'S' } }, 'validation_failed', 'attendees'],
      [{ method: 'POST', url: `${c}/answers`, body: {} }, 'validation_failed', 'body'],
      [{ method: 'POST', url: `/api/v1/cases/${'c'.repeat(65)}/steps/reception.receive-and-listen/done` }, 'validation_failed', 'id'],
      [{ method: 'POST', url: '/api/v1/auth/login', body: { email: 'admin@county.test' } }, 'validation_failed', 'password'],
    ];
    for (const [route, code, field] of invalid) {
      const response = await withoutWrites(world, () => send('admin', route));
      expect(`${route.url} → ${response.statusCode} ${String(response.json().error?.field)}`).toBe(`${route.url} → 400 ${field}`);
      expectError(response, 400, code, field);
    }
  });

  it('answers a URL the router cannot take apart in our error shape too', async () => {
    const tooLong = `/api/v1/cases/${caseId}/steps/${'s'.repeat(101)}/done`;
    expectError(await withoutWrites(world, () => send('admin', { method: 'POST', url: tooLong })), 414, 'uri_too_long');
    expectError(await get(world, 'admin', `/api/v1/cases/${'c'.repeat(101)}`), 414, 'uri_too_long');
    expectError(await get(world, 'admin', '/api/v1/cases/%E0%A4%A'), 400, 'bad_request');
  });

  describe('signing in', () => {
    const login = (email: string, secret: string) =>
      world.as('anonymous', { method: 'POST', url: '/api/v1/auth/login', payload: { email, password: secret } });
    const withCookie = (url: string, token: string, method: 'GET' | 'POST' = 'GET') =>
      world.as('anonymous', { method, url, cookies: { redress_session: token } });

    it('sets a session cookie that works until logout', async () => {
      const response = await login('Coordinator@County.test', password);
      const body = expectStatus<{ user: { id: string } }>(response, 200);
      expect(body.user.id).toBe(world.users.coordinator.id);
      const cookie = response.cookies.find((item) => item.name === 'redress_session');
      expect(cookie?.value).toMatch(/[\w-]{40}/);
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.path).toBe('/');
      const token = cookie?.value ?? '';

      const me = expectStatus<{ user: { email: string; role: string }; abilities: Record<string, boolean> }>(await withCookie('/api/v1/auth/me', token), 200);
      expect(me.user).toMatchObject({ email: 'coordinator@county.test', role: 'coordinator' });
      // What the app's navigation offers comes with the session: the office opens the queue and the dashboard, not the audit log.
      expect(me.abilities).toMatchObject({ 'case.list': true, 'case.create': true, 'report.read': true, 'audit.read': false, 'user.update': false });
      expectStatus(await withCookie('/api/v1/cases', token), 200);

      expect((await withCookie('/api/v1/auth/logout', token, 'POST')).statusCode).toBe(204);
      expectError(await withCookie('/api/v1/auth/me', token), 401, 'unauthenticated');
      expectError(await withCookie('/api/v1/cases', token), 401, 'unauthenticated');
    });

    it('gives the same 401 to a wrong password and an unknown email, and no cookie', async () => {
      const wrong = await login('coordinator@county.test', 'not the password');
      const unknown = await login('nobody@county.test', password);
      expectError(wrong, 401, 'invalid_credentials');
      expectError(unknown, 401, 'invalid_credentials');
      expect(unknown.body).toBe(wrong.body);
      expect(wrong.cookies).toEqual([]);
      expect(unknown.cookies).toEqual([]);
    });
  });
});
