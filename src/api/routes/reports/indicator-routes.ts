import { stringify } from 'csv-stringify/sync';
import { Type } from 'typebox';
import type { App } from '../../typed-app.js';
import type { Context } from '../../../context/context.js';
import { indicatorCases, indicatorsReport, type IndicatorsReport, type UnitIndicatorsView } from '../../../commands/indicators.js';
import { IndicatorCases, IndicatorsReport as IndicatorsReportSchema, indicatorNames, indicatorParts } from '../../../contract/reports.js';
import { pickLanguage, type Language } from '../../messages.js';
import { actorOf } from '../../plugins/auth.js';
import { Id } from '../../schemas.js';
import { errorResponses } from '../../schemas.js';
import { indicatorMessages } from './indicator-messages.js';

const period = {
  from: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  to: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  unit: Type.Optional(Id),
};
const IndicatorsQuery = Type.Object({ ...period, lang: Type.Optional(Type.Enum(['zh', 'en'])) }, { additionalProperties: false });
const IndicatorCasesQuery = Type.Object(
  {
    ...period,
    indicator: Type.Enum([...indicatorNames]),
    part: Type.Enum([...indicatorParts]),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** The indicators as CSV: a row per unit and indicator, its definition beside it, the rate in percent or the reason there is none. */
function toCsv(report: IndicatorsReport, language: Language): string {
  const text = indicatorMessages[language];
  const header = [text.columns.unit, text.columns.indicator, text.columns.definition, text.columns.numerator, text.columns.denominator, text.columns.rate, text.columns.note, 'unit_id', 'indicator', 'code'];
  const rows = (unit: UnitIndicatorsView) =>
    indicatorNames.map((name) => {
      const figure = unit.figures[name];
      return [
        unit.unitId === null ? text.total : (unit.unitName ?? unit.unitId),
        text.name[name],
        text.definition[name],
        figure.code === 'not_recorded' ? '' : figure.numerator,
        figure.code === 'not_recorded' ? '' : figure.denominator,
        figure.rate === null ? '' : (figure.rate * 100).toFixed(1),
        figure.code === null ? '' : text.code[figure.code],
        unit.unitId ?? '',
        name,
        figure.code ?? '',
      ];
    });
  // A byte-order mark lets spreadsheet programs read the Chinese as UTF-8.
  return `\uFEFF${stringify([header, ...rows(report.total), ...report.units.flatMap(rows)])}`;
}

/** The indicators per unit and period (JSON, CSV) and the cases behind each figure. */
export function indicatorRoutes(app: App, ctx: Context): void {
  app.get('/api/v1/reports/indicators', {
    schema: {
      tags: ['reports'],
      summary: 'Indicators per lead unit and period (timely acceptance, on-time conclusion, rating participation, satisfaction, rework, commitments kept); Accept: text/csv for CSV',
      querystring: IndicatorsQuery,
      response: { 200: Type.Union([IndicatorsReportSchema, Type.String()]), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { unit, lang, ...query } = request.query;
      const report = await indicatorsReport(ctx, { actor: actorOf(request), ...query, ...(unit ? { unitId: unit } : {}) });
      if ((request.headers.accept ?? '').includes('text/csv')) {
        const language = pickLanguage(lang, request.headers['accept-language']);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="indicators.csv"')
          .serializer(String)
          .send(toCsv(report, language));
      }
      return report;
    },
  });

  app.get('/api/v1/reports/indicators/cases', {
    schema: {
      tags: ['reports'],
      summary: 'The cases behind one indicator figure: its numerator or its denominator, of a unit (or, without unit, of every case), a page at a time',
      querystring: IndicatorCasesQuery,
      response: { 200: IndicatorCases, ...errorResponses },
    },
    handler: async (request) => {
      const { unit, ...query } = request.query;
      return indicatorCases(ctx, { actor: actorOf(request), ...query, ...(unit ? { unitId: unit } : {}) });
    },
  });
}
