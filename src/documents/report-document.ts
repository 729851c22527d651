import { DateTime } from 'luxon';
import { shareOf, suppressed, type AnnualReport, type Count, type SupervisionFigures } from '../core/annual-report.js';
import { localText } from '../core/plan.js';
import { annualWords } from './annual-words.js';
import type { DocumentLanguage } from './words.js';

/**
 * A report as a document: a title, lines under it, and sections of tables — what the PDF renderer
 * (report-pdf.ts) and the portal's statistics page both lay out, so the two say the same.
 */
export interface ReportTable {
  heading: string;
  /** A sub-heading for a table inside a section. */
  caption?: string;
  note?: string;
  columns: string[];
  rows: string[][];
}

export interface ReportDocument {
  language: DocumentLanguage;
  title: string;
  lines: string[];
  tables: ReportTable[];
  footnotes: string[];
}

/** The supervision table's rows, each with the part of it counted under it ("of which …") right after. */
const supervisionRows = ['begun', 'feedbackGiven', 'feedbackLate', 'awaitingFeedback', 'feedbackOverdue', 'ended', 'endedWithoutFeedback', 'ongoing'] as const satisfies readonly (keyof SupervisionFigures)[];

/** A date in the jurisdiction's zone as a document words it. */
export function documentDate(iso: string, language: DocumentLanguage, timeZone: string): string {
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone);
  return language === 'zh' ? local.toFormat('yyyy年M月d日') : local.setLocale('en-GB').toFormat('d MMMM yyyy');
}

/**
 * The annual report as a document in `language`. With `minimum` (the public statistics) every
 * figure counting fewer cases reads "fewer than N" and no rate over fewer cases is given.
 */
export function annualReportDocument(report: AnnualReport, language: DocumentLanguage, options: { timeZone: string; minimum?: number }): ReportDocument {
  const w = annualWords[language];
  const minimum = options.minimum;
  const count = (value: number): string => {
    if (minimum === undefined) return String(value);
    const shown = suppressed(value, minimum);
    return shown === null ? w.fewerThan(minimum) : String(shown);
  };
  const rate = (part: number, base: number): string => {
    // A share of a hidden figure would give it away (40% of 5 is 2): hidden with it.
    if (minimum !== undefined && suppressed(part, minimum) === null) return '—';
    const share = shareOf(part, base, minimum ?? 1);
    return share === null ? '—' : `${share}%`;
  };
  const units = new Map(report.units.map((unit) => [unit.id, language === 'en' && unit.nameEn ? unit.nameEn : unit.name]));
  const categories = new Map(report.categories.map((category) => [category.code, localText(category.name, language)]));
  const breakdown = (caption: string, counts: Count[], name: (key: string) => string): ReportTable => ({
    heading: w.sections.received,
    caption,
    columns: [w.item, w.count, w.share],
    rows: counts.length === 0 ? [[w.none, count(0), '—']] : counts.map((item) => [name(item.key), count(item.count), rate(item.count, report.received.total)]),
  });
  const f = w.figures;
  const date = (iso: string) => documentDate(iso, language, options.timeZone);
  const transfer = report.transfers.transfer;
  const assign = report.transfers.assign;
  const transferRows = (['made', 'accepted', 'declined', 'awaitingReply', 'repliedLate', 'reported', 'reportedLate', 'awaitingReport'] as const).map((key) => [
    f[key === 'made' ? 'made' : key === 'accepted' ? 'acceptedByBody' : key],
    // A transfer hands the matter over: only an assignment reports its result.
    key.startsWith('report') || key === 'awaitingReport' ? '—' : count(transfer[key]),
    count(assign[key]),
  ]);
  const s = report.suggestions;
  return {
    language,
    title: w.title(report.year),
    lines: [...(report.complete ? [] : [w.soFar(date(report.asOf))]), w.generated(date(report.generatedAt))],
    tables: [
      { heading: w.sections.received, columns: [w.item, w.count], rows: [[f.received, count(report.received.total)]] },
      breakdown(w.sections.byChannel, report.received.byChannel, (key) => w.channels[key] ?? key),
      breakdown(w.sections.byKind, report.received.byKind, (key) => w.kinds[key] ?? key),
      breakdown(w.sections.byClass, report.received.byClass, (key) => (key === 'unclassified' ? w.unclassified : (w.classes[key] ?? key))),
      breakdown(w.sections.byCategory, report.received.byCategory, (key) => categories.get(key) ?? key),
      breakdown(w.sections.byArea, report.received.byArea, (key) => (key === 'unknown' ? w.unknownArea : (units.get(key) ?? key))),
      {
        heading: w.sections.handling,
        columns: [w.item, w.count, w.rate],
        rows: [
          [f.accepted, count(report.accepted.total), ''],
          [f.acceptedOnTime, count(report.accepted.onTime), rate(report.accepted.onTime, report.accepted.total)],
          [f.notAccepted, count(report.notAccepted), ''],
          [f.concluded, count(report.concluded.total), ''],
          [f.concludedOnTime, count(report.concluded.onTime), rate(report.concluded.onTime, report.concluded.total)],
        ],
      },
      {
        heading: w.sections.reviews,
        columns: [w.item, w.count, w.rate],
        rows: [
          [f.reviewRequested, count(report.reviews.requested), ''],
          [f.secondRequested, count(report.reviews.secondRequested), ''],
          [f.reviewAnswered, count(report.reviews.answered), ''],
          [f.reviewAnsweredOnTime, count(report.reviews.answeredOnTime), rate(report.reviews.answeredOnTime, report.reviews.answered)],
          [f.reviewPending, count(report.reviews.pending), ''],
        ],
      },
      {
        heading: w.sections.bodies,
        columns: [f.unit, f.received, f.concluded, f.concludedOnTime, f.notAccepted, f.open],
        rows:
          report.bodies.length === 0
            ? [[w.none, '', '', '', '', '']]
            : report.bodies.map((body) => [units.get(body.unitId) ?? body.unitId, count(body.received), count(body.concluded), count(body.concludedOnTime), count(body.notAccepted), count(body.open)]),
      },
      {
        heading: w.sections.transfers,
        columns: [w.item, f.transfer, f.assign],
        rows: transferRows,
      },
      {
        heading: w.sections.supervision,
        columns: [w.item, w.supervisionFigures.supervised, w.supervisionFigures.listed],
        rows: supervisionRows.map((key) => [w.supervisionFigures[key], count(report.supervision.supervised[key]), count(report.supervision.listed[key])]),
      },
      {
        heading: w.sections.suggestions,
        columns: [w.item, w.count, w.share],
        rows: [
          [f.suggestions, count(s.received), ''],
          [f.adopted, count(s.adopted), rate(s.adopted, s.received)],
          [f.partly, count(s.partly), rate(s.partly, s.received)],
          [f.notAdopted, count(s.notAdopted), rate(s.notAdopted, s.received)],
          [f.adoptionPending, count(s.pending), rate(s.pending, s.received)],
        ],
      },
    ],
    footnotes: [w.note, ...(minimum === undefined ? [] : [w.hidden(minimum)])],
  };
}
