import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../test/api.js';
import { databaseKinds } from '../../../test/databases.js';
import { assignId, expectError, letter, openCaseId } from '../../../test/requests.js';
import { password } from '../../../test/world.js';
import { buildApp } from '../app.js';
import { docsPolicy } from './security.js';

const home = 'http://localhost:80';
/** A sibling origin: another port on another host name of the same machine, as in the report. */
const sibling = 'http://127.0.0.1:9999';

describe.each(databaseKinds)('cross-site requests on %s', (kind) => {
  let world: ApiWorld;
  let cookie: string;
  let caseId: string;
  let assignmentId: string;

  /** A request as the signed-in unit officer's browser would send it: with the session cookie only. */
  const browser = (options: InjectOptions) =>
    world.app.inject({ ...options, headers: { host: 'localhost:80', cookie, ...(options.headers ?? {}) } });
  const acknowledgeUrl = () => `/api/v1/cases/${caseId}/assignments/${assignmentId}/acknowledge`;
  const acknowledged = async () => {
    const row = await world.ctx.db.selectFrom('assignments').select('acknowledged_at').where('id', '=', assignmentId).executeTakeFirstOrThrow();
    return row.acknowledged_at !== null;
  };

  beforeAll(async () => {
    world = await buildApiWorld(kind);
    const login = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: 'localhost:80', origin: home, 'sec-fetch-site': 'same-origin' },
      payload: { email: world.users.unit_officer.email, password },
    });
    expectStatus(login, 200);
    const setCookie = login.cookies.find((item) => item.name === 'redress_session');
    cookie = `redress_session=${setCookie?.value ?? ''}`;
    caseId = await openCaseId(world, letter());
    assignmentId = await assignId(world, caseId, world.units.township.id);
  });
  afterAll(() => world.dispose());

  it('refuses the reported attack: a text/plain form from a sibling origin acknowledging an assignment', async () => {
    const response = await browser({
      method: 'POST',
      url: acknowledgeUrl(),
      headers: { origin: sibling, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      payload: 'x=1',
    });
    expectError(response, 403, 'cross_site_request');
    expect(await acknowledged()).toBe(false);
  });

  it('refuses it from a browser that sends only Origin, and from a sandboxed page (Origin: null)', async () => {
    for (const origin of [sibling, 'null', 'http://localhost:8081']) {
      const response = await browser({ method: 'POST', url: acknowledgeUrl(), headers: { origin } });
      expectError(response, 403, 'cross_site_request');
    }
    // Another port of the same host is the same site but not the same origin: refused as well.
    expectError(await browser({ method: 'POST', url: acknowledgeUrl(), headers: { 'sec-fetch-site': 'same-site' } }), 403, 'cross_site_request');
    expect(await acknowledged()).toBe(false);
  });

  it('refuses a form or plain-text body even from this origin: the JSON API takes JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await browser({
        method: 'POST',
        url: acknowledgeUrl(),
        headers: { origin: home, 'sec-fetch-site': 'same-origin', 'content-type': type },
        payload: 'x=1',
      });
      expectError(response, 415, 'unsupported_media_type');
    }
    expect(await acknowledged()).toBe(false);
  });

  it('refuses signing in from another site', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: 'localhost:80', origin: sibling, 'sec-fetch-site': 'cross-site' },
      payload: { email: world.users.unit_officer.email, password },
    });
    expectError(response, 403, 'cross_site_request');
  });

  it('lets the app itself through, and bearer-token clients whatever page they name', async () => {
    // A bearer token is never sent by a browser on its own, so Origin says nothing about it.
    const viaToken = await world.as('coordinator', { method: 'GET', url: `/api/v1/cases/${caseId}` });
    expectStatus(viaToken, 200);
    const byOtherTool = await world.as('coordinator', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/notes`,
      headers: { origin: sibling, 'sec-fetch-site': 'cross-site' },
      payload: { body: 'Called the township.' },
    });
    expect(byOtherTool.statusCode).toBe(201);

    const fromApp = await browser({ method: 'POST', url: acknowledgeUrl(), headers: { origin: home, 'sec-fetch-site': 'same-origin' } });
    expectStatus(fromApp, 200);
    expect(await acknowledged()).toBe(true);
  });

  it('keeps reading across sites: a cross-site GET is not refused (it changes nothing)', async () => {
    const response = await browser({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(response.statusCode).toBe(200);
  });
});

function expectSafeHeaders(response: LightMyRequestResponse, what: string) {
  expect(response.headers['content-security-policy'], what).toMatch(/frame-ancestors 'none'/);
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
  expect(response.headers['referrer-policy'], what).toMatch(/same-origin|no-referrer/);
  expect(response.headers['x-frame-options'], what).toBe('DENY');
}

describe.each(databaseKinds)('security headers on %s', (kind) => {
  let world: ApiWorld;
  let proxied: FastifyInstance;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    proxied = await buildApp({ ctx: world.ctx, webRoot: null, trustProxy: true });
  });
  afterAll(async () => {
    await proxied.close();
    await world.dispose();
  });

  it('are on every kind of response: JSON, errors, the docs, the printable report and the portal', async () => {
    const json = await world.as('coordinator', { method: 'GET', url: '/api/v1/cases' });
    expectSafeHeaders(json, 'JSON');
    expect(json.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expectSafeHeaders(await world.as('anonymous', { method: 'GET', url: '/api/v1/cases' }), '401');
    expectSafeHeaders(await world.as('anonymous', { method: 'GET', url: '/no/such/page' }), '404');
    expectSafeHeaders(await world.as('anonymous', { method: 'GET', url: '/health' }), 'health');

    const docs = await world.as('anonymous', { method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expectSafeHeaders(docs, 'docs');
    expect(docs.headers['content-security-policy']).toBe(docsPolicy);

    const report = await world.as('coordinator', { method: 'GET', url: '/reports/accountability?from=2026-10-01&to=2026-11-01' });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toMatch(/^text\/html/);
    expectSafeHeaders(report, 'report');
    expect(report.headers['content-security-policy']).not.toMatch(/script-src/);

    const portal = await world.as('anonymous', { method: 'GET', url: '/petition' });
    expectSafeHeaders(portal, 'portal');
    // The portal keeps its own, stricter policy.
    expect(portal.headers['content-security-policy']).toMatch(/style-src 'self'; img-src 'self'; form-action 'self'/);
  });

  it('send HSTS only over HTTPS, as a trusted proxy reports it', async () => {
    const plain = await proxied.inject({ method: 'GET', url: '/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await proxied.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    // An untrusted client cannot claim HTTPS (nor pin anything) by sending the header itself.
    const spoofed = await world.as('anonymous', { method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('serve /api/docs unless the operator turns it off', async () => {
    const off = await buildApp({ ctx: world.ctx, webRoot: null, apiDocs: false });
    try {
      expect((await off.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(404);
      expect((await off.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    } finally {
      await off.close();
    }
  });
});
