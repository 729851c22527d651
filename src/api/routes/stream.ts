import type { App } from '../typed-app.js';
import type { CaseChanged } from '../../context/change-feed.js';
import type { Context } from '../../context/context.js';
import { onCredentialsEnded } from '../../context/revocations.js';
import { authenticate } from '../../commands/sign-in.js';
import { mayActOnCase } from '../../commands/support/case-access.js';
import { actorOf, requestSecret } from '../plugins/auth.js';

interface StreamOptions {
  /** How often a comment line keeps proxies from closing an idle stream; also when the session is rechecked. */
  heartbeatMs?: number;
}

/** Server-sent events: every committed change to a case the caller may read, as it happens. */
export function streamRoutes(app: App, ctx: Context, options: StreamOptions = {}): void {
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
      // The credential is checked again before every delivery, so a session ended or an account
      // deactivated — by this process or another — never receives another change.
      const stillValid = async () => (secret ? (await authenticate(ctx, secret)) !== null : false);
      // Only changes to cases the caller may read, by the same rule as `GET /cases/:id` (caseFor).
      const deliver = async (change: CaseChanged) => {
        if (ended || !(await mayActOnCase(ctx.db, actor, change.caseId, 'case.read')) || ended) return;
        if (!(await stillValid())) return end();
        if (ended) return;
        response.write(`event: case.changed\ndata: ${JSON.stringify(change)}\n\n`);
      };
      const unsubscribe = ctx.changes.subscribe((change) => {
        deliver(change).catch((error: unknown) => request.log.warn({ err: error }, 'could not deliver a live change'));
      });
      const recheck = (beat: boolean) =>
        stillValid().then(
          (valid) => {
            if (ended) return;
            if (!valid) end();
            else if (beat) response.write(': heartbeat\n\n');
          },
          () => end(),
        );
      // An expired session, or one ended in another server process, ends at the next heartbeat.
      const heartbeat = setInterval(() => void recheck(true), heartbeatMs);
      // Ended here (sign-out elsewhere, deactivation, a revoked token): the stream ends at once.
      const stopListening = onCredentialsEnded((userId) => {
        if (userId === actor.id) void recheck(false);
      });
      function end(): void {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        stopListening();
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
