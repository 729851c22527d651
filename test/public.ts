import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type AppOptions } from '../src/api/app.js';
import { createToken } from '../src/commands/users.js';
import type { ApiWorld } from './api.js';
import { buildWorld } from './world.js';

type Who = Parameters<ApiWorld['as']>[0];

/** Limits high enough that only the tests about limits ever meet them. */
export const roomyLimits: NonNullable<AppOptions['public']> = {
  requestsPerMinute: 100_000,
  submissionsPerHour: 100_000,
  guesses: { freeFailures: 1_000, maxFailuresPerClient: 1_000 },
};

/** Like `buildApiWorld`, with the app built with the given options (the public side's limits). */
export async function buildPublicWorld(
  kind: 'sqlite' | 'postgres',
  options: Omit<AppOptions, 'ctx'> = { public: roomyLimits },
): Promise<ApiWorld> {
  const world = await buildWorld(kind);
  const app = await buildApp({ ctx: world.ctx, webRoot: null, ...options });
  const tokens = new Map<Who, string>();
  for (const [who, user] of Object.entries(world.users)) {
    // Tests move their time by months; their tokens must outlive that (the default is 90 days).
    const { token } = await createToken(world.ctx, { email: user.email, name: 'test', days: 3650 });
    tokens.set(who as Who, token);
  }
  return {
    ...world,
    app,
    as(who, request: InjectOptions) {
      const token = tokens.get(who);
      const headers = { ...(request.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
      return app.inject({ ...request, headers });
    },
    dispose: async () => {
      await app.close();
      await world.dispose();
    },
  };
}

/** A valid petition body for POST /public/v1/petitions. */
export function petition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'individual',
    category: 'wage-arrears',
    title: 'Three months of wages unpaid',
    description: 'The contractor at the school building site has not paid us since August.',
    location: '城关镇东街工地',
    petitioner: { name: '王五', contact: '13700000000' },
    ...overrides,
  };
}

export interface Submitted {
  reference: string;
  accessCode: string;
}

/** Submits a petition through the public API and returns its receipt. */
export async function submit(world: ApiWorld, body: Record<string, unknown> = petition()): Promise<Submitted> {
  const response = await world.as('anonymous', { method: 'POST', url: '/public/v1/petitions', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Submitted>();
}

/** Reads a petition's public status with its access code. */
export function status(world: ApiWorld, reference: string, accessCode: string): Promise<LightMyRequestResponse> {
  return world.as('anonymous', { method: 'GET', url: `/public/v1/petitions/${reference}`, headers: { 'x-access-code': accessCode } });
}

/** The urlencoded body of an HTML form post. */
export function form(fields: Record<string, string>): { headers: Record<string, string>; payload: string } {
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() };
}

/** The cookies a response set, as a browser would send them back (name → value; cleared ones left out). */
export function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.filter((cookie) => cookie.value !== '').map((cookie) => [cookie.name, cookie.value]));
}
