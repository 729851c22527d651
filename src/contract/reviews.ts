import { Type } from 'typebox';
import { reviewOutcomes } from '../core/reviews.js';
import { stages } from '../core/types.js';
import { Id, Nullable, Time } from './common.js';

/** A round's clock: when the review body owes its written answer (30 days, a pause not counted). */
const Clock = Type.Object({
  dueAt: Nullable(Time),
  doneAt: Nullable(Time),
  status: Nullable(Type.Enum(['pending', 'overdue', 'met', 'missed', 'stopped', 'paused'])),
});

/** A body as the review names it: a unit of the tree (its names), or a body outside the system (the name the office recorded). */
const Body = Type.Object({
  inSystem: Type.Boolean({ description: 'The body is a petition office of the unit tree; false: outside the system, named by the office.' }),
  unitId: Nullable(Id),
  name: Nullable(Type.String({ description: 'The office’s name, or the outside body’s recorded name; null while an outside body is not named yet.' })),
  nameEn: Nullable(Type.String()),
});

/** One round of review by the body above (Art. 35–36): 1 the review (复查), 2 the second review (复核). */
export const ReviewRound = Type.Object({
  round: Type.Integer({ minimum: 1, maximum: 2 }),
  requestedAt: Time,
  reason: Type.String(),
  /** The jurisdiction whose answer is reviewed (its root unit; null: the deployment's own). */
  answeredBy: Type.Object({ rootId: Nullable(Id), name: Nullable(Type.String()), nameEn: Nullable(Type.String()) }),
  body: Body,
  clock: Clock,
  outcome: Nullable(Type.Enum([...reviewOutcomes], { description: 'upheld (维持), changed (变更) or revoked (撤销); null until recorded.' })),
  outcomeNote: Nullable(Type.String()),
  outcomeAt: Nullable(Time),
});

/** Why the reader may not handle the round under way (core/policy.ts `reviewRefusal`); null when they may, or no round is. */
export const ReviewHandlingRefusal = Nullable(Type.Enum(['review_recusal', 'review_other_body']));

export const ReviewOutcomeBody = Type.Object(
  {
    outcome: Type.String({ description: 'upheld, changed or revoked' }),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const ReviewBodyBody = Type.Object({ name: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });

/** A line of a review office's queue: a case whose review round went to that office. */
export const ReviewQueueItem = Type.Object({
  caseId: Id,
  reference: Type.String(),
  category: Type.String(),
  stage: Type.Enum([...stages]),
  round: Type.Integer(),
  requestedAt: Time,
  bodyUnitId: Nullable(Id),
  clock: Clock,
  outcome: Nullable(Type.Enum([...reviewOutcomes])),
});

export const ReviewQueueQuery = Type.Object(
  {
    bodyUnitId: Type.Optional(Id),
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('all')], { description: 'open (default): rounds without a recorded outcome; all: every round.' })),
  },
  { additionalProperties: false },
);
