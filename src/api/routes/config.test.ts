import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../test/api.js';

describe('GET /api/v1/config', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld('sqlite');
  });
  afterAll(() => world.dispose());

  it('tells a signed-in user the jurisdiction’s time zone and the server’s clock', async () => {
    const body = expectStatus(await world.as('unit_officer', { method: 'GET', url: '/api/v1/config' }), 200);
    expect(body).toEqual({ timeZone: 'Asia/Shanghai', now: world.time.now() });
  });

  it('answers 401 to an anonymous caller', async () => {
    const response = await world.as('anonymous', { method: 'GET', url: '/api/v1/config' });
    expect(response.statusCode).toBe(401);
  });
});
