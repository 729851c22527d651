import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../../context/context.js';
import { authenticateCredential, type Authenticated, type PendingStep } from '../../commands/sign-in.js';
import type { UserView } from '../../commands/users.js';
import { DomainError } from '../../core/errors.js';
import type { Actor } from '../../core/types.js';

export const sessionCookie = 'redress_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserView | null;
    /** The session or token the request came with. */
    credential: Authenticated['credential'] | null;
    /** What this session must do before anything else (a new password, a second factor). */
    pending: PendingStep[] | null;
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

/** What a session with pending steps may still reach: enough to take those steps and sign out. */
const setupRoutes = new Set([
  '/api/v1/auth/me',
  '/api/v1/auth/password',
  '/api/v1/auth/totp',
  '/api/v1/auth/totp/confirm',
  '/api/v1/config',
]);

function needsLogin(routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && routeUrl.startsWith('/api/v1/') && !openRoutes.has(routeUrl);
}

/** Resolves the caller on every request; routes that need one call `actorOf`. */
export function registerAuth(app: FastifyInstance, ctx: Context): void {
  app.decorateRequest('user', null);
  app.decorateRequest('credential', null);
  app.decorateRequest('pending', null);
  app.addHook('onRequest', async (request) => {
    const secret = requestSecret(request);
    const found = secret ? await authenticateCredential(ctx, secret) : null;
    request.user = found?.user ?? null;
    request.credential = found?.credential ?? null;
    request.pending = found?.pending ?? [];
    // Authenticate before the body is parsed or validated, so an anonymous caller always gets
    // 401 and never a 400 describing what the route would accept.
    const url = request.routeOptions.url;
    if (!needsLogin(url)) return;
    actorOf(request);
    if (request.pending && request.pending.length > 0 && !(url && setupRoutes.has(url))) {
      throw new DomainError('account_setup_required', 'Choose a new password or set up your second factor first.', {
        details: { pending: request.pending },
      });
    }
  });
}

/** The signed-in user, or a 401. */
export function userOf(request: FastifyRequest): UserView {
  const user = request.user;
  if (!user) throw new DomainError('unauthenticated', 'Sign in, or send a bearer token.');
  return user;
}

/** The authenticated actor, or a 401. */
export function actorOf(request: FastifyRequest): Actor {
  const user = userOf(request);
  return { id: user.id, role: user.role, unitId: user.unitId };
}
