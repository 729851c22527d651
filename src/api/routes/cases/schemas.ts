import { Type } from 'typebox';
import { caseFlags } from '../../../core/flags.js';
import { queueOrders } from '../../../core/queue.js';
import { assignmentRoles, stages, urgencies } from '../../../core/types.js';
import { Id } from '../../schemas.js';

export { CaseDetail, CaseSummary, Deadline, Event, PersonalData } from '../../../contract/cases.js';

export const ListCasesQuery = Type.Object(
  {
    /** A stage, or `open` for every stage still being worked (not closed, not not-accepted). */
    stage: Type.Optional(Type.Enum([...stages, 'open'])),
    unit: Type.Optional(Id),
    /** With `unit`: only the cases where that unit has this role (the dashboard's "by lead unit"). */
    role: Type.Optional(Type.Enum([...assignmentRoles])),
    urgency: Type.Optional(Type.Enum([...urgencies])),
    category: Type.Optional(Type.String({ maxLength: 64 })),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    objection: Type.Optional(Type.Boolean()),
    /** Only cases under the leadership group's supervision (督办 or 挂牌督办). */
    supervised: Type.Optional(Type.Boolean()),
    /** Only the cases in the reader's own personal charge (包案): a leader's own list. */
    inCharge: Type.Optional(Type.Boolean()),
    flag: Type.Optional(Type.Enum([...caseFlags])),
    /** Received in [receivedFrom, receivedTo): from inclusive, to exclusive (a week: Monday 00:00 to the next Monday 00:00, local). */
    receivedFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Received at or after this instant (inclusive).' })),
    receivedTo: Type.Optional(Type.String({ format: 'date-time', description: 'Received before this instant (exclusive).' })),
    closedFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Closed at or after this instant (inclusive); a case reopened for review is not closed.' })),
    closedTo: Type.Optional(Type.String({ format: 'date-time', description: 'Closed before this instant (exclusive).' })),
    sort: Type.Optional(Type.Enum([...queueOrders])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);


export const EventsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), cursor: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const CaseParams = Type.Object({ id: Id }, { additionalProperties: false });
/** The steps an assigned unit takes; each has its own route and body (AcknowledgeBody, ArriveBody, ProposalBody). */
export const AssignmentParams = Type.Object(
  { id: Id, assignmentId: Id, action: Type.Enum(['acknowledge', 'arrive', 'propose']) },
  { additionalProperties: false },
);
export const StepParams = Type.Object({ id: Id, stepId: Type.String({ minLength: 1, maxLength: 140 }) }, { additionalProperties: false });

export const AssignmentOnlyParams = Type.Object({ id: Id, assignmentId: Id }, { additionalProperties: false });

export const FlagParams = Type.Object({ id: Id, flag: Type.Enum([...caseFlags]) }, { additionalProperties: false });
