import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { Type, type Static } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { dismissSuggestion, getSameIssue, linkCases, mergeCase } from '../../../commands/case-links.js';
import { recurringIssues } from '../../../commands/recurring-issues.js';
import { LinkBody, MergeBody, MergeResult, RecurringIssues, RecurringIssuesQuery, SameIssue } from '../../../contract/case-links.js';
import { pickLanguage, type Language } from '../../messages.js';
import { actorOf } from '../../plugins/auth.js';
import { idempotently } from '../../plugins/idempotency.js';
import { errorResponses } from '../../schemas.js';
import { CaseParams } from '../cases/schemas.js';

const csvWords = {
  zh: { category: '类别', area: '地区', areaUnknown: '（未识别地区）', groupCases: '该类别地区件数', issueCases: '同一事项件数', first: '首次收到', last: '最近收到', references: '信访件编号' },
  en: { category: 'Category', area: 'Area', areaUnknown: '(area not recognised)', groupCases: 'Cases in category and area', issueCases: 'Cases on the issue', first: 'First received', last: 'Last received', references: 'References' },
} as const;

/** One line per recurring issue, most cases first within its category and area. */
function toCsv(report: Static<typeof RecurringIssues>, language: Language, timeZone: string): string {
  const words = csvWords[language];
  const local = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).toFormat('yyyy-MM-dd');
  const header = [words.category, words.area, words.groupCases, words.issueCases, words.first, words.last, words.references];
  const rows = report.groups.flatMap((group) =>
    group.issues.map((issue) => [
      group.categoryName[language],
      group.areaName?.[language] ?? words.areaUnknown,
      group.cases,
      issue.cases,
      local(issue.firstReceivedAt),
      local(issue.lastReceivedAt),
      issue.references.map((item) => item.reference).join(' '),
    ]),
  );
  // A byte-order mark lets spreadsheet programs read the Chinese names as UTF-8.
  return `\uFEFF${stringify([header, ...rows])}`;
}

/** Cases on the same issue (同一事项): the case page's panel, links, dismissals, merges; the recurring-issues report. */
export function caseLinkRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/cases/:id/same-issue', {
    schema: {
      tags: ['cases'],
      summary: 'Cases on the same issue: suggestions (same category and area, alike words; never by person), linked cases, merged duplicates',
      params: CaseParams,
      response: { 200: SameIssue, ...errorResponses },
    },
    handler: async (request) => getSameIssue(ctx, { actor: actorOf(request), caseId: request.params.id }),
  });

  app.post('/api/v1/cases/:id/links', {
    schema: {
      tags: ['cases'],
      summary: 'Link another case as the same issue (a suggestion confirmed, or a case by its reference); an event on both timelines',
      params: CaseParams,
      body: LinkBody,
      response: { 200: SameIssue, ...errorResponses },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return idempotently(ctx, request, reply, `user:${actor.id}`, (key) => linkCases(ctx, { actor, caseId: request.params.id, target: request.body }, key));
    },
  });

  app.post('/api/v1/cases/:id/link-dismissals', {
    schema: {
      tags: ['cases'],
      summary: 'Dismiss a suggested case as not the same issue: it is not suggested again',
      params: CaseParams,
      body: LinkBody,
      response: { 200: SameIssue, ...errorResponses },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return idempotently(ctx, request, reply, `user:${actor.id}`, (key) => dismissSuggestion(ctx, { actor, caseId: request.params.id, target: request.body }, key));
    },
  });

  app.post('/api/v1/cases/:id/merge', {
    schema: {
      tags: ['cases'],
      summary: "Merge this case (a duplicate of one petition) into another, which survives it: both references and access codes find the survivor",
      params: CaseParams,
      body: MergeBody,
      response: { 200: MergeResult, ...errorResponses },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return idempotently(ctx, request, reply, `user:${actor.id}`, (key) => mergeCase(ctx, { actor, caseId: request.params.id, ...request.body }, key));
    },
  });

  app.get('/api/v1/reports/recurring-issues', {
    schema: {
      tags: ['reports'],
      summary: 'The issues that recur most (每月一题), per category and area (or of one area unit), over a period; Accept: text/csv or format=csv for CSV',
      querystring: RecurringIssuesQuery,
      response: { 200: Type.Union([RecurringIssues, Type.String()]), ...errorResponses },
    },
    handler: async (request, reply) => {
      const query = request.query;
      const report = await recurringIssues(ctx, { actor: actorOf(request), from: query.from, to: query.to, category: query.category, area: query.area });
      if (query.format === 'csv' || (request.headers.accept ?? '').includes('text/csv')) {
        const language = pickLanguage(query.lang, request.headers['accept-language']);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="recurring-issues.csv"')
          .serializer(String)
          .send(toCsv(report, language, ctx.timeZone));
      }
      return report;
    },
  });
}
