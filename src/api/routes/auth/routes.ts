import { Type, type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../../commands/context.js';
import { login, logout, sessionHours } from '../../../commands/users.js';
import { actorOf, requestSecret, sessionCookie } from '../../plugins/auth.js';
import { ErrorResponse, errorResponses } from '../../schemas.js';
import { User } from '../users/schemas.js';

const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export function authRoutes(app: FastifyInstance, ctx: Context): void {
  app.post('/api/v1/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in; sets the session cookie',
      body: LoginBody,
      response: { 200: Type.Object({ user: User }), 400: ErrorResponse, 401: ErrorResponse },
    },
    handler: async (request, reply) => {
      const body = request.body as Static<typeof LoginBody>;
      const { token, user } = await login(ctx, body);
      reply.setCookie(sessionCookie, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: sessionHours * 3600,
      });
      return { user };
    },
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      const secret = requestSecret(request);
      if (secret) await logout(ctx, secret);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/auth/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Type.Object({ user: User }), ...errorResponses } },
    handler: async (request) => {
      actorOf(request);
      return { user: request.user };
    },
  });
}
