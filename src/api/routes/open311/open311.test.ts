import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiWorld } from '../../../../test/api.js';
import { days } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld } from '../../../../test/public.js';
import { get, post } from '../../../../test/requests.js';
import { createOpen311Key } from '../../../commands/public/open311-keys.js';

const fixture = (name: string) => readFileSync(`test/fixtures/open311/${name}`, 'utf8');

/** Every list element of the spec's XML, so one item and many parse alike. */
const xmlLists = new Set(['service', 'request', 'attribute', 'value', 'endpoint', 'format', 'error']);
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => xmlLists.has(name) });
const parseXml = (text: string) => parser.parse(text) as Record<string, unknown>;

/** The structure of a document — its field names and nesting — without the values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '?xml')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, shape(inner)]),
    );
  }
  return 'value';
}

function json(response: LightMyRequestResponse): unknown {
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return response.json();
}

function xml(response: LightMyRequestResponse): Record<string, unknown> {
  expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(response.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return parseXml(response.body);
}

interface SpecRequest {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

describe.each(databaseKinds)('Open311 GeoReport v2 on %s', (kind) => {
  let world: ApiWorld;
  let key: string;
  let otherKey: string;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    key = (await createOpen311Key(world.ctx, { actor: null, name: 'City app' })).key;
    otherKey = (await createOpen311Key(world.ctx, { actor: null, name: 'Another app' })).key;
  });
  afterAll(() => world.dispose());

  const open311 = (method: 'GET' | 'POST', url: string, payload?: string, headers: Record<string, string> = {}) =>
    world.app.inject({
      method,
      url: `/open311/v2/${url}`,
      headers: { ...(payload ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {}), ...headers },
      ...(payload ? { payload } : {}),
    });
  const fixtureBody = (apiKey = key) => fixture('post-request.txt').replace('{API_KEY}', encodeURIComponent(apiKey));
  const postRequest = async (format: 'json' | 'xml', body = fixtureBody()): Promise<string> => {
    const response = await open311('POST', `requests.${format}`, body);
    expect(response.statusCode, response.body).toBe(201);
    if (format === 'json') return response.json<{ service_request_id: string }[]>()[0]?.service_request_id ?? '';
    const parsed = xml(response) as { service_requests: { request: { service_request_id: string }[] } };
    return parsed.service_requests.request[0]?.service_request_id ?? '';
  };

  it('describes itself at discovery, in the shape of the spec in XML and JSON', async () => {
    const asJson = json(await open311('GET', 'discovery.json')) as { endpoints: { url: string; formats: string[] }[] };
    expect(shape(asJson)).toEqual(shape(JSON.parse(fixture('discovery.json'))));
    expect(asJson.endpoints[0]?.url).toMatch(/\/open311\/v2$/);
    expect(asJson.endpoints[0]?.formats).toEqual(['text/xml', 'application/json']);
    expect(shape(xml(await open311('GET', 'discovery.xml')))).toEqual(shape(parseXml(fixture('discovery.xml'))));
  });

  it("lists the current plan's categories as services, and defines each one's attributes", async () => {
    const services = json(await open311('GET', 'services.json')) as { service_code: string; service_name: string }[];
    expect(shape(services)).toEqual(shape(JSON.parse(fixture('services.json'))));
    expect(services.map((service) => service.service_code)).toContain('wage-arrears');
    expect(services.find((service) => service.service_code === 'wage-arrears')?.service_name).toBe('拖欠工资');
    const english = json(await open311('GET', 'services.json', undefined, { 'accept-language': 'en-GB,en' })) as { service_name: string }[];
    expect(english.map((service) => service.service_name)).toContain('Wage arrears');
    expect(shape(xml(await open311('GET', 'services.xml')))).toEqual(shape(parseXml(fixture('services.xml'))));

    const definition = json(await open311('GET', 'services/wage-arrears.json')) as { attributes: { code: string }[] };
    expect(shape(definition)).toEqual(shape(JSON.parse(fixture('service-definition.json'))));
    expect(definition.attributes.map((attribute) => attribute.code)).toEqual(['kind', 'headcount', 'title']);
    expect(shape(xml(await open311('GET', 'services/wage-arrears.xml')))).toEqual(shape(parseXml(fixture('service-definition.xml'))));
    expect((await open311('GET', 'services/parking.json')).statusCode).toBe(404);
  });

  it('takes a form-encoded request as an ordinary open311 case, answering in the shape of the spec', async () => {
    const asJson = await open311('POST', 'requests.json', fixtureBody());
    expect(asJson.statusCode, asJson.body).toBe(201);
    const created = json(asJson) as Record<string, unknown>[];
    const expected = JSON.parse(fixture('post-response.json')) as Record<string, unknown>[];
    // The spec's fields, and a token too (see docs/API.md), for clients that follow tokens.
    expect(Object.keys(created[0] ?? {}).sort()).toEqual([...Object.keys(expected[0] ?? {}), 'token'].sort());
    const asXml = xml(await open311('POST', 'requests.xml', fixtureBody())) as { service_requests: { request: Record<string, unknown>[] } };
    const expectedXml = parseXml(fixture('post-response.xml')) as { service_requests: { request: Record<string, unknown>[] } };
    expect(Object.keys(asXml.service_requests.request[0] ?? {}).sort()).toEqual(
      [...Object.keys(expectedXml.service_requests.request[0] ?? {}), 'token'].sort(),
    );

    const reference = String(created[0]?.service_request_id);
    const queue = (await get(world, 'coordinator', `/api/v1/cases?q=${reference}`)).json<{ items: { id: string; channel: string; kind: string; headcount: number }[] }>();
    expect(queue.items[0]).toMatchObject({ channel: 'open311', kind: 'collective', headcount: 12 });
    const detail = (await get(world, 'coordinator', `/api/v1/cases/${queue.items[0]?.id}`)).json<{ petitioner: unknown; title: string }>();
    expect(detail.petitioner).toEqual({ name: 'Ming Li', contact: 'worker@mail.example / 13900000001' });
    expect(detail.title).toBe('Twelve workers at the east street site have not been paid s…');
    // device_id and account_id identify a device or an account, not the problem: they are not kept.
    const stored = JSON.stringify(await world.ctx.db.selectFrom('open311_requests').selectAll().execute());
    expect(stored).not.toContain('d-20311');
    expect(stored).not.toContain('acct-7788');
  });

  it('reads a request back, in JSON and XML, with what was sent, under the spec’s field names', async () => {
    const sent = new URLSearchParams(fixture('post-request.txt'));
    for (const format of ['json', 'xml'] as const) {
      const reference = await postRequest(format);
      const response = await open311('GET', `requests/${reference}.${format}?api_key=${encodeURIComponent(key)}`);
      const item =
        format === 'json'
          ? ((json(response) as Record<string, unknown>[])[0] ?? {})
          : ((xml(response) as { service_requests: { request: Record<string, unknown>[] } }).service_requests.request[0] ?? {});
      const expected =
        format === 'json'
          ? (JSON.parse(fixture('requests.json')) as Record<string, unknown>[])
          : (parseXml(fixture('requests.xml')) as { service_requests: { request: Record<string, unknown>[] } }).service_requests.request;
      expect(shape(item)).toEqual(shape(expected[0]));
      const text = (value: unknown) => (value === null ? '' : String(value));
      expect(text(item.service_request_id)).toBe(reference);
      expect(text(item.service_code)).toBe(sent.get('service_code'));
      expect(text(item.description)).toBe(sent.get('description'));
      expect(text(item.address)).toBe(sent.get('address_string'));
      expect(text(item.lat)).toBe(sent.get('lat'));
      expect(text(item.long)).toBe(sent.get('long'));
      expect(text(item.media_url)).toBe(sent.get('media_url'));
      expect(item.status).toBe('open');
      if (format === 'json') expect(typeof item.lat).toBe('number');
    }
  });

  it('shows what was sent and the answer only to the client that sent it', async () => {
    const reference = await postRequest('json');
    const forOthers = (json(await open311('GET', `requests/${reference}.json?api_key=${encodeURIComponent(otherKey)}`)) as SpecRequest[])[0];
    const forAnyone = (json(await open311('GET', `requests/${reference}.json`)) as SpecRequest[])[0];
    for (const item of [forOthers, forAnyone]) {
      expect(item).toMatchObject({ service_request_id: reference, status: 'open', description: null, address: null, lat: null, long: null, media_url: null });
      expect(item?.status_notes).toBe('已登记，正在审查是否受理');
    }
    expect((await open311('GET', `requests/${reference}.json?api_key=not-a-key`)).statusCode).toBe(403);
  });

  it('fills status, status_notes and agency_responsible from the case as the office works it', async () => {
    const reference = await postRequest('json');
    const caseId = (await get(world, 'coordinator', `/api/v1/cases?q=${reference}`)).json<{ items: { id: string }[] }>().items[0]?.id;
    const office = async (who: 'coordinator' | 'unit_officer', path: string, body: object) => {
      const response = await post(world, who, `/api/v1/cases/${caseId}/${path}`, body);
      expect(response.statusCode, response.body).toBeLessThan(300);
    };
    await office('coordinator', 'assignments', { unitId: world.units.township.id, role: 'lead' });
    // Twelve workers wrote in together without choosing representatives: the office receives them as a group.
    await office('coordinator', 'receive-together', { reason: 'A written request; no visit to receive.' });
    await office('coordinator', 'transitions', { to: 'resolution' });
    const read = async (language = 'zh-CN') =>
      (json(await open311('GET', `requests/${reference}.json?api_key=${encodeURIComponent(key)}`, undefined, { 'accept-language': language })) as SpecRequest[])[0];
    expect(await read()).toMatchObject({ status: 'open', agency_responsible: '城关镇', status_notes: '已受理，正在办理' });
    expect(await read('en')).toMatchObject({ agency_responsible: 'Chengguan township', status_notes: 'Accepted; being handled' });
    await office('unit_officer', 'answers', { body: 'Wages of twelve workers verified and paid in full.' });
    await office('coordinator', 'transitions', { to: 'closed' });
    expect(await read()).toMatchObject({ status: 'closed', status_notes: 'Wages of twelve workers verified and paid in full.' });
    const forAnyone = (json(await open311('GET', `requests/${reference}.json`)) as SpecRequest[])[0];
    expect(forAnyone).toMatchObject({ status: 'closed', status_notes: '已办结' });
  });

  it('filters requests by id, service code, dates and status', async () => {
    world.time.advance(days(120));
    const start = world.time.now();
    const wages = await postRequest('json');
    world.time.advance(60_000);
    const housing = await postRequest('json', fixtureBody().replace('service_code=wage-arrears', 'service_code=housing'));
    world.time.advance(days(1));
    const later = await postRequest('json');
    const ids = (items: unknown) => (items as SpecRequest[]).map((item) => item.service_request_id);
    const list = async (query: string) => ids(json(await open311('GET', `requests.json?${query}`)));

    expect(await list(`service_request_id=${wages},${later}`)).toEqual([later, wages]);
    expect(await list(`service_code=housing&start_date=${start}`)).toEqual([housing]);
    expect(await list(`start_date=${start}&end_date=${new Date(Date.parse(start) + 3_600_000).toISOString()}`)).toEqual([housing, wages]);
    expect((await list('status=open')).slice(0, 3)).toEqual([later, housing, wages]);
    expect(await list(`status=closed&start_date=${start}`)).toEqual([]);
    // The default window is the most recent 90 days: requests from 120 days ago are not in it.
    expect((await list('')).every((id) => [wages, housing, later].includes(id))).toBe(true);
    const xmlList = xml(await open311('GET', `requests.xml?service_request_id=${wages}`)) as { service_requests: { request: SpecRequest[] } };
    expect(xmlList.service_requests.request.map((item) => item.service_request_id)).toEqual([wages]);
  });

  it('resolves a token to its request', async () => {
    const response = await open311('POST', 'requests.json', fixtureBody());
    const created = response.json<{ service_request_id: string; token: string }[]>()[0];
    const found = json(await open311('GET', `tokens/${created?.token}.json`));
    expect(shape(found)).toEqual(shape(JSON.parse(fixture('token.json'))));
    expect(found).toEqual([{ service_request_id: created?.service_request_id, token: created?.token }]);
    expect(shape(xml(await open311('GET', `tokens/${created?.token}.xml`)))).toEqual(shape(parseXml(fixture('token.xml'))));
    expect((await open311('GET', 'tokens/no-such-token.json')).statusCode).toBe(404);
  });

  describe('errors, in the spec’s shape', () => {
    const expectErrors = (response: LightMyRequestResponse, status: number, format: 'json' | 'xml', pattern: RegExp) => {
      expect(response.statusCode, response.body).toBe(status);
      const body = format === 'json' ? json(response) : xml(response);
      expect(shape(body)).toEqual(shape(format === 'json' ? JSON.parse(fixture('errors.json')) : parseXml(fixture('errors.xml'))));
      const errors = format === 'json' ? (body as { code: number; description: string }[]) : (body as { errors: { error: { code: string; description: string }[] } }).errors.error;
      expect(Number(errors[0]?.code)).toBe(status);
      expect(errors[0]?.description).toMatch(pattern);
    };

    it('403 without an api_key, or with one we did not issue or have revoked', async () => {
      const without = fixtureBody().replace(/^api_key=[^&]*&/, '');
      for (const format of ['json', 'xml'] as const) {
        expectErrors(await open311('POST', `requests.${format}`, without), 403, format, /api_key was not provided/);
        expectErrors(await open311('POST', `requests.${format}`, fixtureBody('o311_made-up')), 403, format, /Invalid api_key/);
      }
    });

    it('404 for an unknown service code, request or path; 400 for a missing location, description or bad value', async () => {
      expectErrors(await open311('POST', 'requests.xml', fixtureBody().replace('service_code=wage-arrears', 'service_code=parking')), 404, 'xml', /parking/);
      expectErrors(await open311('GET', 'requests/2026-AAAA-BBBB.json'), 404, 'json', /not found/);
      expectErrors(await open311('GET', 'nothing-here.xml'), 404, 'xml', /No resource/);
      const noLocation = fixtureBody().replace(/&lat=[^&]*&long=[^&]*&address_string=[^&]*/, '');
      expectErrors(await open311('POST', 'requests.json', noLocation), 400, 'json', /location is required/);
      expectErrors(await open311('POST', 'requests.json', fixtureBody().replace(/&description=[^&]*/, '')), 400, 'json', /description/);
      expectErrors(await open311('POST', 'requests.json', fixtureBody().replace('lat=34.2658', 'lat=north')), 400, 'json', /latitude/);
    });

    it('400 for a description over 4,000 characters, a bad status, a bad date, or a range over 90 days', async () => {
      const long = fixtureBody().replace(/description=[^&]*/, `description=${'x'.repeat(4001)}`);
      expectErrors(await open311('POST', 'requests.json', long), 400, 'json', /4000/);
      expectErrors(await open311('GET', 'requests.json?status=pending'), 400, 'json', /pending/);
      expectErrors(await open311('GET', 'requests.xml?start_date=yesterday'), 400, 'xml', /W3C/);
      expectErrors(await open311('GET', 'requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z'), 400, 'json', /90 days/);
    });
  });
});
