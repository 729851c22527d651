import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { hours } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import { expectError, get, post, withoutWrites } from '../../../../test/requests.js';

interface UserOut {
  id: string;
  email: string;
  name: string;
  role: string;
  unitId: string | null;
  language: string;
  active: boolean;
  mustChangePassword: boolean;
}

const firstPassword = 'a first password for Li Wei';

describe.each(databaseKinds)('staff accounts (%s)', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  const signIn = async (email: string, secret: string, remoteAddress = '10.0.0.1') => {
    const response = await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: secret }, remoteAddress });
    return { response, cookie: response.cookies.find((item) => item.name === 'redress_session')?.value ?? '' };
  };
  const asCookie = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    world.app.inject({ method, url, cookies: { redress_session: cookie }, ...(payload ? { payload } : {}) });

  it('lets an admin create, edit, deactivate and reactivate an officer; a deactivated account stops working at once', async () => {
    const created = expectStatus<UserOut>(
      await post(world, 'admin', '/api/v1/users', { email: 'Li.Wei@county.test', name: '李伟', role: 'unit_officer', unitId: world.units.township.id, password: firstPassword }),
      201,
    );
    expect(created).toMatchObject({ email: 'li.wei@county.test', active: true, mustChangePassword: true });

    const edited = expectStatus<UserOut>(
      await world.as('admin', { method: 'PATCH', url: `/api/v1/users/${created.id}`, payload: { name: '李伟（城关镇）', unitId: world.units.department.id, language: 'en' } }),
      200,
    );
    expect(edited).toMatchObject({ name: '李伟（城关镇）', unitId: world.units.department.id, language: 'en', role: 'unit_officer' });
    expect(expectStatus<UserOut>(await get(world, 'admin', `/api/v1/users/${created.id}`), 200).name).toBe('李伟（城关镇）');

    // The officer signs in, chooses their own password, and makes a token.
    const { cookie } = await signIn('li.wei@county.test', firstPassword);
    expectError(await asCookie(cookie, 'GET', '/api/v1/cases'), 403, 'account_setup_required');
    expectStatus(await asCookie(cookie, 'POST', '/api/v1/auth/password', { currentPassword: firstPassword, newPassword: 'my own river-bank password' }), 204);
    expectStatus(await asCookie(cookie, 'GET', '/api/v1/cases'), 200);
    const { token } = expectStatus<{ token: string }>(await asCookie(cookie, 'POST', `/api/v1/users/${created.id}/tokens`, { name: 'laptop script' }), 201);
    const bearer = () => world.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expectStatus(await bearer(), 200);

    const deactivated = expectStatus<UserOut>(await world.as('admin', { method: 'PATCH', url: `/api/v1/users/${created.id}`, payload: { active: false } }), 200);
    expect(deactivated.active).toBe(false);
    expectError(await asCookie(cookie, 'GET', '/api/v1/auth/me'), 401, 'unauthenticated');
    expectError(await bearer(), 401, 'unauthenticated');
    expectError((await signIn('li.wei@county.test', 'my own river-bank password')).response, 401, 'invalid_credentials');

    expectStatus(await world.as('admin', { method: 'PATCH', url: `/api/v1/users/${created.id}`, payload: { active: true } }), 200);
    // Reactivated, the account signs in again; what ended on deactivation stays ended.
    expectStatus((await signIn('li.wei@county.test', 'my own river-bank password')).response, 200);
    expectError(await bearer(), 401, 'unauthenticated');

    const actions = await world.ctx.db.selectFrom('audit_entries').select('action').where('subject_id', '=', created.id).orderBy('seq').execute();
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(['user.create', 'user.update', 'user.password.change', 'token.create', 'user.deactivate', 'user.reactivate', 'auth.login']),
    );
  });

  it('refuses what a role may not do, bad input by field, and an admin disabling themselves', async () => {
    const officer = world.users.unit_officer.id;
    for (const who of ['coordinator', 'leader', 'auditor', 'unit_officer'] as const) {
      expectError(await withoutWrites(world, () => world.as(who, { method: 'PATCH', url: `/api/v1/users/${officer}`, payload: { name: 'x' } })), 403, 'forbidden');
      expectError(await withoutWrites(world, () => post(world, who, `/api/v1/users/${officer === world.users[who].id ? world.users.admin.id : officer}/reset-password`)), 403, 'forbidden');
    }
    expectError(await get(world, 'unit_officer', `/api/v1/users/${world.users.admin.id}`), 403, 'forbidden');
    expectStatus(await get(world, 'unit_officer', `/api/v1/users/${officer}`), 200);
    expectError(await world.as('anonymous', { method: 'PATCH', url: `/api/v1/users/${officer}`, payload: {} }), 401, 'unauthenticated');
    expectError(await world.as('admin', { method: 'PATCH', url: `/api/v1/users/${officer}`, payload: { role: 'chief' } }), 400, 'validation_failed', 'role');
    expectError(await world.as('admin', { method: 'PATCH', url: `/api/v1/users/${officer}`, payload: { unitId: null } }), 400, 'validation_failed', 'unitId');
    expectError(await world.as('admin', { method: 'PATCH', url: `/api/v1/users/${officer}`, payload: { unitId: 'no-such-unit' } }), 400, 'validation_failed', 'unitId');
    expectError(await world.as('admin', { method: 'PATCH', url: `/api/v1/users/${world.users.admin.id}`, payload: { active: false } }), 400, 'validation_failed', 'active');
    expectError(await world.as('admin', { method: 'PATCH', url: '/api/v1/users/nobody', payload: { name: 'x' } }), 404, 'not_found');
  });

  it('refuses short, common and breached passwords, by field', async () => {
    const create = (password: string) =>
      post(world, 'admin', '/api/v1/users', { email: `p${password.length}-${Math.random()}@county.test`, name: 'P', role: 'leader', unitId: world.units.leadership.id, password });
    for (const [password, reason] of [
      [' '.repeat(10), 'too_short'],
      ['password12', 'too_short'],
      ['1234567890', 'too_short'],
      [' '.repeat(14), 'repetitive'],
      ['123456789012', 'common'],
      ['qwertyuiopasdf', 'repetitive'],
      ['password1234', 'common'],
      ['iloveyou2024!!', 'common'],
      ['abcabcabcabc', 'repetitive'],
    ] as const) {
      const error = expectError(await withoutWrites(world, () => create(password)), 400, 'validation_failed', 'password');
      expect({ password, details: error.details }).toEqual({ password, details: { reason } });
    }
    expectStatus(await create('tea fields above the river'), 201);
  });

  it('resets a password to a one-time password that must be changed at the next sign-in; the old sessions end', async () => {
    const officer = world.users.otherOfficer;
    const before = await signIn(officer.email, 'correct horse battery', '10.0.0.7');
    expectStatus(before.response, 200);
    const { temporaryPassword } = expectStatus<{ temporaryPassword: string }>(await post(world, 'admin', `/api/v1/users/${officer.id}/reset-password`), 200);
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(16);
    expectError(await asCookie(before.cookie, 'GET', '/api/v1/auth/me'), 401, 'unauthenticated');
    expectError((await signIn(officer.email, 'correct horse battery', '10.0.0.7')).response, 401, 'invalid_credentials');

    const after = await signIn(officer.email, temporaryPassword, '10.0.0.7');
    expect(expectStatus<{ pending: string[] }>(after.response, 200).pending).toEqual(['password_change']);
    expectError(await asCookie(after.cookie, 'GET', '/api/v1/cases'), 403, 'account_setup_required');
    expectError(await asCookie(after.cookie, 'POST', '/api/v1/auth/password', { currentPassword: 'not it at all, no', newPassword: 'a brand new long phrase' }), 400, 'validation_failed', 'currentPassword');
    expectError(await asCookie(after.cookie, 'POST', '/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: 'password1234' }), 400, 'validation_failed', 'newPassword');
    expectStatus(await asCookie(after.cookie, 'POST', '/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: 'a brand new long phrase' }), 204);
    expect(expectStatus<{ pending: string[] }>(await asCookie(after.cookie, 'GET', '/api/v1/auth/me'), 200).pending).toEqual([]);
  });

  it('lists sessions and tokens to their owner and to admins, who can end any of them; expired ones are purged', async () => {
    const leader = world.users.leader;
    const first = await signIn(leader.email, 'correct horse battery', '10.1.0.1');
    const second = await signIn(leader.email, 'correct horse battery', '10.1.0.2');
    type Listed = { items: { id: string; client: string | null; current: boolean; expiresAt: string | null; name: string | null }[] };
    const sessions = expectStatus<Listed>(await asCookie(first.cookie, 'GET', `/api/v1/users/${leader.id}/sessions`), 200).items;
    expect(sessions.map((item) => [item.client, item.current]).sort()).toEqual([['10.1.0.1', true], ['10.1.0.2', false]]);
    const other = sessions.find((item) => !item.current);
    expectError(await get(world, 'coordinator', `/api/v1/users/${leader.id}/sessions`), 403, 'forbidden');
    expectStatus(await world.app.inject({ method: 'DELETE', url: `/api/v1/users/${leader.id}/sessions/${other?.id ?? ''}`, cookies: { redress_session: first.cookie } }), 204);
    expectError(await asCookie(second.cookie, 'GET', '/api/v1/auth/me'), 401, 'unauthenticated');
    expectStatus(await asCookie(first.cookie, 'GET', '/api/v1/auth/me'), 200);

    const made = expectStatus<{ token: string; item: { id: string; expiresAt: string } }>(
      await post(world, 'leader', `/api/v1/users/${leader.id}/tokens`, { name: 'dashboard export' }),
      201,
    );
    expect(Date.parse(made.item.expiresAt) - Date.parse(world.ctx.now())).toBe(90 * 24 * hours(1));
    expectError(await post(world, 'admin', `/api/v1/users/${leader.id}/tokens`, { name: 'x' }), 403, 'forbidden');
    expectError(await post(world, 'leader', `/api/v1/users/${leader.id}/tokens`, { name: 'x', expiresInDays: 1000 }), 400, 'validation_failed', 'expiresInDays');
    const tokens = expectStatus<Listed>(await get(world, 'admin', `/api/v1/users/${leader.id}/tokens`), 200).items;
    expect(tokens.map((item) => item.name)).toContain('dashboard export');
    expectStatus(await world.as('admin', { method: 'DELETE', url: `/api/v1/users/${leader.id}/tokens/${made.item.id}` }), 204);
    expectError(await world.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${made.token}` } }), 401, 'unauthenticated');

    // Sessions last 12 hours; the worker's purge removes them once expired.
    world.time.advance(hours(13));
    expectError(await asCookie(first.cookie, 'GET', '/api/v1/auth/me'), 401, 'unauthenticated');
    const { purgeExpiredCredentials } = await import('../../../commands/credentials.js');
    expect(await purgeExpiredCredentials(world.ctx)).toBeGreaterThanOrEqual(1);
    const left = await world.ctx.db.selectFrom('credentials').select('id').where('kind', '=', 'session').where('expires_at', '<=', world.ctx.now()).execute();
    expect(left).toEqual([]);
  });
});
