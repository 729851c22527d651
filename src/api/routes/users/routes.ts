import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { Context } from '../../../context/context.js';
import { createOwnToken, listCredentials, revokeCredential, type CredentialKind } from '../../../commands/credentials.js';
import { resetPassword } from '../../../commands/passwords.js';
import type { TokenView } from '../../../commands/sign-in.js';
import { clearUserTotp } from '../../../commands/totp.js';
import { createUser, getUser, listUsers, updateUser } from '../../../commands/users.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParams } from '../../schemas.js';
import { forbidden } from '../../../core/errors.js';
import { CreateTokenBody } from '../../../contract/account-bodies.js';
import { CreateUserBody, UpdateUserBody } from '../../../contract/admin-bodies.js';
import { Credential, CredentialParams, NewToken, TemporaryPassword, User } from './schemas.js';
import type { App } from '../../typed-app.js';

/** A credential as listed, marking the one this request came with. */
function presentCredential(request: FastifyRequest, item: TokenView): Static<typeof Credential> {
  return { ...item, current: request.credential?.id === item.id };
}

export function userRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/users', {
    schema: { tags: ['users'], summary: 'List staff accounts', response: { 200: Type.Object({ items: Type.Array(User) }), ...errorResponses } },
    handler: async (request) => ({ items: await listUsers(ctx, { actor: actorOf(request) }) }),
  });

  app.post('/api/v1/users', {
    schema: {
      tags: ['users'],
      summary: 'Add a staff account (its first password must be changed at the first sign-in)',
      body: CreateUserBody,
      response: { 201: User, ...errorResponses },
    },
    handler: async (request, reply) => {
      const body = request.body;
      const user = await createUser(ctx, { actor: actorOf(request), ...body, mustChangePassword: true });
      return reply.status(201).send(user);
    },
  });

  app.get('/api/v1/users/:id', {
    schema: { tags: ['users'], summary: 'One staff account', params: IdParams, response: { 200: User, ...errorResponses } },
    handler: async (request) => getUser(ctx, { actor: actorOf(request), userId: request.params.id }),
  });

  app.patch('/api/v1/users/:id', {
    schema: {
      tags: ['users'],
      summary: 'Change name, role, unit or language; `active: false` deactivates (every session and token ends at once)',
      params: IdParams,
      body: UpdateUserBody,
      response: { 200: User, ...errorResponses },
    },
    handler: async (request) => {
      const body = request.body;
      return updateUser(ctx, { actor: actorOf(request), userId: request.params.id, ...body });
    },
  });

  app.post('/api/v1/users/:id/reset-password', {
    schema: {
      tags: ['users'],
      summary: 'Give the account a one-time password (answered once; it must be changed at the next sign-in)',
      params: IdParams,
      response: { 200: TemporaryPassword, ...errorResponses },
    },
    handler: async (request) => resetPassword(ctx, { actor: actorOf(request), userId: request.params.id }),
  });

  app.delete('/api/v1/users/:id/totp', {
    schema: {
      tags: ['users'],
      summary: "Remove another user's second factor and recovery codes (admins; they set it up again where their role requires one)",
      params: IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await clearUserTotp(ctx, { actor: actorOf(request), userId: request.params.id });
      return reply.status(204).send(null);
    },
  });

  for (const kind of ['session', 'token'] as const satisfies readonly CredentialKind[]) {
    const plural = `${kind}s`;
    app.get(`/api/v1/users/:id/${plural}`, {
      schema: { tags: ['users'], summary: `A user's ${plural} (the owner or an admin)`, params: IdParams, response: { 200: Type.Object({ items: Type.Array(Credential) }), ...errorResponses } },
      handler: async (request) => {
        const items = await listCredentials(ctx, { actor: actorOf(request), userId: request.params.id, kind });
        return { items: items.map((item) => presentCredential(request, item)) };
      },
    });
    app.delete(`/api/v1/users/:id/${plural}/:credentialId`, {
      schema: { tags: ['users'], summary: kind === 'session' ? 'End a session' : 'Revoke a token', params: CredentialParams, response: { 204: Type.Null(), ...errorResponses } },
      handler: async (request, reply) => {
        const params = request.params;
        await revokeCredential(ctx, { actor: actorOf(request), userId: params.id, kind, id: params.credentialId });
        return reply.status(204).send(null);
      },
    });
  }

  app.post('/api/v1/users/:id/tokens', {
    schema: {
      tags: ['users'],
      summary: 'Create an API token of your own (expires after 90 days unless asked otherwise; the secret is answered once)',
      params: IdParams,
      body: CreateTokenBody,
      response: { 201: NewToken, ...errorResponses },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      if (request.params.id !== actor.id) throw forbidden('A token can only be created by its owner.');
      const body = request.body;
      const { token, item } = await createOwnToken(ctx, { actor, name: body.name, expiresInDays: body.expiresInDays });
      return reply.status(201).send({ token, item: presentCredential(request, item) });
    },
  });
}
