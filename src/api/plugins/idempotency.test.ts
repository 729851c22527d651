import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiWorld } from '../../../test/api.js';
import { hours } from '../../../test/time.js';
import { databaseKinds } from '../../../test/databases.js';
import { buildPublicWorld, petition, status } from '../../../test/public.js';
import { expectError, letter, withoutWrites } from '../../../test/requests.js';
import { createOpen311Key } from '../../commands/public/open311-keys.js';
import { forgetExpiredIdempotencyKeys } from '../../commands/support/idempotency.js';

describe.each(databaseKinds)('Idempotency-Key on the requests that open a case, on %s', (kind) => {
  let world: ApiWorld;
  let open311Key: string;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
    open311Key = (await createOpen311Key(world.ctx, { actor: null, name: 'City app' })).key;
  });
  afterAll(() => world.dispose());

  const caseCount = async () => Number((await world.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const withKey = (key: string, options: InjectOptions): InjectOptions => ({ ...options, headers: { ...(options.headers ?? {}), 'idempotency-key': key } });
  const staffCase = (key: string, body = letter(), who: 'coordinator' | 'admin' = 'coordinator') =>
    world.as(who, withKey(key, { method: 'POST', url: '/api/v1/cases', payload: body }));
  const publicPetition = (key: string, body = petition()) => world.as('anonymous', withKey(key, { method: 'POST', url: '/public/v1/petitions', payload: body }));

  it('answers a retried POST /api/v1/cases with the same status and body, and opens one case', async () => {
    const before = await caseCount();
    const first = await staffCase('4f9a1c2e-retry-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await staffCase('4f9a1c2e-retry-1');
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await caseCount()).toBe(before + 1);
    // Another caller's key is their own: the same string opens their own case.
    const other = await staffCase('4f9a1c2e-retry-1', letter(), 'admin');
    expect(other.statusCode).toBe(201);
    expect(other.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
    // Without a key, every request is a new one.
    expect((await world.as('coordinator', { method: 'POST', url: '/api/v1/cases', payload: letter() })).statusCode).toBe(201);
    expect((await world.as('coordinator', { method: 'POST', url: '/api/v1/cases', payload: letter() })).statusCode).toBe(201);
    expect(await caseCount()).toBe(before + 4);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    expect((await staffCase('key-used-twice')).statusCode).toBe(201);
    const changed = await withoutWrites(world, () => staffCase('key-used-twice', letter({ title: 'Another matter' })));
    expectError(changed, 422, 'idempotency_key_reused', 'Idempotency-Key');
    const reordered = await staffCase('key-used-twice', Object.fromEntries(Object.entries(letter()).reverse()));
    expect(reordered.statusCode).toBe(201);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses a malformed key naming the header', async () => {
    expectError(await staffCase('has spaces in it'), 400, 'validation_failed', 'Idempotency-Key');
    expectError(await publicPetition('x'.repeat(256)), 400, 'validation_failed', 'Idempotency-Key');
  });

  it('gives a public client retrying a petition the same reference and the same working access code', async () => {
    const before = await caseCount();
    const first = await publicPetition('"petition-7d1e"');
    const again = await publicPetition('"petition-7d1e"');
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(await caseCount()).toBe(before + 1);
    const receipt = first.json<{ reference: string; accessCode: string }>();
    expect((await status(world, receipt.reference, receipt.accessCode)).statusCode).toBe(200);
    // The key is the client's: another address sending it files its own petition.
    const elsewhere = await world.app.inject(withKey('"petition-7d1e"', { method: 'POST', url: '/public/v1/petitions', payload: petition(), remoteAddress: '203.0.113.9' }));
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.json<{ reference: string }>().reference).not.toBe(receipt.reference);
  });

  it('answers a retried Open311 POST requests with the same service request', async () => {
    const before = await caseCount();
    const body = new URLSearchParams({ api_key: open311Key, service_code: 'wage-arrears', address_string: '城关镇东街', description: 'Unpaid since August.' }).toString();
    const send = () =>
      world.app.inject(
        withKey('open311-retry-1', { method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body }),
      );
    const first = await send();
    const again = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(await caseCount()).toBe(before + 1);
  });

  it('forgets a key after 24 hours: the same key then opens a new case', async () => {
    const first = await publicPetition('expiring-key');
    world.time.advance(hours(23));
    expect((await publicPetition('expiring-key')).body).toBe(first.body);
    world.time.advance(hours(2));
    const later = await publicPetition('expiring-key');
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.body).not.toBe(first.body);
    world.time.advance(hours(25));
    expect(await forgetExpiredIdempotencyKeys(world.ctx)).toBeGreaterThan(0);
  });

  it('opens one case when retries with the same key arrive at the same time', async () => {
    const before = await caseCount();
    const responses = await Promise.all(Array.from({ length: 6 }, () => publicPetition('concurrent-retry')));
    for (const response of responses) expect(response.statusCode, response.body).toBe(201);
    expect(new Set(responses.map((response) => response.body)).size).toBe(1);
    expect(await caseCount()).toBe(before + 1);

    const staff = await Promise.all(Array.from({ length: 6 }, () => staffCase('concurrent-staff')));
    expect(staff.map((response) => response.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(staff.map((response) => response.body)).size).toBe(1);
    expect(await caseCount()).toBe(before + 2);
  });
});
