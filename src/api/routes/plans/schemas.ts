import { Type } from 'typebox';
import { PlanDocument } from '../../../core/plan.js';
import { Id, LocalTextOut, Nullable, Time } from '../../schemas.js';

export const PlanSummary = Type.Object({
  id: Id,
  key: Type.String(),
  version: Type.Integer(),
  status: Type.Enum(['draft', 'published']),
  name: Type.String(),
  createdAt: Time,
  publishedAt: Nullable(Time),
});

/** A catalogue field naming a unit the tree does not have (or has deactivated): its entry proposes nothing until the unit is there. */
const CatalogueWaiting = Type.Object({
  path: Type.String({ description: 'e.g. `catalogue[5].lead`' }),
  code: Type.Enum(['unknown_unit', 'inactive_unit']),
  params: Type.Object({ name: Type.String() }),
  message: Type.String(),
});

export const Plan = Type.Intersect([
  PlanSummary,
  Type.Object({
    document: PlanDocument,
    catalogueWaiting: Type.Array(CatalogueWaiting, { description: 'Catalogue entries that propose nothing until the units they name are in the tree, as it is now.' }),
  }),
]);

/** A plan version's checklist and each stage's guidance, the same for every case pinned to it. */
export const PlanChecklist = Type.Object({
  planId: Id,
  stages: Type.Array(
    Type.Object({
      stage: Type.String(),
      name: LocalTextOut,
      requirements: Type.Array(LocalTextOut),
      cautions: Type.Array(LocalTextOut),
      staffing: Type.Array(LocalTextOut),
      steps: Type.Array(Type.Object({ id: Type.String({ description: '`stage.step`, as a case\'s completedSteps name it' }), text: LocalTextOut })),
    }),
  ),
});

/** A plan arrives as YAML text (application/yaml) or as a JSON document. */
export const PlanBody = Type.Union([Type.String({ maxLength: 1_000_000 }), Type.Object({}, { additionalProperties: true })]);
