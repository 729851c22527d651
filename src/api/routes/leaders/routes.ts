import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { bookReception, cancelBooking, getCaseLeaders, releasePersonalCharge, takePersonalCharge } from '../../../commands/case-leaders.js';
import { personalChargeReport } from '../../../commands/personal-charge-report.js';
import { cancelReceptionDay, createReceptionDay, getReceptionDay, listReceptionDays } from '../../../commands/receptions.js';
import {
  BookingParams,
  BookReceptionBody,
  CaseLeaders,
  CreateReceptionDayBody,
  PersonalChargeQuery,
  PersonalChargeReport,
  ReceptionDay,
  ReceptionDayDetail,
  ReceptionDayList,
  ReceptionDayParams,
  ReceptionDaysQuery,
} from '../../../contract/leaders.js';
import { actorOf } from '../../plugins/auth.js';
import { idempotently } from '../../plugins/idempotency.js';
import { errorResponses } from '../../schemas.js';
import { CaseParams } from '../cases/schemas.js';

const leaders = { 200: CaseLeaders, ...errorResponses };

/**
 * Leaders in person (issue 13 item 6): the reception days (领导接访日) the office publishes, a case's
 * bookings onto them, a leader's personal charge of a case (包案), and the report of those cases.
 */
export function leaderRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/reception-days', {
    schema: { tags: ['leaders'], summary: 'Reception days not yet over (or from `from`), soonest first; cancelled ones with cancelled=true', querystring: ReceptionDaysQuery, response: { 200: ReceptionDayList, ...errorResponses } },
    handler: async (request) => listReceptionDays(ctx, { actor: actorOf(request), ...request.query }),
  });

  app.post('/api/v1/reception-days', {
    schema: { tags: ['leaders'], summary: 'Publish a reception day: the leader, their office, when, where, how many cases (Idempotency-Key honoured)', body: CreateReceptionDayBody, response: { 201: ReceptionDay, ...errorResponses } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const day = await idempotently(ctx, request, reply, `user:${actor.id}`, (key) => createReceptionDay(ctx, { actor, body: request.body }, key));
      return reply.status(201).send(day);
    },
  });

  app.get('/api/v1/reception-days/:id', {
    schema: { tags: ['leaders'], summary: 'One reception day with the cases booked on it (the office, and the leader who receives)', params: ReceptionDayParams, response: { 200: ReceptionDayDetail, ...errorResponses } },
    handler: async (request) => getReceptionDay(ctx, { actor: actorOf(request), dayId: request.params.id }),
  });

  app.post('/api/v1/reception-days/:id/cancel', {
    schema: { tags: ['leaders'], summary: 'Cancel a reception day: off the schedule, and every booking on it cancelled', params: ReceptionDayParams, response: { 200: ReceptionDayDetail, ...errorResponses } },
    handler: async (request) => cancelReceptionDay(ctx, { actor: actorOf(request), dayId: request.params.id }),
  });

  app.get('/api/v1/cases/:id/leaders', {
    schema: { tags: ['cases'], summary: 'The leader in personal charge of the case, its reception bookings, the days it may be booked on, and what the reader may do', params: CaseParams, response: leaders },
    handler: async (request) => getCaseLeaders(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/reception-bookings', {
    schema: { tags: ['cases'], summary: 'Book the case onto a reception day (the office; Idempotency-Key honoured)', params: CaseParams, body: BookReceptionBody, response: leaders },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return idempotently(ctx, request, reply, `user:${actor.id}`, (key) => bookReception(ctx, { actor, caseId: request.params.id, dayId: request.body.dayId }, key));
    },
  });

  app.post('/api/v1/cases/:id/reception-bookings/:bookingId/cancel', {
    schema: { tags: ['cases'], summary: 'Cancel the case’s booking on a reception day', params: BookingParams, response: leaders },
    handler: async (request) => cancelBooking(ctx, { actor: actorOf(request), caseId: request.params.id, bookingId: request.params.bookingId }),
  });

  app.post('/api/v1/cases/:id/personal-charge', {
    schema: { tags: ['cases'], summary: 'A leader takes personal charge of the case (包案)', params: CaseParams, response: leaders },
    handler: async (request) => takePersonalCharge(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/personal-charge/release', {
    schema: { tags: ['cases'], summary: 'The leader in charge releases the personal charge', params: CaseParams, response: leaders },
    handler: async (request) => releasePersonalCharge(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.get('/api/v1/reports/personal-charge', {
    schema: { tags: ['reports'], summary: 'Cases in personal charge per leader and how they ended: concluded, on time, rated, satisfied', querystring: PersonalChargeQuery, response: { 200: PersonalChargeReport, ...errorResponses } },
    handler: async (request) => personalChargeReport(ctx, { actor: actorOf(request), ...request.query }),
  });
}
