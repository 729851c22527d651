import type { AnnualReport } from '../../api/types';

/** One table of the report: its caption (a breakdown inside a section), its columns, its rows of cells. */
export interface FigureTable {
  key: string;
  caption?: string;
  columns: string[];
  rows: string[][];
}

/** A section of the report as the page shows it: a heading and its tables. */
export interface ReportSection {
  key: string;
  heading: string;
  tables: FigureTable[];
}

/** The words the sections are built with (the `annualReport` catalogue, which matches the PDF's words). */
export interface AnnualWords {
  item: string;
  count: string;
  share: string;
  rate: string;
  none: string;
  unclassified: string;
  unknownArea: string;
  notRecorded: string;
  sections: Record<string, string>;
  figures: Record<string, string>;
  supervisionFigures: Record<string, string>;
  channels: Record<string, string>;
  kinds: Record<string, string>;
  classes: Record<string, string>;
}

/** How the report's codes are named: a unit by id, a category by code (both from the report itself). */
export interface Names {
  unit: (id: string) => string;
  category: (code: string) => string;
}

/** What the report says about itself rather than a figure of the year. */
const aboutTheReport = new Set(['year', 'from', 'to', 'asOf', 'complete', 'generatedAt', 'minimumCases', 'units', 'categories', 'notRecorded']);

/** The parts of the report each known section shows, in the printed report's order. */
const knownSections: { key: string; parts: string[] }[] = [
  { key: 'received', parts: ['received'] },
  { key: 'handling', parts: ['accepted', 'notAccepted', 'concluded'] },
  { key: 'reviews', parts: ['reviews'] },
  { key: 'bodies', parts: ['bodies'] },
  { key: 'transfers', parts: ['transfers'] },
  { key: 'supervision', parts: ['supervision'] },
  { key: 'suggestions', parts: ['suggestions'] },
];

type Figures = Record<string, number>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFigures = (value: unknown): value is Figures => isRecord(value) && Object.values(value).every((item) => typeof item === 'number');
const isCounts = (value: unknown): value is { key: string; count: number }[] =>
  Array.isArray(value) && value.every((item) => isRecord(item) && typeof item.key === 'string' && typeof item.count === 'number');

/** A share in whole percent, or a dash over nothing (the staff report shows every rate; the public page hides small ones). */
export function percent(part: number, base: number): string {
  return base === 0 ? '—' : `${Math.round((part / base) * 100)}%`;
}

/**
 * The report as sections of tables, in the printed report's order. A part of the report this page
 * does not know yet (a figure the backend has added since) still shows, as a section of its own
 * laid out by its shape — a number, figures, figures by kind, counts by key, or rows — named from
 * the catalogue when it has the words, else by its key; `notRecorded` parts say so instead of a zero.
 */
export function annualSections(report: AnnualReport, w: AnnualWords, names: Names, language: string): ReportSection[] {
  const number = (value: number) => value.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB');
  const figure = (key: string) => w.figures[key] ?? w.supervisionFigures[key] ?? key;
  const f = (key: string) => w.figures[key] ?? key;
  const total = report.received.total;
  const breakdown = (key: string, counts: { key: string; count: number }[], name: (code: string) => string): FigureTable => ({
    key,
    caption: w.sections[key] ?? key,
    columns: [w.item, w.count, w.share],
    rows: counts.length === 0 ? [[w.none, number(0), '—']] : counts.map((item) => [name(item.key), number(item.count), percent(item.count, total)]),
  });
  const received = report.received;
  const known: Record<string, () => FigureTable[]> = {
    received: () => [
      { key: 'total', columns: [w.item, w.count], rows: [[f('received'), number(received.total)]] },
      breakdown('byChannel', received.byChannel, (key) => w.channels[key] ?? key),
      breakdown('byKind', received.byKind, (key) => w.kinds[key] ?? key),
      breakdown('byClass', received.byClass, (key) => (key === 'unclassified' ? w.unclassified : (w.classes[key] ?? key))),
      breakdown('byCategory', received.byCategory, names.category),
      breakdown('byArea', received.byArea, (key) => (key === 'unknown' ? w.unknownArea : names.unit(key))),
      // A breakdown added to `received` later shows too.
      ...Object.entries(received)
        .filter(([key, value]) => !['total', 'byChannel', 'byKind', 'byClass', 'byCategory', 'byArea'].includes(key) && isCounts(value))
        .map(([key, value]) => breakdown(key, value as { key: string; count: number }[], (code) => code)),
    ],
    handling: () => [
      {
        key: 'handling',
        columns: [w.item, w.count, w.rate],
        rows: [
          [f('accepted'), number(report.accepted.total), ''],
          [f('acceptedOnTime'), number(report.accepted.onTime), percent(report.accepted.onTime, report.accepted.total)],
          [f('notAccepted'), number(report.notAccepted), ''],
          [f('concluded'), number(report.concluded.total), ''],
          [f('concludedOnTime'), number(report.concluded.onTime), percent(report.concluded.onTime, report.concluded.total)],
        ],
      },
    ],
    reviews: () => [
      {
        key: 'reviews',
        columns: [w.item, w.count, w.rate],
        rows: [
          [f('reviewRequested'), number(report.reviews.requested), ''],
          [f('secondRequested'), number(report.reviews.secondRequested), ''],
          [f('reviewAnswered'), number(report.reviews.answered), ''],
          [f('reviewAnsweredOnTime'), number(report.reviews.answeredOnTime), percent(report.reviews.answeredOnTime, report.reviews.answered)],
          [f('reviewPending'), number(report.reviews.pending), ''],
        ],
      },
    ],
    bodies: () => [
      {
        key: 'bodies',
        columns: [f('unit'), f('received'), f('concluded'), f('concludedOnTime'), f('notAccepted'), f('open')],
        rows:
          report.bodies.length === 0
            ? [[w.none, '', '', '', '', '']]
            : report.bodies.map((body) => [names.unit(body.unitId), ...[body.received, body.concluded, body.concludedOnTime, body.notAccepted, body.open].map(number)]),
      },
    ],
    transfers: () => {
      const { transfer, assign } = report.transfers;
      const keys = ['made', 'accepted', 'declined', 'awaitingReply', 'repliedLate', 'reported', 'reportedLate', 'awaitingReport'] as const;
      return [
        {
          key: 'transfers',
          columns: [w.item, f('transfer'), f('assign')],
          // A transfer hands the matter over: only an assignment reports its result.
          rows: keys.map((key) => [
            f(key === 'accepted' ? 'acceptedByBody' : key),
            key.startsWith('report') || key === 'awaitingReport' ? '—' : number(transfer[key]),
            number(assign[key]),
          ]),
        },
      ];
    },
    supervision: () => [byKind('supervision', report.supervision, (key) => w.supervisionFigures[key] ?? key)],
    suggestions: () => {
      const s = report.suggestions;
      return [
        {
          key: 'suggestions',
          columns: [w.item, w.count, w.share],
          rows: [
            [f('suggestions'), number(s.received), ''],
            [f('adopted'), number(s.adopted), percent(s.adopted, s.received)],
            [f('partly'), number(s.partly), percent(s.partly, s.received)],
            [f('notAdopted'), number(s.notAdopted), percent(s.notAdopted, s.received)],
            [f('adoptionPending'), number(s.pending), percent(s.pending, s.received)],
          ],
        },
      ];
    },
  };

  /** Figures by kind (supervision, listed supervision…): a row per figure, a column per kind. */
  function byKind(key: string, value: Record<string, Figures>, name: (key: string) => string): FigureTable {
    const kinds = Object.keys(value);
    const rows = Object.keys(value[kinds[0] ?? ''] ?? {});
    return { key, columns: [w.item, ...kinds.map(name)], rows: rows.map((row) => [name(row), ...kinds.map((kind) => number(value[kind]?.[row] ?? 0))]) };
  }

  /** A part of the report laid out by its shape alone. */
  function generic(key: string, value: unknown): FigureTable[] {
    if (typeof value === 'number') return [{ key, columns: [w.item, w.count], rows: [[figure(key), number(value)]] }];
    if (isFigures(value)) return [{ key, columns: [w.item, w.count], rows: Object.entries(value).map(([name, count]) => [figure(name), number(count)]) }];
    if (isRecord(value) && Object.values(value).every(isFigures)) return [byKind(key, value as Record<string, Figures>, figure)];
    if (isCounts(value)) return [breakdown(key, value, (code) => code)];
    if (Array.isArray(value) && value.every(isRecord)) {
      const rows = value;
      const columns = Object.keys(rows[0] ?? {});
      const cell = (column: string, item: unknown) => (column === 'unitId' && typeof item === 'string' ? names.unit(item) : typeof item === 'number' ? number(item) : String(item ?? ''));
      return [{ key, columns: columns.map((column) => (column === 'unitId' ? f('unit') : figure(column))), rows: rows.map((row) => columns.map((column) => cell(column, row[column]))) }];
    }
    return [];
  }

  const notRecorded = new Set(report.notRecorded);
  const sections: ReportSection[] = knownSections.map(({ key, parts }) => {
    const heading = w.sections[key] ?? key;
    if (parts.some((part) => notRecorded.has(part))) return { key, heading, tables: [{ key, columns: [w.item], rows: [[w.notRecorded]] }] };
    return { key, heading, tables: known[key]?.() ?? [] };
  });
  const shown = new Set(knownSections.flatMap((section) => section.parts));
  const unknown = Object.entries(report as unknown as Record<string, unknown>).filter(([key]) => !aboutTheReport.has(key) && !shown.has(key));
  for (const [key, value] of unknown) {
    const tables = notRecorded.has(key) ? [{ key, columns: [w.item], rows: [[w.notRecorded]] }] : generic(key, value);
    if (tables.length > 0) sections.push({ key, heading: w.sections[key] ?? `${sections.length + 1}. ${figure(key)}`, tables });
  }
  return sections;
}
