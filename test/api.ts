import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../src/api/app.js';
import { createToken } from '../src/commands/users.js';
import type { Role } from '../src/core/types.js';
import { buildWorld, type World } from './world.js';

type Who = Role | 'otherOfficer' | 'anonymous';

export interface ApiWorld extends World {
  app: FastifyInstance;
  /** Sends a request as one of the world's users (bearer token), or anonymously. */
  as(who: Who, options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function buildApiWorld(kind: 'sqlite' | 'postgres', options: Omit<AppOptions, 'ctx'> = {}): Promise<ApiWorld> {
  const world = await buildWorld(kind);
  const app = await buildApp({ ...options, ctx: world.ctx });
  const tokens = new Map<Who, string>();
  for (const [who, user] of Object.entries(world.users)) {
    // Tests move their time by months; their tokens must outlive that (the default is 90 days).
    const { token } = await createToken(world.ctx, { email: user.email, name: 'test', days: 3650 });
    tokens.set(who as Who, token);
  }
  return {
    ...world,
    app,
    as(who, options) {
      const token = tokens.get(who);
      const headers = { ...(options.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
      return app.inject({ ...options, headers });
    },
    dispose: async () => {
      await app.close();
      await world.dispose();
    },
  };
}

/** The JSON body of a response, failing loudly with the body when the status is not the one expected. */
export function expectStatus<T = Record<string, unknown>>(response: LightMyRequestResponse, status: number): T {
  if (response.statusCode !== status) {
    throw new Error(`Expected HTTP ${status}, got ${response.statusCode}: ${response.body}`);
  }
  return (response.body ? response.json() : null) as T;
}
