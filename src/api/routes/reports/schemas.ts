import { Type } from 'typebox';
import { figureNames } from '../../../core/accountability.js';
import { Id, Nullable, Time } from '../../schemas.js';

export const ReportQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    unit: Type.Optional(Id),
    lang: Type.Optional(Type.Enum(['zh', 'en'])),
  },
  { additionalProperties: false },
);

const CaseLinks = Type.Array(Type.Object({ id: Id, reference: Type.String() }));
const UnitReport = Type.Object({
  unitId: Id,
  unitName: Type.String(),
  ...Object.fromEntries(figureNames.map((name) => [name, Type.Integer()])),
  medianMinutesToAcknowledge: Nullable(Type.Number()),
  p90MinutesToAcknowledge: Nullable(Type.Number()),
  medianMinutesToArrive: Nullable(Type.Number()),
  p90MinutesToArrive: Nullable(Type.Number()),
  medianDaysToConclude: Nullable(Type.Number()),
  p90DaysToConclude: Nullable(Type.Number()),
  cases: Type.Object(Object.fromEntries(figureNames.map((name) => [name, CaseLinks]))),
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
  weekly: Type.Array(Type.Object({ weekStart: Type.String(), received: Count, closed: Count, missed: Count })),
});
