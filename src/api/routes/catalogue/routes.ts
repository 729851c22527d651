import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { catalogueReport, listCatalogue, updateCatalogueEntry } from '../../../commands/catalogue.js';
import { CatalogueEditBody, CatalogueEntry, CatalogueReport } from '../../../contract/routing.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, IdParams } from '../../schemas.js';

/** The routing catalogue (派单目录): its entries, one entry's edit (no republishing), and the report of entries most often rerouted. */
export function catalogueRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/catalogue', {
    schema: { tags: ['catalogue'], summary: 'The routing catalogue: category × area → lead and assisting units, with what became of each entry’s proposals', response: { 200: Type.Object({ items: Type.Array(CatalogueEntry) }), ...errorResponses } },
    handler: async (request) => ({ items: await listCatalogue(ctx, { actor: actorOf(request) }) }),
  });

  app.patch('/api/v1/catalogue/:id', {
    schema: { tags: ['catalogue'], summary: 'Edit one catalogue entry without republishing the plan (audited)', params: IdParams, body: CatalogueEditBody, response: { 200: CatalogueEntry, ...errorResponses } },
    handler: async (request) => updateCatalogueEntry(ctx, { actor: actorOf(request), entryId: request.params.id, edit: request.body }),
  });

  app.get('/api/v1/reports/catalogue', {
    schema: {
      tags: ['reports'],
      summary: 'The catalogue entries rerouted and objected to most, so the office can correct them',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }),
      response: { 200: CatalogueReport, ...errorResponses },
    },
    handler: async (request) => catalogueReport(ctx, { actor: actorOf(request), ...(request.query.limit ? { limit: request.query.limit } : {}) }),
  });
}
