import type { AnnualReport } from '../../../core/annual-report.js';
import { annualReportDocument, type ReportTable } from '../../../documents/report-document.js';
import { html } from '../html.js';
import { portalMessages, type PortalLanguage } from '../i18n/index.js';
import { otherLanguage, page, portalHref } from '../layout.js';

const yearHref = (year: number, language: PortalLanguage) => `${portalHref('/statistics', language)}&year=${year}`;

function table(item: ReportTable) {
  if (item.columns.length === 0) return null;
  return html`<div class="table-wrap"><table class="stack">${item.caption ? html`<caption>${item.caption}</caption>` : null}
<thead><tr>${item.columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
<tbody>${item.rows.map(
    (row) => html`<tr>${row.map((cell, index) => (index === 0 ? html`<th scope="row">${cell}</th>` : html`<td data-label="${item.columns[index] ?? ''}">${cell}</td>`))}</tr>`,
  )}</tbody></table></div>`;
}

/**
 * The public statistics (Art. 41): the annual report's figures, with every figure counting fewer
 * cases than the plan's minimum shown as "fewer than N" and no rate over so few — no case text, no person.
 */
export function statisticsPage(language: PortalLanguage, report: AnnualReport, options: { timeZone: string; latestYear: number }): string {
  const m = portalMessages[language];
  const document = annualReportDocument(report, language, { timeZone: options.timeZone, minimum: report.minimumCases });
  let heading = '';
  const sections = document.tables.map((item) => {
    const head = item.heading !== heading ? html`<h2>${item.heading}</h2>` : null;
    heading = item.heading;
    return html`${head}${item.note ? html`<p>${item.note}</p>` : null}${table(item)}`;
  });
  const years = Array.from({ length: 5 }, (_, index) => options.latestYear - index).filter((year) => year !== report.year);
  const body = html`<h1>${document.title}</h1>
<p class="lead">${m.statistics.intro}</p>
${document.lines.map((line) => html`<p>${line}</p>`)}
${sections}
${document.footnotes.map((line) => html`<p class="hint">${line}</p>`)}
<nav class="no-print" aria-label="${m.statistics.years}"><h2>${m.statistics.years}</h2><ul>${years.map((year) => html`<li><a href="${yearHref(year, language)}">${year}</a></li>`)}</ul></nav>`;
  return page({ language, title: document.title, body, switchTo: { href: yearHref(report.year, otherLanguage(language)) } });
}
