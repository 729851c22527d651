import { stringify } from 'csv-stringify/sync';
import { Type, type Static } from 'typebox';
import type { App } from '../../typed-app.js';
import { allAuditEntries, listAuditEntries, verifyAuditFor, type AuditFilters } from '../../../commands/audit-log.js';
import type { Context } from '../../../context/context.js';
import type { AuditKey } from '../../../security/audit-key.js';
import { pickLanguage, type Language } from '../../messages.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { AuditPage, AuditQuery, AuditReport } from './schemas.js';

const csvHeaders: Record<Language, string[]> = {
  zh: ['序号', '时间（UTC）', '操作人', '操作人编号', '操作', '对象类型', '对象编号', '信访事项编号', '详情'],
  en: ['Chain place', 'Time (UTC)', 'Actor', 'Actor id', 'Action', 'Subject type', 'Subject id', 'Case reference', 'Detail'],
};

function filtersOf(query: Static<typeof AuditQuery>): AuditFilters {
  const { actor, action, subject, from, to } = query;
  return { ...(actor ? { actor } : {}), ...(action ? { action } : {}), ...(subject ? { subject } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** The audit log for auditors and admins: a filtered, paged list (JSON or CSV) and the verify check. */
export function auditRoutes(app: App, ctx: Context, key: AuditKey | null): void {
  app.get('/api/v1/audit', {
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first; `Accept: text/csv` exports every matching entry, oldest first',
      querystring: AuditQuery,
      response: { 200: Type.Union([AuditPage, Type.String()]), ...errorResponses },
    },
    handler: async (request, reply) => {
      const query = request.query;
      const actor = actorOf(request);
      if (query.format === 'csv' || request.headers.accept?.includes('text/csv')) {
        const language = pickLanguage(query.lang, request.headers['accept-language']);
        const rows: unknown[][] = [csvHeaders[language]];
        for await (const entry of allAuditEntries(ctx, { actor, filters: filtersOf(query) })) {
          rows.push([entry.seq ?? '', entry.at, entry.actorName ?? '', entry.actorId ?? '', entry.action, entry.subjectType, entry.subjectId ?? '', entry.caseReference ?? '', JSON.stringify(entry.detail)]);
        }
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-log.csv"')
          .serializer(String)
          .send(`\uFEFF${stringify(rows)}`);
      }
      return listAuditEntries(ctx, {
        actor,
        filters: filtersOf(query),
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
    },
  });

  app.post('/api/v1/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Run the same check as `redress audit verify`: both hash chains and every signed checkpoint',
      response: { 200: AuditReport, ...errorResponses },
    },
    handler: async (request) => verifyAuditFor(ctx, { actor: actorOf(request), key }),
  });
}
