import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { changeOwnPassword } from '../../../commands/passwords.js';
import { login, logout, sessionHours } from '../../../commands/sign-in.js';
import { DomainError } from '../../../core/errors.js';
import { globalAbilities } from '../../../core/policy.js';
import { actorOf, userOf, requestSecret, sessionCookie } from '../../plugins/auth.js';
import { ErrorResponse, errorResponses } from '../../schemas.js';
import { PasswordBody } from '../../../contract/account-bodies.js';
import { LoginBody, SignedIn } from './schemas.js';
import { secondFactorRoutes } from './second-factor-routes.js';

export interface AuthOptions {
  /** Holds a sign-in's answer back when the throttle slows it; tests pass one that only records. */
  pause?: (ms: number) => Promise<void>;
}

export function authRoutes(app: App, ctx: Context, options: AuthOptions = {}): void {
  app.post('/api/v1/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in; sets the session cookie. With a second factor, send `code` when `second_factor_required` asks for it.',
      body: LoginBody,
      response: { 200: SignedIn, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
    },
    handler: async (request, reply) => {
      const body = request.body;
      try {
        const { token, user, pending } = await login(ctx, {
          ...body,
          client: request.ip,
          userAgent: request.headers['user-agent'],
          ...(options.pause ? { pause: options.pause } : {}),
        });
        reply.setCookie(sessionCookie, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: sessionHours * 3600,
        });
        return { user, pending, abilities: globalAbilities({ id: user.id, role: user.role, unitId: user.unitId }) };
      } catch (error) {
        if (error instanceof DomainError && error.code === 'too_many_attempts') {
          const details = error.details as { retryAfterSeconds?: number } | undefined;
          reply.header('retry-after', String(details?.retryAfterSeconds ?? 60));
        }
        throw error;
      }
    },
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      const secret = requestSecret(request);
      if (secret) await logout(ctx, secret);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/auth/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user, and what their session must do first', response: { 200: SignedIn, ...errorResponses } },
    handler: async (request) => {
      const user = userOf(request);
      return { user, pending: request.pending ?? [], abilities: globalAbilities(actorOf(request)) };
    },
  });

  app.post('/api/v1/auth/password', {
    schema: {
      tags: ['auth'],
      summary: 'Change your own password (the current one required); your other sessions end',
      body: PasswordBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const body = request.body;
      await changeOwnPassword(ctx, { actor: actorOf(request), ...body, keepCredentialId: request.credential?.id });
      return reply.status(204).send(null);
    },
  });

  secondFactorRoutes(app, ctx);
}
