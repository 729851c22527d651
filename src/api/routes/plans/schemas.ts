import { Type } from 'typebox';
import { PlanDocument } from '../../../core/plan.js';
import { Id, Nullable, Time } from '../../schemas.js';

export const PlanSummary = Type.Object({
  id: Id,
  key: Type.String(),
  version: Type.Integer(),
  status: Type.Enum(['draft', 'published']),
  name: Type.String(),
  createdAt: Time,
  publishedAt: Nullable(Time),
});

export const Plan = Type.Intersect([PlanSummary, Type.Object({ document: PlanDocument })]);

/** A plan arrives as YAML text (application/yaml) or as a JSON document. */
export const PlanBody = Type.Union([Type.String({ maxLength: 1_000_000 }), Type.Object({}, { additionalProperties: true })]);
