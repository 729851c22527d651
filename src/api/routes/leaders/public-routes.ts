import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { bookReceptionByPetitioner } from '../../../commands/case-leaders.js';
import { publishedReceptionDays } from '../../../commands/receptions.js';
import { BookReceptionBody, PublicBooking, PublicReceptionDays } from '../../../contract/leaders.js';
import { idempotently } from '../../plugins/idempotency.js';
import { guarded } from '../public/guard.js';
import type { GuessThrottle } from '../public/guess-throttle.js';
import { AccessCodeHeaders, publicErrors, ReferenceParams } from '../public/schemas.js';

/** The published schedule of leader reception days, and the petitioner's booking of their petition onto one. */
export function publicReceptionRoutes(app: App, ctx: Context, options: { throttle: GuessThrottle; bodyLimit: number }): void {
  app.get('/public/v1/reception-days', {
    schema: { tags: ['public'], summary: 'Leader reception days (领导接访日) still to come: the leader, their office, when, where, places left', security: [], response: { 200: PublicReceptionDays } },
    handler: async () => ({ items: await publishedReceptionDays(ctx) }),
  });

  app.post('/public/v1/petitions/:reference/reception-bookings', {
    bodyLimit: options.bodyLimit,
    schema: {
      tags: ['public'],
      summary: 'Book the petition onto a reception day (header X-Access-Code; Idempotency-Key honoured)',
      security: [],
      params: ReferenceParams,
      headers: AccessCodeHeaders,
      body: BookReceptionBody,
      response: { 201: PublicBooking, ...publicErrors },
    },
    handler: async (request, reply) => {
      const { reference } = request.params;
      const accessCode = request.headers['x-access-code'];
      const booking = await guarded(options.throttle, request, reply, () =>
        idempotently(ctx, request, reply, `public:${request.ip}`, (key) => bookReceptionByPetitioner(ctx, { reference, accessCode, dayId: request.body.dayId }, key)),
      );
      return reply.status(201).header('cache-control', 'no-store').send(booking);
    },
  });
}
