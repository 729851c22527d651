import { Type } from 'typebox';
import { Id, Nullable, Page, Time } from '../../schemas.js';

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Id),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9_.]+\\*?$' })),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    from: Type.Optional(Time),
    to: Type.Optional(Time),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    lang: Type.Optional(Type.Enum(['zh', 'en'])),
    /** `csv` exports like `Accept: text/csv`, for a plain download link. */
    format: Type.Optional(Type.Enum(['csv'])),
  },
  { additionalProperties: false },
);

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  seq: Nullable(Type.Integer()),
  at: Time,
  actorId: Nullable(Id),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Nullable(Type.String()),
  caseId: Nullable(Id),
  caseReference: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const AuditPage = Page(AuditEntry);

const chains = ['audit', 'events'] as const;

const ChainVerdict = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  brokenAt: Nullable(Type.Integer()),
  pending: Type.Integer(),
  oldestPendingAt: Nullable(Time),
});

/** What `redress audit verify` found; `problems` are codes with parameters, worded by the client. */
export const AuditReport = Type.Object({
  ok: Type.Boolean(),
  audit: ChainVerdict,
  events: ChainVerdict,
  checkpoints: Type.Integer(),
  latestCheckpoint: Nullable(Type.Object({ at: Time, auditSeq: Type.Integer(), eventsSeq: Type.Integer() })),
  unsigned: Type.Object({ audit: Type.Integer(), events: Type.Integer() }),
  signaturesChecked: Type.Boolean(),
  exportedChecked: Type.Boolean(),
  problems: Type.Array(
    Type.Object({
      code: Type.String(),
      chain: Type.Optional(Type.Enum([...chains])),
      seq: Type.Optional(Type.Integer()),
      head: Type.Optional(Type.Integer()),
      checkpointId: Type.Optional(Type.Integer()),
    }),
  ),
});
