import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { minutes } from '../../../../test/time.js';
import { databaseKinds } from '../../../../test/databases.js';
import { password } from '../../../../test/world.js';
import { expectError, get, post } from '../../../../test/requests.js';
import { buildApp } from '../../app.js';

describe.each(databaseKinds)('signing in (%s)', (kind) => {
  let world: ApiWorld;
  const pauses: number[] = [];
  let secondProcess: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
    // A second server on the same database, as behind a load balancer.
    secondProcess = await buildApp({ ctx: world.ctx, webRoot: null, auth: { pause: async (ms) => void pauses.push(ms) } });
  });
  afterAll(async () => {
    await secondProcess.close();
    await world.dispose();
  });

  const login = (email: string, secret: string, remoteAddress: string, code?: string, app = world.app) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: secret, ...(code ? { code } : {}) }, remoteAddress });

  it('slows and then refuses guessing from one client, counted across server processes, while the officer at their own address still signs in', async () => {
    const email = world.users.unit_officer.email;
    const attacker = '203.0.113.9';
    const answers: number[] = [];
    for (let guess = 0; guess < 12; guess += 1) {
      // The guesses alternate between two server processes: the count lives in the database.
      const app = guess % 2 === 0 ? world.app : secondProcess;
      answers.push((await login(email, `wrong guess number ${guess}`, attacker, undefined, app)).statusCode);
    }
    expect(answers.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(answers.slice(5).every((status) => status === 429)).toBe(true);
    const refused = await login(email, password, attacker);
    const error = expectError(refused, 429, 'too_many_attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(error.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });

    // The officer, from the township office, is not locked out.
    expectStatus(await login(email, password, '10.20.0.5'), 200);

    // The wait doubles with each failure; after it, one more guess is allowed.
    world.time.advance(minutes(1));
    expect((await login(email, 'one more wrong guess', attacker)).statusCode).toBe(401);
    expectError(await login(email, password, attacker), 429, 'too_many_attempts');
  });

  it('refuses a client spraying many accounts, and holds back answers for an account guessed at from everywhere', async () => {
    const sprayer = '198.51.100.77';
    let last = 0;
    for (let guess = 0; guess < 52; guess += 1) {
      last = (await login(`nobody${guess}@county.test`, 'a wrong password', sprayer)).statusCode;
    }
    expect(last).toBe(429);
    expectError(await login(world.users.leader.email, password, sprayer), 429, 'too_many_attempts');

    // 25 addresses, 1 guess each at the auditor: never refused, but slowed once past 20.
    const email = world.users.auditor.email;
    for (let client = 0; client < 25; client += 1) {
      expect((await login(email, 'not the password', `192.0.2.${client}`, undefined, secondProcess)).statusCode).toBe(401);
    }
    expect(pauses.length).toBeGreaterThan(0);
    pauses.length = 0;
    expectStatus(await login(email, password, '10.20.0.9', undefined, secondProcess), 200);
    expect(pauses.length).toBe(1);
  });

  it('sets up a second factor with a QR code, asks for a code at sign-in, never takes one code twice, and spends recovery codes once', async () => {
    const user = world.users.coordinator;
    const client = '10.30.0.1';
    const start = expectStatus<{ secret: string; uri: string; qrSvg: string }>(await post(world, 'coordinator', '/api/v1/auth/totp'), 200);
    expect(start.uri).toMatch(/^otpauth:\/\/totp\/Redress:coordinator%40county\.test\?/);
    expect(start.qrSvg).toMatch(/^<svg/);
    const totp = new TOTP({ secret: Secret.fromBase32(start.secret), digits: 6, period: 30 });
    const codeNow = () => totp.generate({ timestamp: Date.parse(world.ctx.now()) });

    expectError(await post(world, 'coordinator', '/api/v1/auth/totp/confirm', { code: '000000' === codeNow() ? '111111' : '000000' }), 400, 'validation_failed', 'code');
    const { recoveryCodes } = expectStatus<{ recoveryCodes: string[] }>(await post(world, 'coordinator', '/api/v1/auth/totp/confirm', { code: codeNow() }), 200);
    expect(recoveryCodes).toHaveLength(10);
    expect(await world.ctx.db.selectFrom('recovery_codes').select('digest').where('user_id', '=', user.id).execute()).toHaveLength(10);
    const stored = JSON.stringify(await world.ctx.db.selectFrom('recovery_codes').selectAll().execute());
    for (const code of recoveryCodes) expect(stored).not.toContain(code);

    expectError(await login(user.email, password, client), 401, 'second_factor_required', 'code');
    expectError(await login(user.email, 'a wrong password', client, codeNow()), 401, 'invalid_credentials');
    // The code that confirmed the set-up is spent: the next step's code is needed.
    expectError(await login(user.email, password, client, codeNow()), 401, 'invalid_credentials', 'code');
    world.time.advance(30_000);
    expectStatus(await login(user.email, password, client, codeNow()), 200);
    expectError(await login(user.email, password, client, codeNow()), 401, 'invalid_credentials', 'code');

    const recovery = recoveryCodes[0] ?? '';
    expectStatus(await login(user.email, password, client, recovery.toUpperCase()), 200);
    expectError(await login(user.email, password, client, recovery), 401, 'invalid_credentials', 'code');
    expect(expectStatus<{ recoveryCodesLeft: number; enabled: boolean }>(await get(world, 'coordinator', '/api/v1/auth/totp'), 200)).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });

    expectError(await world.as('coordinator', { method: 'DELETE', url: '/api/v1/auth/totp', payload: { password: 'not my password' } }), 400, 'validation_failed', 'password');
    expectStatus(await world.as('coordinator', { method: 'DELETE', url: '/api/v1/auth/totp', payload: { password } }), 204);
    expectStatus(await login(user.email, password, client), 200);
  });

  it('requires a second factor of admins by default and of the roles an admin chooses; the operator can lift it for admins', async () => {
    const admin = world.users.admin;
    const first = await login(admin.email, password, '10.40.0.1');
    expect(expectStatus<{ pending: string[] }>(first, 200).pending).toEqual(['totp_enrolment']);
    const cookie = first.cookies.find((item) => item.name === 'redress_session')?.value ?? '';
    expectError(await world.app.inject({ method: 'GET', url: '/api/v1/cases', cookies: { redress_session: cookie } }), 403, 'account_setup_required');
    expectStatus(await world.app.inject({ method: 'POST', url: '/api/v1/auth/totp', cookies: { redress_session: cookie } }), 200);
    // An admin cannot turn off a factor their role requires.
    expectError(await world.as('admin', { method: 'DELETE', url: '/api/v1/auth/totp', payload: { password } }), 403, 'forbidden');

    expect(expectStatus(await get(world, 'admin', '/api/v1/auth/policy'), 200)).toEqual({ requiredRoles: ['admin'], adminsByOperator: true });
    expectError(await world.as('coordinator', { method: 'PUT', url: '/api/v1/auth/policy', payload: { requiredRoles: [] } }), 403, 'forbidden');
    expectError(await world.as('admin', { method: 'PUT', url: '/api/v1/auth/policy', payload: { requiredRoles: ['chief'] } }), 400, 'validation_failed');
    expect(expectStatus(await world.as('admin', { method: 'PUT', url: '/api/v1/auth/policy', payload: { requiredRoles: ['leader'] } }), 200)).toEqual({
      requiredRoles: ['admin', 'leader'],
      adminsByOperator: true,
    });
    expect(expectStatus<{ pending: string[] }>(await login(world.users.leader.email, password, '10.40.0.2'), 200).pending).toEqual(['totp_enrolment']);
    // Tokens are made deliberately by their owner; they are not held to the sign-in steps.
    expectStatus(await get(world, 'leader', '/api/v1/cases'), 200);

    const lifted = await buildApiWorld(kind);
    try {
      lifted.ctx.security = { adminTotpRequired: false };
      expect(expectStatus<{ pending: string[] }>(await lifted.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: admin.email, password } }), 200).pending).toEqual([]);
    } finally {
      await lifted.dispose();
    }
  });
});
