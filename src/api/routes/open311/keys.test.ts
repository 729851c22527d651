import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { buildPublicWorld } from '../../../../test/public.js';
import { expectError, get, post, withoutWrites, type Who } from '../../../../test/requests.js';
import { digestSecret } from '../../../security/passwords.js';

interface Key {
  id: string;
  name: string;
  key?: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

describe.each(databaseKinds)('Open311 keys at /api/v1/open311/keys on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildPublicWorld(kind);
  });
  afterAll(() => world.dispose());

  const postRequest = (key: string) =>
    world.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_key: key, service_code: 'housing', address_string: '东街 5 号', description: 'The stairwell has collapsed.' }).toString(),
    });

  it('lets an admin issue a key (shown once, stored as a digest), list keys without it, and revoke one', async () => {
    const created = expectStatus<Key>(await post(world, 'admin', '/api/v1/open311/keys', { name: 'City app' }), 201);
    expect(created.key).toMatch(/^o311_[A-Za-z0-9_-]{40,}$/);
    const row = await world.ctx.db.selectFrom('open311_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.digest).toBe(digestSecret(created.key ?? ''));
    expect(JSON.stringify(row)).not.toContain(created.key);

    expect((await postRequest(created.key ?? '')).statusCode).toBe(201);
    const listed = expectStatus<{ items: Key[] }>(await get(world, 'admin', '/api/v1/open311/keys'), 200);
    const item = listed.items.find((candidate) => candidate.id === created.id);
    expect(item).toMatchObject({ name: 'City app', revokedAt: null });
    expect(item?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const revoked = expectStatus<Key>(await post(world, 'admin', `/api/v1/open311/keys/${created.id}/revoke`), 200);
    expect(revoked.revokedAt).not.toBeNull();
    expect((await postRequest(created.key ?? '')).statusCode).toBe(403);
    expectError(await post(world, 'admin', `/api/v1/open311/keys/${created.id}/revoke`), 409, 'already_done');
    const audit = await world.ctx.db.selectFrom('audit_entries').select('action').where('subject_id', '=', created.id).execute();
    expect(audit.map((entry) => entry.action)).toEqual(['open311.key.create', 'open311.key.revoke']);
  });

  it('answers 401 to anonymous callers and 403 to every role but admin, writing nothing', async () => {
    const routes: [string, string, object | undefined][] = [
      ['GET', '/api/v1/open311/keys', undefined],
      ['POST', '/api/v1/open311/keys', { name: 'Sneaky' }],
      ['POST', '/api/v1/open311/keys/some-id/revoke', undefined],
    ];
    for (const [method, url, payload] of routes) {
      const send = (who: Who) => () => world.as(who, { method: method, url, ...(payload ? { payload } : {}) });
      expectError(await withoutWrites(world, send('anonymous')), 401, 'unauthenticated');
      for (const who of ['coordinator', 'unit_officer', 'leader', 'auditor'] as const) {
        expectError(await withoutWrites(world, send(who)), 403, 'forbidden');
      }
    }
  });

  it('answers 400 to a bad body, naming the field, and 404 to an unknown key', async () => {
    expectError(await withoutWrites(world, () => post(world, 'admin', '/api/v1/open311/keys', {})), 400, 'validation_failed', 'name');
    expectError(await withoutWrites(world, () => post(world, 'admin', '/api/v1/open311/keys', { name: '' })), 400, 'validation_failed', 'name');
    expectError(
      await withoutWrites(world, () => post(world, 'admin', '/api/v1/open311/keys', { name: 'x', scope: 'all' })),
      400,
      'validation_failed',
      'scope',
    );
    expectError(await post(world, 'admin', '/api/v1/open311/keys/no-such-key/revoke'), 404, 'not_found');
  });
});
