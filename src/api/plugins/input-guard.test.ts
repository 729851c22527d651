import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiWorld } from '../../../test/api.js';
import { databaseKinds } from '../../../test/databases.js';
import { buildPublicWorld, form, petition } from '../../../test/public.js';
import { expectError, get, withoutWrites } from '../../../test/requests.js';
import { buildCase, password } from '../../../test/world.js';
import { createOpen311Key } from '../../commands/public/open311-keys.js';

/** Bad input that used to reach the database or a serialiser: each must be a 400 naming what is wrong. */
describe.each(databaseKinds)('bad input on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
  });
  afterAll(() => world.dispose());

  const json = (url: string, payload: unknown) =>
    world.as('anonymous', { method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  it('refuses a NUL character in a JSON field, naming the field, and writes nothing', async () => {
    const title = await withoutWrites(world, () => json('/public/v1/petitions', petition({ title: 'a\u0000b' })));
    expect(expectError(title, 400, 'validation_failed', 'title').message).toMatch(/NUL/);
    const nested = await withoutWrites(world, () => json('/public/v1/petitions', petition({ petitioner: { name: '王\u0000五' } })));
    expectError(nested, 400, 'validation_failed', 'petitioner.name');
    const staff = await withoutWrites(world, () =>
      world.as('coordinator', {
        method: 'POST',
        url: '/api/v1/cases',
        payload: { kind: 'individual', channel: 'letter', category: 'wage-arrears', title: 'Wages', description: 'x\u0000', representatives: [] },
      }),
    );
    expectError(staff, 400, 'validation_failed', 'description');
  });

  it('refuses a NUL character in a login email as a 400, not a 500', async () => {
    const response = await json('/api/v1/auth/login', { email: `${world.users.coordinator.email}\u0000`, password });
    expectError(response, 400, 'validation_failed', 'email');
  });

  it('refuses %00 in a path or a query, naming the parameter', async () => {
    expectError(await get(world, 'coordinator', '/api/v1/cases/%00'), 400, 'validation_failed', 'id');
    expectError(await get(world, 'coordinator', '/api/v1/cases/abc%00def/events'), 400, 'validation_failed', 'id');
    expectError(await get(world, 'coordinator', '/api/v1/cases?q=2026%00'), 400, 'validation_failed', 'q');
    const status = await world.as('anonymous', { method: 'GET', url: '/public/v1/petitions/2026-%00', headers: { 'x-access-code': 'AAAA' } });
    expectError(status, 400, 'validation_failed', 'reference');
  });

  it('answers a NUL in a portal form with a page, not a 500', async () => {
    const response = await world.app.inject({ method: 'POST', url: '/petition/status?lang=en', ...form({ reference: '2026-\u0000', accessCode: 'x' }) });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it("answers a JSON body of null on every portal form with the form's own page, not a 500", async () => {
    for (const path of ['/petition/new', '/petition/status', '/petition/feedback', '/petition/review']) {
      for (const payload of ['null', '[]', '7']) {
        const response: LightMyRequestResponse = await withoutWrites(world, () =>
          world.app.inject({ method: 'POST', url: `${path}?lang=en`, headers: { 'content-type': 'application/json' }, payload }),
        );
        expect(response.statusCode, `${path} ${payload}: ${response.body.slice(0, 300)}`).toBe(400);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      }
    }
    const form = await world.app.inject({ method: 'POST', url: '/petition/new?lang=en', headers: { 'content-type': 'application/json' }, payload: 'null' });
    expect(form.body).toContain('Subject: please fill this in.');
  });

  it('refuses a date outside four-digit years on the accountability report, naming it', async () => {
    const far = await get(world, 'coordinator', '/api/v1/reports/accountability?to=%2B275760-09-13T00:00:00.000Z');
    expectError(far, 400, 'validation_failed', 'to');
    const before = await get(world, 'coordinator', '/api/v1/reports/accountability?from=-000001-01-01T00:00:00Z');
    expectError(before, 400, 'validation_failed', 'from');
    const ok = await get(world, 'coordinator', '/api/v1/reports/accountability?from=2026-01-01&to=2026-12-01T00:00:00Z');
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('keeps control characters out of Open311 XML, so a client can still read the list', async () => {
    const key = (await createOpen311Key(world.ctx, { actor: null, name: 'City app' })).key;
    const body = new URLSearchParams({
      api_key: key,
      service_code: 'wage-arrears',
      address_string: '城关镇\u0001东街',
      description: 'Unpaid since August.\u0001\u0008 Twelve workers.',
    }).toString();
    const created = await world.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    // A case registered by staff with a control character is not an Open311 request, but its own API keeps the text.
    await buildCase(world, { description: 'bell\u0007' });

    const list = await world.app.inject({ method: 'GET', url: `/open311/v2/requests.xml?api_key=${encodeURIComponent(key)}` });
    expect(list.statusCode).toBe(200);
    const notXml = [...list.body].filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return (code < 0x20 && ![0x09, 0x0a, 0x0d].includes(code)) || code === 0xfffe || code === 0xffff;
    });
    expect(notXml).toEqual([]);
    expect(list.body).toContain('<description>Unpaid since August. Twelve workers.</description>');
    expect(list.body).toContain('城关镇东街');
    // JSON may carry them escaped, as sent.
    const asJson = await world.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}` });
    expect(asJson.json<{ description: string }[]>()[0]?.description).toBe('Unpaid since August.\u0001\u0008 Twelve workers.');
  });
});
