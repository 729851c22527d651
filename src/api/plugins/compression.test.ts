import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../test/databases.js';
import { buildCase, buildWorld, type World } from '../../../test/world.js';
import { createToken } from '../../commands/users.js';
import { buildApp } from '../app.js';

/** A bundle the size and shape of a real one: long, and repetitive as minified code is. */
const bundle = Array.from({ length: 4000 }, (_, index) => `function f${index}(a,b){return a+b*${index}}`).join(';');
const stylesheet = Array.from({ length: 400 }, (_, index) => `.c${index}{margin:${index}px}`).join('');

function decoded(response: LightMyRequestResponse): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(response.rawPayload).toString('utf8');
  return response.body;
}

describe.each(databaseKinds)('compressed responses on %s', (kind) => {
  let world: World;
  let app: FastifyInstance;
  let root: string;
  let token: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'redress-compress-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Redress</title><div id="root"></div>');
    // As the build leaves them: the main bundle with its brotli'd twin, a stylesheet without one.
    writeFileSync(join(root, 'assets', 'index-a1b2c3.js'), bundle);
    writeFileSync(join(root, 'assets', 'index-a1b2c3.js.br'), brotliCompressSync(bundle));
    writeFileSync(join(root, 'assets', 'index-d4e5f6.css'), stylesheet);
    world = await buildWorld(kind);
    app = await buildApp({ ctx: world.ctx, webRoot: root });
    token = (await createToken(world.ctx, { email: world.users.coordinator.email, name: 'compression test' })).token;
    for (let index = 0; index < 12; index += 1) await buildCase(world, { title: `工资拖欠 ${index}` });
  });
  afterAll(async () => {
    await app.close();
    await world.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
    });

  it('sends the main bundle brotli-compressed (as built) or gzipped when asked, and plain when not', async () => {
    const brotli = await get('/assets/index-a1b2c3.js', 'gzip, deflate, br');
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.rawPayload.length).toBeLessThan(bundle.length / 4);
    expect(decoded(brotli)).toBe(bundle);

    const gzip = await get('/assets/index-a1b2c3.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decoded(gzip)).toBe(bundle);

    const plain = await get('/assets/index-a1b2c3.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bundle);
    const identity = await get('/assets/index-a1b2c3.js', 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body).toBe(bundle);
  });

  it('compresses an asset the build left uncompressed on the fly', async () => {
    const response = await get('/assets/index-d4e5f6.css', 'br');
    expect(response.headers['content-encoding']).toBe('br');
    expect(decoded(response)).toBe(stylesheet);
    expect((await get('/assets/index-d4e5f6.css')).body).toBe(stylesheet);
  });

  it('compresses a big JSON answer when asked, and sends it plain when not', async () => {
    const plain = await get('/api/v1/cases?limit=50');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const items = plain.json<{ items: unknown[] }>().items;
    expect(items).toHaveLength(12);
    expect(plain.body.length).toBeGreaterThan(4096);

    for (const encoding of ['br', 'gzip'] as const) {
      const response = await get('/api/v1/cases?limit=50', encoding);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.rawPayload.length).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(decoded(response))).toEqual(plain.json());
    }
  });

  it('leaves a small answer alone', async () => {
    const response = await app.inject({ method: 'GET', url: '/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('the live stream with compression on offer', () => {
  let world: World;
  let app: FastifyInstance;
  let token: string;
  beforeAll(async () => {
    world = await buildWorld('sqlite');
    app = await buildApp({ ctx: world.ctx, webRoot: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    token = (await createToken(world.ctx, { email: world.users.coordinator.email, name: 'stream test' })).token;
  });
  afterAll(async () => {
    await app.close();
    await world.dispose();
  });

  it('delivers each change as it happens, uncompressed, to a client that accepts br and gzip', async () => {
    const { port } = app.server.address() as AddressInfo;
    let text = '';
    let changed = false;
    const received = new Promise<{ encoding: string | undefined; type: string | undefined }>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, path: '/api/v1/stream', headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip, deflate' } },
        (response) => {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
            // Once connected, a case changes while the stream stays open: the event must come through as it is written.
            if (!changed && text.includes('retry:')) {
              changed = true;
              buildCase(world, { title: '实时推送' }).catch(reject);
            }
            if (text.includes('event: case.changed')) {
              resolve({ encoding: response.headers['content-encoding'], type: response.headers['content-type'] });
              request.destroy();
            }
          });
        },
      );
      request.on('error', () => undefined);
      request.end();
    });
    const { encoding, type } = await received;
    expect(encoding).toBeUndefined();
    expect(type).toMatch(/text\/event-stream/);
    expect(text).toMatch(/event: case\.changed\ndata: \{"caseId":"[^"]+","type":"case\.opened"/);
  });
});
