import { Type } from 'typebox';
import { routingStatuses } from '../core/catalogue.js';
import { transferKinds, transferReplies } from '../core/transfers.js';
import { Deadline } from './cases.js';
import { Id, Nullable, Time } from './common.js';

/**
 * The routing catalogue (派单目录), a case's routing proposal, and transfers across bodies (转送,
 * 交办): request bodies and answers, shared by the server's routes and the web app's forms.
 */

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const CatalogueEntry = Type.Object({
  id: Id,
  planKey: Type.String(),
  category: Type.String(),
  areaUnitId: Nullable(Id),
  leadUnitId: Id,
  assistingUnitIds: Type.Array(Id),
  active: Type.Boolean(),
  counts: Type.Object({
    proposed: Type.Integer(),
    confirmed: Type.Integer(),
    changed: Type.Integer(),
    objections: Type.Integer(),
    reroutes: Type.Integer(),
  }),
  updatedAt: Time,
  editedAt: Nullable(Time),
});

export const CatalogueEditBody = Type.Object(
  {
    areaUnitId: Type.Optional(Nullable(Id)),
    leadUnitId: Type.Optional(Id),
    assistingUnitIds: Type.Optional(Type.Array(Id, { maxItems: 10 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CatalogueReport = Type.Object({
  generatedAt: Time,
  entries: Type.Array(Type.Intersect([CatalogueEntry, Type.Object({ misroutings: Type.Integer() })])),
});

export const RoutingProposal = Type.Object({
  caseId: Id,
  entryId: Id,
  areaUnitId: Nullable(Id),
  leadUnitId: Id,
  assistingUnitIds: Type.Array(Id),
  status: Type.Enum([...routingStatuses]),
  proposedAt: Time,
  decidedAt: Nullable(Time),
  decidedBy: Nullable(Id),
  finalLeadUnitId: Nullable(Id),
  finalAssistingUnitIds: Type.Array(Id),
});

export const RoutingAnswer = Type.Object({ proposal: Nullable(RoutingProposal) });

/** Confirm the catalogue's proposal as it stands, or change it: one action that assigns the units. */
export const RoutingConfirmBody = Type.Object({ decision: Type.Literal('confirm') }, { additionalProperties: false });
export const RoutingChangeBody = Type.Object({ decision: Type.Literal('change'), leadUnitId: Id, assistingUnitIds: Type.Optional(Type.Array(Id, { maxItems: 10 })) }, { additionalProperties: false });
export const RoutingBody = Type.Union([RoutingConfirmBody, RoutingChangeBody]);

export const TransferBody = Type.Object(
  {
    kind: Type.Enum([...transferKinds]),
    /** A unit of the tree; or, for a body outside this deployment, `bodyName`. */
    unitId: Type.Optional(Id),
    bodyName: Type.Optional(text(200)),
    reason: text(5000),
    /** An assignment's (交办) due date for its result report. */
    resultDueAt: Type.Optional(Time),
  },
  { additionalProperties: false },
);

export const TransferReplyBody = Type.Object(
  { reply: Type.Enum([...transferReplies]), note: Type.Optional(Type.String({ maxLength: 5000 })) },
  { additionalProperties: false },
);

export const TransferReportBody = Type.Object({ report: text(20_000) }, { additionalProperties: false });

export const Transfer = Type.Object({
  id: Id,
  kind: Type.Enum([...transferKinds]),
  unitId: Nullable(Id),
  bodyName: Nullable(Type.String()),
  reason: Type.String(),
  assignmentId: Nullable(Id),
  noticeId: Nullable(Id),
  createdAt: Time,
  createdBy: Nullable(Id),
  replyClock: Deadline,
  reply: Nullable(Type.Enum([...transferReplies])),
  replyNote: Nullable(Type.String()),
  repliedAt: Nullable(Time),
  resultClock: Nullable(Deadline),
  report: Nullable(Type.String()),
  reportedAt: Nullable(Time),
});

export const TransferList = Type.Object({ items: Type.Array(Transfer) });
