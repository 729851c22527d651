import type { FastifyInstance } from 'fastify';
import type { CaseChanged } from '../../commands/change-feed.js';
import type { Context } from '../../commands/context.js';
import { authenticate } from '../../commands/users.js';
import { can, caseScope } from '../../core/policy.js';
import type { Actor } from '../../core/types.js';
import { assignedUnitIds } from '../../db/repositories/cases.js';
import { actorOf, requestSecret } from '../plugins/auth.js';

export interface StreamOptions {
  /** How often a comment line keeps proxies from closing an idle stream; also when the session is rechecked. */
  heartbeatMs?: number;
}

/** Whether the actor may read the case a change is about, by the same rule as `GET /cases/:id`. */
async function mayRead(ctx: Context, actor: Actor, caseId: string): Promise<boolean> {
  const unitIds = caseScope(actor).all ? [] : await assignedUnitIds(ctx.db, caseId);
  return can(actor, 'case.read', { type: 'case', assignedUnitIds: unitIds });
}

/** Server-sent events: every committed change to a case the caller may read, as it happens. */
export function streamRoutes(app: FastifyInstance, ctx: Context, options: StreamOptions = {}): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const open = new Set<() => void>();
  // Open streams never end by themselves; end them so the server can close.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/api/v1/stream', {
    schema: {
      tags: ['live'],
      summary: 'Live case changes as server-sent events (event "case.changed", data {caseId, type, at})',
      produces: ['text/event-stream'],
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const secret = requestSecret(request);
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The retry line also flushes the headers, so the client knows at once it is connected.
      response.write('retry: 3000\n\n');

      let ended = false;
      const deliver = async (change: CaseChanged) => {
        if (ended || !(await mayRead(ctx, actor, change.caseId)) || ended) return;
        response.write(`event: case.changed\ndata: ${JSON.stringify(change)}\n\n`);
      };
      const unsubscribe = ctx.changes.subscribe((change) => {
        deliver(change).catch((error: unknown) => request.log.warn({ err: error }, 'could not deliver a live change'));
      });
      const heartbeat = setInterval(() => {
        // A signed-out or expired session stops receiving changes at the next heartbeat.
        const stillValid = secret ? authenticate(ctx, secret).then((user) => user !== null) : Promise.resolve(false);
        stillValid.then(
          (valid) => {
            if (ended) return;
            if (valid) response.write(': heartbeat\n\n');
            else end();
          },
          () => end(),
        );
      }, heartbeatMs);
      function end(): void {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        response.end();
      }
      open.add(end);
      // The response closes when the client goes away (the request's own 'close' fires once it is read).
      response.on('close', end);
      return reply;
    },
  });
}
