import { Type } from 'typebox';
import { callbackOutcomes, reworkSources, unsatisfiedReasons } from '../core/callbacks.js';
import { stages } from '../core/types.js';
import { Deadline } from './cases.js';
import { Id, Nullable, Time } from './common.js';

/** The office's call-back (回访) and rework (发回重办; core/callbacks.ts): request bodies and answers, shared by the server's routes and the web app's forms. */

const reworkDays = Type.Integer({ minimum: 1, maximum: 365 });

export const RecordCallbackBody = Type.Object(
  {
    outcome: Type.Enum([...callbackOutcomes]),
    /** Why the petitioner is unsatisfied: required with `unsatisfied`, refused with any other outcome. A reason the unit can fix sends the case back. */
    reason: Type.Optional(Type.Enum([...unsatisfiedReasons])),
    /** What was said on the call: sealed, shown to the office only. */
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
    /** What the unit must redo, when the outcome sends the case back. */
    requirements: Type.Optional(Type.String({ maxLength: 4000 })),
    /** The unit's days for the rework, counted as the plan counts days; the plan's callback.reworkDays when left out. */
    reworkDays: Type.Optional(reworkDays),
  },
  { additionalProperties: false },
);

export const SendBackBody = Type.Object(
  {
    reason: Type.Enum([...unsatisfiedReasons]),
    requirements: Type.Optional(Type.String({ maxLength: 4000 })),
    reworkDays: Type.Optional(reworkDays),
  },
  { additionalProperties: false },
);

export const ReworkReportBody = Type.Object({ report: Type.String({ maxLength: 20_000 }) }, { additionalProperties: false });

export const Callback = Type.Object({
  id: Id,
  answerId: Nullable(Id),
  afterReworkId: Nullable(Id),
  deadline: Deadline,
  startedAt: Time,
  outcome: Nullable(Type.Enum([...callbackOutcomes])),
  reason: Nullable(Type.Enum([...unsatisfiedReasons])),
  /** What was said: null to anyone but the office. */
  notes: Nullable(Type.String()),
  recordedAt: Nullable(Time),
  recordedBy: Nullable(Id),
  reworkId: Nullable(Id),
});

export const Rework = Type.Object({
  id: Id,
  unitId: Id,
  unitName: Type.String(),
  source: Type.Enum([...reworkSources]),
  callbackId: Nullable(Id),
  feedbackId: Nullable(Id),
  reason: Type.Enum([...unsatisfiedReasons]),
  requirements: Type.String(),
  deadline: Deadline,
  startedAt: Time,
  startedBy: Nullable(Id),
  report: Nullable(Type.String()),
  reportedAt: Nullable(Time),
  reportedBy: Nullable(Id),
});

/** A case's call-backs and reworks: the call-back due (or null), those recorded, the rework under way, the latest rating, and what the reader may do. */
export const CallbackState = Type.Object({
  caseId: Id,
  current: Nullable(Callback),
  past: Type.Array(Callback),
  rework: Nullable(Rework),
  pastReworks: Type.Array(Rework),
  rating: Nullable(Type.Object({ feedbackId: Id, rating: Type.Integer(), at: Time, unsatisfied: Type.Boolean(), sentBack: Type.Boolean() })),
  may: Type.Object({ record: Type.Boolean(), sendBack: Type.Boolean(), report: Type.Boolean() }),
});

export const CallbacksDueQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const CallbackDue = Type.Object({
  callbackId: Id,
  caseId: Id,
  reference: Type.String(),
  title: Type.String(),
  stage: Type.Enum([...stages]),
  leadUnitId: Nullable(Id),
  leadUnitName: Nullable(Type.String()),
  dueAt: Time,
  startedAt: Time,
  afterRework: Type.Boolean(),
  overdue: Type.Boolean(),
});

export const CallbacksDue = Type.Object({ items: Type.Array(CallbackDue), nextCursor: Nullable(Type.String()) });
