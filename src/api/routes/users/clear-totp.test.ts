import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { expectError, get, post, withoutWrites } from '../../../../test/requests.js';

describe.each(databaseKinds)("an admin clearing another user's second factor (%s)", (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  const clear = (who: 'admin' | 'coordinator' | 'auditor', userId: string) => world.as(who, { method: 'DELETE', url: `/api/v1/users/${userId}/totp` });
  const userOf = async (id: string) => expectStatus<{ totpEnabled: boolean }>(await get(world, 'admin', `/api/v1/users/${id}`), 200);

  it('removes the TOTP and recovery codes of a user who lost them, audited, and only once', async () => {
    const coordinator = world.users.coordinator;
    const start = expectStatus<{ secret: string }>(await post(world, 'coordinator', '/api/v1/auth/totp'), 200);
    const code = new TOTP({ secret: Secret.fromBase32(start.secret), digits: 6, period: 30 }).generate({ timestamp: Date.parse(world.ctx.now()) });
    expectStatus(await post(world, 'coordinator', '/api/v1/auth/totp/confirm', { code }), 200);
    expect((await userOf(coordinator.id)).totpEnabled).toBe(true);

    expectError(await withoutWrites(world, () => clear('auditor', coordinator.id)), 403, 'forbidden');
    expectError(await withoutWrites(world, () => clear('admin', world.users.admin.id)), 400, 'validation_failed', 'id');
    expectError(await withoutWrites(world, () => clear('admin', 'no-such-user')), 404, 'not_found');

    expectStatus(await clear('admin', coordinator.id), 204);
    expect((await userOf(coordinator.id)).totpEnabled).toBe(false);
    expect(expectStatus<{ enabled: boolean; recoveryCodesLeft: number }>(await get(world, 'coordinator', '/api/v1/auth/totp'), 200)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    const entries = await world.ctx.db.selectFrom('audit_entries').select(['actor_id']).where('action', '=', 'user.totp.disable').where('subject_id', '=', coordinator.id).execute();
    expect(entries.map((entry) => entry.actor_id)).toEqual([world.users.admin.id]);

    expectError(await withoutWrites(world, () => clear('admin', coordinator.id)), 409, 'already_done');
  });
});
