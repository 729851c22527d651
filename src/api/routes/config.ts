import { Type } from 'typebox';
import type { App } from '../typed-app.js';
import type { Context } from '../../context/context.js';
import { actorOf } from '../plugins/auth.js';
import { errorResponses, Time } from '../schemas.js';

const ClientConfig = Type.Object({
  timeZone: Type.String({ description: "The jurisdiction's IANA time zone; the UI shows every time in it." }),
  now: Time,
});

/** What the web app needs to know about this server: its time zone and its clock. */
export function configRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/config', {
    schema: { tags: ['system'], summary: "The jurisdiction's time zone and the server's clock", response: { 200: ClientConfig, ...errorResponses } },
    handler: async (request) => {
      actorOf(request);
      // The UI measures "time left" against the server's clock, not a workstation's, which may be wrong.
      return { timeZone: ctx.timeZone, now: ctx.now() };
    },
  });
}
