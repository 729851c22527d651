import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import { calendarByYear, calendarSourceText, importCalendar, importCalendarYears, loadCalendar } from '../../../commands/calendar.js';
import type { Context } from '../../../context/context.js';
import { forbidden } from '../../../core/errors.js';
import { can } from '../../../core/policy.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { CalendarYears } from './schemas.js';

const YamlBody = Type.String({ maxLength: 1_000_000 });

/** The holiday calendar working-day deadlines count by: read by everyone who reads plans, changed by admins. */
export function calendarRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/calendar', {
    schema: { tags: ['calendar'], summary: 'The holiday calendar in force, as YAML', response: { 200: Type.String(), ...errorResponses } },
    handler: async (request, reply) => {
      if (!can(actorOf(request), 'plan.read')) throw forbidden();
      return reply.type('application/yaml; charset=utf-8').serializer(String).send(await calendarSourceText(ctx.db));
    },
  });

  app.put('/api/v1/calendar', {
    schema: {
      tags: ['calendar'],
      summary: 'Replace the whole holiday calendar (YAML, Content-Type: application/yaml)',
      body: YamlBody,
      response: { 200: Type.Object({ name: Type.String(), years: Type.Array(Type.Integer()), holidays: Type.Integer(), workdays: Type.Integer() }), ...errorResponses },
    },
    handler: async (request) => {
      const calendar = await importCalendar(ctx, { actor: actorOf(request), source: request.body });
      return { name: calendar.name, years: calendar.years, holidays: calendar.holidays.size, workdays: calendar.workdays.size };
    },
  });

  app.get('/api/v1/calendar/years', {
    schema: { tags: ['calendar'], summary: 'The calendar in force, year by year: its holidays and make-up working days', response: { 200: CalendarYears, ...errorResponses } },
    handler: async (request) => {
      if (!can(actorOf(request), 'plan.read')) throw forbidden();
      // From the database, as GET /calendar: the import may have been made through another server process.
      return calendarByYear(await loadCalendar(ctx.db));
    },
  });

  app.post('/api/v1/calendar/years', {
    schema: {
      tags: ['calendar'],
      summary:
        'Import years into the calendar (YAML in the format of calendars/cn-mainland.yaml): each year the file holds replaces that year, others are kept. ' +
        'A bad file is a 400 whose `details.problems` lists each problem with its line.',
      body: YamlBody,
      response: { 200: Type.Intersect([Type.Object({ imported: Type.Array(Type.Integer()) }), CalendarYears]), ...errorResponses },
    },
    handler: async (request) => {
      const result = await importCalendarYears(ctx, { actor: actorOf(request), source: request.body });
      return { imported: result.imported, ...calendarByYear(result.calendar) };
    },
  });
}
