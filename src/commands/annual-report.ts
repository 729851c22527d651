import { annualFigures, checkYear, yearPeriod, type AnnualCaseFacts, type AnnualReport } from '../core/annual-report.js';
import type { ReportEvent } from '../core/accountability.js';
import { areaFromLocation } from '../core/catalogue.js';
import { forbidden } from '../core/errors.js';
import { minimumCases } from '../core/plan.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { loadCurrentPlan } from '../db/repositories/plans.js';
import { requirePdfFont } from '../documents/font.js';
import { annualReportDocument } from '../documents/report-document.js';
import { renderReport } from '../documents/report-pdf.js';
import type { DocumentLanguage } from '../documents/words.js';
import { pdfFontOf, reportReads, type Context } from '../context/context.js';

/** The events the annual report reads: stages, answers, missed clocks, transfers, supervision. */
const annualEventTypes = [
  'stage.changed',
  'answer.given',
  'deadline.missed',
  'deadline.voided',
  'transfer.made',
  'transfer.replied',
  'transfer.reported',
  'supervision.started',
  'supervision.feedback',
  'supervision.ended',
];

export type { AnnualReport };

/** Figures the report would carry that this deployment does not record yet (named, so the page says so rather than print a zero): none now. */
export const notYetRecorded: readonly string[] = [];

/** The year's figures from the case rows and the timeline: codes, times and counts only. */
async function compute(ctx: Context, yearValue: string | number | undefined): Promise<AnnualReport> {
  const now = ctx.now();
  const year = checkYear(yearValue, now, ctx.timeZone);
  const { from, to } = yearPeriod(year, ctx.timeZone);
  const db = reportReads(ctx);
  const rowIds = await db
    .selectFrom('cases')
    .select('id')
    .where((eb) => eb.or((['received_at', 'accepted_at', 'concluded_at'] as const).map((column) => eb.and([eb(column, '>=', from), eb(column, '<', to)]))))
    .execute();
  const eventIds = await db.selectFrom('events').select('case_id').distinct().where('type', 'in', annualEventTypes).where('at', '>=', from).where('at', '<', to).execute();
  const caseIds = [...new Set([...rowIds.map((row) => row.id), ...eventIds.map((row) => row.case_id)])].sort();

  const allUnits = await db.selectFrom('units').select(['id', 'name', 'name_en', 'parent_id']).execute();
  const tree = allUnits.map((unit) => ({ id: unit.id, name: unit.name, nameEn: unit.name_en, parentId: unit.parent_id }));
  const cases: AnnualCaseFacts[] = [];
  const events: ReportEvent[] = [];
  for (let start = 0; start < caseIds.length; start += 500) {
    const chunk = caseIds.slice(start, start + 500);
    const rows = await db
      .selectFrom('cases')
      .leftJoin('routing_proposals', 'routing_proposals.case_id', 'cases.id')
      .select([
        'cases.id',
        'cases.channel',
        'cases.kind',
        'cases.category',
        'cases.matter_class',
        'routing_proposals.area_unit_id',
        'cases.lead_unit_id',
        'cases.stage',
        'cases.received_at',
        'cases.accepted_at',
        'cases.accept_due_at',
        'cases.concluded_at',
        'cases.conclude_due_at',
        'cases.adoption',
        'cases.location',
      ])
      .where('cases.id', 'in', chunk)
      .execute();
    for (const row of rows) {
      cases.push({
        id: row.id,
        channel: row.channel,
        kind: row.kind,
        category: row.category,
        matterClass: row.matter_class ?? null,
        // The routing proposal's area, else the unit the location names (as routing reads it); the location itself goes no further.
        areaUnitId: row.area_unit_id ?? areaFromLocation(tree, row.location),
        leadUnitId: row.lead_unit_id,
        stage: row.stage,
        receivedAt: row.received_at,
        acceptedAt: row.accepted_at,
        acceptDueAt: row.accept_due_at,
        concludedAt: row.concluded_at,
        concludeDueAt: row.conclude_due_at,
        adoption: row.adoption ?? null,
      });
    }
    const stored = await db
      .selectFrom('events')
      .select(['case_id', 'type', 'at', 'data'])
      .where('case_id', 'in', chunk)
      .where('type', 'in', annualEventTypes)
      .where('at', '>=', from)
      .orderBy('id')
      .execute();
    for (const row of stored) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      // Only the codes and times the figures need: a transfer's reason, a reply's note or a unit's feedback is case text.
      const keys = ['to', 'round', 'reviewRound', 'subject', 'kind', 'deadlineId', 'missedAt', 'transferId', 'reply', 'late', 'supervisionId', 'feedbackDueAt'];
      events.push({ caseId: row.case_id, type: row.type, at: row.at, data: pick(data, keys) });
    }
  }
  const figures = annualFigures({ year, from, to, now, cases, events });
  const named = new Set([...figures.bodies.map((body) => body.unitId), ...figures.received.byArea.map((area) => area.key)]);
  const units = allUnits
    .filter((unit) => named.has(unit.id))
    .map((unit) => ({ id: unit.id, name: unit.name, nameEn: unit.name_en }));
  const plan = await loadCurrentPlan(db);
  return {
    ...figures,
    generatedAt: now,
    minimumCases: minimumCases(plan?.document),
    units,
    categories: (plan?.document.categories ?? []).map((category) => ({ code: category.code, name: category.name })),
    notRecorded: [...notYetRecorded],
  };
}

function pick(data: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in data).map((key) => [key, data[key]]));
}

/** The annual report of a year (default: the current one, so far), for the office, leaders, auditors and admins. */
export async function annualReport(ctx: Context, props: { actor: Actor; year?: string | number }): Promise<AnnualReport> {
  if (!can(props.actor, 'report.read')) throw forbidden('The annual report is for the petition office, leaders, auditors and admins.');
  return compute(ctx, props.year);
}

/** The same figures for the public statistics page: the portal shows none counting fewer cases than `minimumCases`. */
export async function publicStatistics(ctx: Context, props: { year?: string | number }): Promise<AnnualReport> {
  return compute(ctx, props.year);
}

/** The annual report as a PDF in `language`, to print and file (Art. 41). */
export async function printAnnualReport(ctx: Context, props: { actor: Actor; year?: string | number; language: DocumentLanguage }): Promise<{ pdf: Buffer; filename: string }> {
  requirePdfFont(pdfFontOf(ctx));
  const report = await annualReport(ctx, props);
  const pdf = await renderReport(pdfFontOf(ctx), annualReportDocument(report, props.language, { timeZone: ctx.timeZone }));
  return { pdf, filename: `annual-report-${report.year}-${props.language}.pdf` };
}
