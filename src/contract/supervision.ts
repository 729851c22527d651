import { Type } from 'typebox';
import { supervisionKinds } from '../core/supervision.js';
import { Deadline } from './cases.js';
import { Id, Nullable, Time } from './common.js';

/** Supervision (督办, 挂牌督办; core/supervision.ts): request bodies and answers, shared by the server's routes and the web app's forms. */

export const SuperviseBody = Type.Object(
  {
    kind: Type.Enum([...supervisionKinds]),
    /** What the leadership group requires of the unit: the supervision notice's text. */
    requirements: Type.String({ minLength: 1, maxLength: 4000 }),
    /** The unit's days for its written feedback, counted as the plan counts days; the plan's supervision.feedbackDays when left out. */
    feedbackDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  },
  { additionalProperties: false },
);

export const SupervisionFeedbackBody = Type.Object({ feedback: Type.String({ minLength: 1, maxLength: 20_000 }) }, { additionalProperties: false });
export const EndSupervisionBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false });

export const Supervision = Type.Object({
  id: Id,
  kind: Type.Enum([...supervisionKinds]),
  unitId: Id,
  unitName: Type.String(),
  requirements: Type.String(),
  noticeId: Id,
  startedAt: Time,
  startedBy: Nullable(Id),
  /** The unit's written feedback and its clock. */
  feedback: Nullable(Type.String()),
  feedbackAt: Nullable(Time),
  feedbackBy: Nullable(Id),
  feedbackDeadline: Deadline,
  endedAt: Nullable(Time),
  endedBy: Nullable(Id),
  endNote: Nullable(Type.String()),
});

/** A case's supervision: the one under way (or null), those ended, and what the reader may do. */
export const SupervisionState = Type.Object({
  current: Nullable(Supervision),
  past: Type.Array(Supervision),
  may: Type.Object({ supervise: Type.Boolean(), feedback: Type.Boolean(), end: Type.Boolean() }),
});
