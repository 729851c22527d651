import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { Type } from 'typebox';
import { Report, ReportQuery, Stats } from './schemas.js';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { accountabilityReport, type AccountabilityReport } from '../../../commands/reports.js';
import { sharedStats } from '../../../commands/stats.js';
import { annualReport, printAnnualReport } from '../../../commands/annual-report.js';
import { AnnualReport, AnnualReportQuery } from '../../../contract/annual-report.js';
import { PdfBytes } from '../cases/notice-routes.js';
import { figureNames } from '../../../core/accountability.js';
import { pickLanguage, type Language } from '../../messages.js';
import { html } from '../../portal/html.js';
import { actorOf } from '../../plugins/auth.js';
import { ErrorResponse, errorResponses } from '../../schemas.js';
import { reportMessages } from './messages.js';
import { indicatorRoutes } from './indicator-routes.js';

const metricKeys = [
  ['medianMinutesToAcknowledge', 'medianAck'],
  ['p90MinutesToAcknowledge', 'p90Ack'],
  ['medianMinutesToArrive', 'medianArrive'],
  ['p90MinutesToArrive', 'p90Arrive'],
  ['medianDaysToConclude', 'medianConclude'],
  ['p90DaysToConclude', 'p90Conclude'],
] as const;

function toCsv(report: AccountabilityReport, language: Language): string {
  const text = reportMessages[language];
  const header = [text.unit, ...figureNames.map((name) => text.figures[name]), ...metricKeys.map(([, label]) => text[label]), 'unit_id'];
  const rows = report.units.map((unit) => [unit.unitName, ...figureNames.map((name) => unit[name]), ...metricKeys.map(([key]) => unit[key] ?? ''), unit.unitId]);
  // A byte-order mark lets spreadsheet programs read the Chinese names as UTF-8.
  return `\uFEFF${stringify([header, ...rows])}`;
}

function toHtml(report: AccountabilityReport, language: Language, timeZone: string): string {
  const text = reportMessages[language];
  const local = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).toFormat('yyyy-MM-dd HH:mm');
  const figureCell = (unit: AccountabilityReport['units'][number], name: (typeof figureNames)[number]) => {
    const cases = unit.cases[name];
    if (cases.length === 0) return html`<td>${unit[name]}</td>`;
    const links = cases.map((item, index) => html`${index > 0 ? ' ' : ''}<a href="/cases/${encodeURIComponent(item.id)}">${item.reference}</a>`);
    return html`<td><details><summary>${unit[name]}</summary>${links}</details></td>`;
  };
  const rows = report.units.map(
    (unit, index) =>
      html`${index > 0 ? '\n' : ''}<tr><th scope="row">${unit.unitName}</th>${figureNames.map((name) => figureCell(unit, name))}${metricKeys.map(
        ([key]) => html`<td>${unit[key] ?? '—'}</td>`,
      )}</tr>`,
  );
  return html`<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #999;padding:.35rem .5rem;text-align:right;vertical-align:top}
th[scope=row],thead th:first-child{text-align:left}thead th{background:#eef2f7}details summary{cursor:pointer;color:#0b5394}
details a{display:inline-block;margin:.1rem .25rem}.meta{color:#444}@media print{button{display:none}details{display:block}details>a{display:inline}}
</style></head><body><main>
<h1>${text.title}</h1>
<p class="meta">${text.period}: ${local(report.from)} – ${local(report.to)} · ${text.generated}: ${local(report.generatedAt)}</p>
<p class="meta">${text.note}</p>
<button type="button" onclick="window.print()">${text.print}</button>
${
  report.units.length === 0
    ? html`<p>${text.noData}</p>`
    : html`<table><thead><tr><th scope="col">${text.unit}</th>${figureNames.map((name) => html`<th scope="col">${text.figures[name]}</th>`)}${metricKeys.map(
        ([, label]) => html`<th scope="col">${text[label]}</th>`,
      )}</tr></thead><tbody>
${rows}
</tbody></table>`
}
</main></body></html>`.value;
}

/** The accountability report (JSON, CSV, printable HTML) and the dashboard's statistics. */
export function reportRoutes(app: App, ctx: Context): void {
  indicatorRoutes(app, ctx);
  app.get('/api/v1/reports/accountability', {
    schema: {
      tags: ['reports'],
      summary: 'Accountability per unit and period; Accept: text/csv for CSV',
      querystring: ReportQuery,
      response: { 200: Type.Union([Report, Type.String()]), ...errorResponses },
    },
    handler: async (request, reply) => {
      const query = request.query;
      const report = await accountabilityReport(ctx, { actor: actorOf(request), ...query, ...(query.unit ? { unitId: query.unit } : {}) });
      if ((request.headers.accept ?? '').includes('text/csv')) {
        const language = pickLanguage(query.lang, request.headers['accept-language']);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="accountability.csv"')
          .serializer(String)
          .send(toCsv(report, language));
      }
      return report;
    },
  });

  app.get('/reports/accountability', {
    schema: { hide: true, querystring: ReportQuery },
    handler: async (request, reply) => {
      const query = request.query;
      const report = await accountabilityReport(ctx, { actor: actorOf(request), ...query, ...(query.unit ? { unitId: query.unit } : {}) });
      const language = pickLanguage(query.lang, request.headers['accept-language']);
      return reply.type('text/html; charset=utf-8').send(toHtml(report, language, ctx.timeZone));
    },
  });

  app.get('/api/v1/reports/annual', {
    schema: {
      tags: ['reports'],
      summary: 'The annual report of a year (Art. 41): received by channel, kind, class, category and area; accepted, concluded, on time; reviews; the units with the most petitions; transfers and assignments; suggestions. From the record only',
      querystring: AnnualReportQuery,
      response: { 200: AnnualReport, ...errorResponses },
    },
    handler: async (request) => annualReport(ctx, { actor: actorOf(request), ...(request.query.year ? { year: request.query.year } : {}) }),
  });

  app.get('/api/v1/reports/annual.pdf', {
    schema: {
      tags: ['reports'],
      summary: 'The annual report as a PDF, in zh or en',
      querystring: AnnualReportQuery,
      produces: ['application/pdf'],
      response: { 200: PdfBytes, ...errorResponses, 503: ErrorResponse },
    },
    handler: async (request, reply) => {
      const language = pickLanguage(request.query.lang, request.headers['accept-language']);
      const printed = await printAnnualReport(ctx, { actor: actorOf(request), language, ...(request.query.year ? { year: request.query.year } : {}) });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${printed.filename}"`).header('cache-control', 'no-store').send(printed.pdf);
    },
  });

  // One computation serves every dashboard until a case changes or a second passes (commands/stats.ts).
  const dashboard = sharedStats(ctx.changes);
  app.addHook('onClose', async () => dashboard.close());
  app.get('/api/v1/stats', {
    schema: {
      tags: ['reports'],
      summary: 'Open cases by stage, urgency, unit and category; overdue; weekly flow (shared by every reader until a case changes, at most a second old)',
      response: { 200: Stats, ...errorResponses },
    },
    handler: async (request) => dashboard.stats(ctx, { actor: actorOf(request) }),
  });
}
