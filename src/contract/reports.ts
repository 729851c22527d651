import { Type } from 'typebox';
import { figureNames } from '../core/accountability.js';
import { indicatorCodes, indicatorNames, indicatorParts } from '../core/indicators.js';
import { eachNamed, Id, Nullable, Time } from './common.js';

/** What the accountability report and the statistics answer (GET /api/v1/reports/accountability, /api/v1/stats), shared with the web app. */

const CaseLinks = Type.Array(Type.Object({ id: Id, reference: Type.String() }));

/** The report's times, in the order a table shows them: minutes to acknowledge and arrive, days to conclude. */
export const accountabilityDurations = [
  'medianMinutesToAcknowledge',
  'p90MinutesToAcknowledge',
  'medianMinutesToArrive',
  'p90MinutesToArrive',
  'medianDaysToConclude',
  'p90DaysToConclude',
] as const;
export type AccountabilityDuration = (typeof accountabilityDurations)[number];

const UnitReport = Type.Object({
  unitId: Id,
  unitName: Type.String(),
  ...eachNamed(figureNames, Type.Integer()),
  ...eachNamed(accountabilityDurations, Nullable(Type.Number())),
  cases: Type.Object(eachNamed(figureNames, CaseLinks)),
});
export const Report = Type.Object({ from: Time, to: Time, generatedAt: Time, units: Type.Array(UnitReport) });

const Count = Type.Integer();
const UnitCount = Type.Array(Type.Object({ unitId: Id, unitName: Type.String(), count: Count }));
export const Stats = Type.Object({
  generatedAt: Time,
  open: Type.Object({
    total: Count,
    byStage: Type.Record(Type.String(), Count),
    byUrgency: Type.Record(Type.String(), Count),
    byUnit: UnitCount,
    byCategory: Type.Array(Type.Object({ category: Type.String(), count: Count })),
  }),
  overdue: Type.Object({ total: Count, byUnit: UnitCount }),
  /** Cases under the leadership group's supervision now: all of them, and those under listed supervision (挂牌督办). */
  supervised: Type.Object({ total: Count, listed: Count }),
  weekly: Type.Array(Type.Object({ weekStart: Type.String(), received: Count, closed: Count, missed: Count })),
});

/** The indicators (GET /api/v1/reports/indicators and …/indicators/cases; core/indicators.ts). */
export { indicatorCodes, indicatorNames, indicatorParts };

const IndicatorFigure = Type.Object({
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  /** numerator ÷ denominator, 0–1; null when `code` says why there is none. */
  rate: Nullable(Type.Number()),
  code: Nullable(Type.Enum([...indicatorCodes])),
});

const UnitIndicators = Type.Object({
  /** null: the whole jurisdiction. */
  unitId: Nullable(Id),
  unitName: Nullable(Type.String()),
  figures: Type.Object(eachNamed(indicatorNames, IndicatorFigure)),
});

export const IndicatorsReport = Type.Object({
  from: Time,
  to: Time,
  asOf: Time,
  generatedAt: Time,
  /** The plan's minimum: a denominator below it shows no rate (code below_minimum). */
  minimumCases: Type.Integer(),
  total: UnitIndicators,
  units: Type.Array(UnitIndicators),
});

export const IndicatorCases = Type.Object({
  indicator: Type.Enum([...indicatorNames]),
  part: Type.Enum([...indicatorParts]),
  unitId: Nullable(Id),
  count: Type.Integer(),
  items: Type.Array(Type.Object({ id: Id, reference: Type.String() })),
  nextCursor: Nullable(Type.String()),
});
