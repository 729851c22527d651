import { Type } from 'typebox';
import { Id } from '../../schemas.js';

export const ReportQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    unit: Type.Optional(Id),
    lang: Type.Optional(Type.Enum(['zh', 'en'])),
  },
  { additionalProperties: false },
);

export { Report, Stats } from '../../../contract/reports.js';
