import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../test/api.js';
import { databaseKinds } from '../../../test/databases.js';
import { buildPublicWorld } from '../../../test/public.js';
import { get } from '../../../test/requests.js';
import { minutes } from '../../../test/time.js';
import { executable, photoWithLocation } from '../../../test/uploads.js';
import { isInternalAddress, type MediaFetchOptions } from '../../attachments/remote-media.js';
import { createOpen311Key } from './open311-keys.js';
import { fetchOpen311Media } from './open311-media.js';

describe('the addresses a media fetch may not reach', () => {
  it('refuses loopback, private, link-local and mapped internal addresses, and lets public ones through', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.9', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::5', '::ffff:127.0.0.1', 'not-an-ip']) {
      expect(isInternalAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '114.114.114.114', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isInternalAddress(address), address).toBe(false);
  });
});

/**
 * FixMyStreet sends a report's photo as `media_url`; the worker fetches it into an attachment of the
 * petition, checked like any upload, once, and says on the timeline when it could not.
 */
describe.each(databaseKinds)('an Open311 media_url fetched into an attachment, on %s', (kind) => {
  let world: ApiWorld;
  let key = '';
  let server: Server;
  let base = '';
  let photo: Buffer;
  const hits = new Map<string, number>();
  const allowed: MediaFetchOptions = { maxBytes: 1024 * 1024, timeoutMs: 5000, allowHosts: ['127.0.0.1'] };

  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    key = (await createOpen311Key(world.ctx, { actor: null, name: 'FixMyStreet' })).key;
    photo = await photoWithLocation();
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === '/photos/site.jpg') return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
      if (path === '/moved.jpg') return response.writeHead(302, { location: '/photos/site.jpg' }).end();
      if (path === '/photos/tool.jpg') return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(executable());
      if (path === '/busy.jpg') return response.writeHead(503).end();
      return response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await world.dispose();
  });

  const request = async (mediaUrl: string): Promise<string> => {
    const body = new URLSearchParams({
      api_key: key,
      service_code: 'wage-arrears',
      address_string: '城关镇东街工地',
      description: 'Twelve workers at the east street site have not been paid since August.',
      media_url: mediaUrl,
    });
    const response = await world.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    expect(response.statusCode, response.body).toBe(201);
    const reference = response.json<{ service_request_id: string }[]>()[0]?.service_request_id ?? '';
    return (await world.ctx.db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
  };
  const state = (caseId: string) =>
    world.ctx.db.selectFrom('open311_requests').select(['media_state', 'media_attempts', 'media_failure']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const files = async (caseId: string) =>
    expectStatus<{ items: { id: string; name: string; type: string; uploadedBy: { via: string } }[] }>(await get(world, 'coordinator', `/api/v1/cases/${caseId}/attachments`), 200);
  const timeline = async (caseId: string) =>
    (await world.ctx.db.selectFrom('events').select(['type', 'data']).where('case_id', '=', caseId).orderBy('id').execute()).map((row) => ({
      type: row.type,
      data: typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : (row.data as Record<string, unknown>),
    }));

  it('stores the photo as the petitioner’s file without its location, once, following a redirect', async () => {
    const caseId = await request(`${base}/moved.jpg`);
    expect(await state(caseId)).toMatchObject({ media_state: 'pending', media_attempts: 0 });
    expect(await fetchOpen311Media(world.ctx, allowed)).toEqual({ fetched: 1, failed: 0 });
    expect(await state(caseId)).toMatchObject({ media_state: 'fetched', media_failure: null });

    const listed = (await files(caseId)).items;
    expect(listed.map((item) => [item.name, item.type, item.uploadedBy.via])).toEqual([['site.jpg', 'image/jpeg', 'petitioner']]);
    const download = await get(world, 'coordinator', `/api/v1/cases/${caseId}/attachments/${listed[0]?.id ?? ''}`);
    expect(download.statusCode).toBe(200);
    expect((await sharp(download.rawPayload).metadata()).exif).toBeUndefined();
    expect(download.rawPayload.includes(Buffer.from('PhoneMaker'))).toBe(false);
    const added = (await timeline(caseId)).filter((item) => item.type === 'attachment.added');
    expect(added.map((item) => item.data)).toEqual([expect.objectContaining({ source: 'open311', by: 'the petitioner', internal: false })]);

    // Another pass, even later, fetches nothing again.
    world.time.advance(minutes(30));
    expect(await fetchOpen311Media(world.ctx, allowed)).toEqual({ fetched: 0, failed: 0 });
    expect(hits.get('/photos/site.jpg')).toBe(1);
    expect((await files(caseId)).items).toHaveLength(1);
  });

  it('refuses an internal address unless the operator allows its host, and says so on the timeline', async () => {
    const caseId = await request(`${base}/photos/site.jpg`);
    // A name that resolves to an internal address is refused on the address it resolves to.
    const byName = await request(`${base.replace('127.0.0.1', 'localhost')}/photos/site.jpg`);
    const before = hits.get('/photos/site.jpg') ?? 0;
    expect(await fetchOpen311Media(world.ctx, { ...allowed, allowHosts: [] })).toEqual({ fetched: 0, failed: 2 });
    expect(hits.get('/photos/site.jpg') ?? 0).toBe(before);
    expect(await state(byName)).toMatchObject({ media_state: 'failed', media_failure: 'address_refused' });
    expect(await state(caseId)).toMatchObject({ media_state: 'failed', media_failure: 'address_refused' });
    expect((await timeline(caseId)).filter((item) => item.type === 'attachment.fetch_failed').map((item) => item.data)).toEqual([
      { source: 'open311', reason: 'address_refused', attempts: 1 },
    ]);
    expect((await files(caseId)).items).toHaveLength(0);
  });

  it('refuses a program sent as a photo at once, and tries a busy server three times before giving up', async () => {
    const program = await request(`${base}/photos/tool.jpg`);
    const busy = await request(`${base}/busy.jpg`);
    expect(await fetchOpen311Media(world.ctx, allowed)).toEqual({ fetched: 0, failed: 2 });
    expect(await state(program)).toMatchObject({ media_state: 'failed', media_failure: 'file_type' });
    expect(await state(busy)).toMatchObject({ media_state: 'pending', media_attempts: 1, media_failure: 'unreachable' });
    // Not again before its time.
    expect(await fetchOpen311Media(world.ctx, allowed)).toEqual({ fetched: 0, failed: 0 });
    world.time.advance(minutes(6));
    await fetchOpen311Media(world.ctx, allowed);
    expect(await state(busy)).toMatchObject({ media_state: 'pending', media_attempts: 2 });
    world.time.advance(minutes(11));
    await fetchOpen311Media(world.ctx, allowed);
    expect(await state(busy)).toMatchObject({ media_state: 'failed', media_attempts: 3, media_failure: 'unreachable' });
    expect(hits.get('/busy.jpg')).toBe(3);
    expect((await timeline(busy)).filter((item) => item.type === 'attachment.fetch_failed')).toHaveLength(1);
    expect((await files(program)).items).toHaveLength(0);
  });
});
