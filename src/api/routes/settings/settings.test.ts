import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../../../../test/world.js';
import { databaseKinds } from '../../../../test/databases.js';
import { expectError } from '../../../../test/requests.js';
import { createToken } from '../../../commands/users.js';
import { loadConfig } from '../../../config.js';
import { settingsInForce } from '../../../settings-in-force.js';
import { buildApp } from '../../app.js';
import type { FastifyInstance } from 'fastify';

const env = {
  REDRESS_DATABASE_URL: 'postgres://redress:db-password-42@db.county.test/redress',
  REDRESS_SMTP_URL: 'smtp://mailer:smtp-password-42@mail.county.test:587',
  REDRESS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  REDRESS_ADMIN_PASSWORD: 'admin-password-42',
  REDRESS_API_DOCS: 'off',
};

describe('the settings in force', () => {
  it('name every setting, and mask every password and key', () => {
    const settings = settingsInForce(loadConfig(env), env);
    const text = JSON.stringify(settings);
    for (const secret of ['db-password-42', 'smtp-password-42', env.REDRESS_ENCRYPTION_KEY, 'admin-password-42']) expect(text).not.toContain(secret);
    const byName = Object.fromEntries(settings.map((setting) => [setting.name, setting.value]));
    expect(byName.REDRESS_DATABASE_URL).toBe('postgres://redress:***@db.county.test/redress');
    expect(byName.REDRESS_SMTP_URL).toBe('smtp://mailer:***@mail.county.test:587');
    expect(byName.REDRESS_ENCRYPTION_KEY).toBe('environment');
    expect(byName.REDRESS_API_DOCS).toBe(false);
    expect(byName.REDRESS_TIMEZONE).toBe('Asia/Shanghai');
  });
});

describe.each(databaseKinds)('GET /api/v1/settings on %s', (kind) => {
  let world: World;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    world = await buildWorld(kind);
    app = await buildApp({ ctx: world.ctx, webRoot: null, settings: settingsInForce(loadConfig(env), env) });
    for (const role of ['admin', 'coordinator', 'auditor'] as const) {
      tokens[role] = (await createToken(world.ctx, { email: world.users[role].email, name: 'test' })).token;
    }
  });
  afterAll(async () => {
    await app.close();
    await world.dispose();
  });

  const read = (role?: string) =>
    app.inject({ method: 'GET', url: '/api/v1/settings', headers: role ? { authorization: `Bearer ${tokens[role] ?? ''}` } : {} });

  it('shows an admin the settings, without a secret', async () => {
    const response = await read('admin');
    expect(response.statusCode).toBe(200);
    const names = response.json<{ items: { name: string }[] }>().items.map((item) => item.name);
    expect(names).toContain('REDRESS_RETENTION_DAYS');
    expect(response.body).not.toContain('db-password-42');
  });

  it('is for admins only', async () => {
    expectError(await read(), 401, 'unauthenticated');
    expectError(await read('coordinator'), 403, 'forbidden');
    expectError(await read('auditor'), 403, 'forbidden');
  });
});
