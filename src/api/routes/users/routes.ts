import { Type, type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../../commands/context.js';
import { createUser, listUsers } from '../../../commands/users.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { CreateUserBody, User } from './schemas.js';

export function userRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/api/v1/users', {
    schema: { tags: ['users'], summary: 'List staff accounts', response: { 200: Type.Object({ items: Type.Array(User) }), ...errorResponses } },
    handler: async (request) => ({ items: await listUsers(ctx, { actor: actorOf(request) }) }),
  });

  app.post('/api/v1/users', {
    schema: { tags: ['users'], summary: 'Add a staff account', body: CreateUserBody, response: { 201: User, ...errorResponses } },
    handler: async (request, reply) => {
      const body = request.body as Static<typeof CreateUserBody>;
      const user = await createUser(ctx, { actor: actorOf(request), ...body });
      return reply.status(201).send(user);
    },
  });
}
