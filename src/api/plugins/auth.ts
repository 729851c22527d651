import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../../commands/context.js';
import { authenticate, type UserView } from '../../commands/users.js';
import { DomainError } from '../../core/errors.js';
import type { Actor } from '../../core/types.js';

export const sessionCookie = 'redress_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserView | null;
  }
}

/** The secret a request carries: a bearer token, or else the session cookie. */
export function requestSecret(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return request.cookies[sessionCookie] ?? null;
}

/** The routes under `/api/v1/` that answer without a login; every other one needs a user. */
const openRoutes = new Set(['/api/v1/auth/login', '/api/v1/auth/logout']);

function needsLogin(routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && routeUrl.startsWith('/api/v1/') && !openRoutes.has(routeUrl);
}

/** Resolves the caller on every request; routes that need one call `actorOf`. */
export function registerAuth(app: FastifyInstance, ctx: Context): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const secret = requestSecret(request);
    request.user = secret ? await authenticate(ctx, secret) : null;
    // Authenticate before the body is parsed or validated, so an anonymous caller always gets
    // 401 and never a 400 describing what the route would accept.
    if (needsLogin(request.routeOptions.url)) actorOf(request);
  });
}

/** The authenticated actor, or a 401. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.user;
  if (!user) throw new DomainError('unauthenticated', 'Sign in, or send a bearer token.');
  return { id: user.id, role: user.role, unitId: user.unitId };
}
