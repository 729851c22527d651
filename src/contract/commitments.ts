import { Type } from 'typebox';
import { commitmentSources, commitmentStatuses } from '../core/commitments.js';
import { Deadline } from './cases.js';
import { Id, Nullable, Time } from './common.js';

/** The commitments ledger (承诺事项, core/commitments.ts): request bodies and answers, shared by the server's routes and the web app's forms. */

export const AddCommitmentBody = Type.Object(
  {
    /** Where it was committed: at a meeting recorded on the case (`meetingId`), or in a decision. */
    source: Type.Enum([...commitmentSources]),
    meetingId: Type.Optional(Id),
    /** What was committed to. */
    text: Type.String({ minLength: 1, maxLength: 4000 }),
    /** The unit that owns it: its officers do it, and its chain hears when it is late. */
    ownerUnitId: Type.String({ minLength: 1, maxLength: 64 }),
    /** The day it is due (YYYY-MM-DD), by the end of that day in the jurisdiction's zone; not a day already past. */
    dueDate: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
);

export const CommitmentParams = Type.Object({ id: Id, commitmentId: Id });
export const CompleteCommitmentBody = Type.Object({ evidence: Type.String({ minLength: 1, maxLength: 20_000 }) }, { additionalProperties: false });
export const DropCommitmentBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });

export const Commitment = Type.Object({
  id: Id,
  source: Type.Enum([...commitmentSources]),
  meetingId: Nullable(Id),
  text: Type.String(),
  ownerUnitId: Id,
  ownerUnitName: Type.String(),
  dueAt: Time,
  /** Open, overdue (open past its due time), done (with evidence) or dropped (with a reason). */
  status: Type.Enum([...commitmentStatuses]),
  deadline: Deadline,
  doneAt: Nullable(Time),
  doneBy: Nullable(Id),
  evidence: Nullable(Type.String()),
  droppedAt: Nullable(Time),
  droppedBy: Nullable(Id),
  dropReason: Nullable(Type.String()),
  createdAt: Time,
  createdBy: Nullable(Id),
  may: Type.Object({ done: Type.Boolean(), drop: Type.Boolean() }),
});

/** A case's commitments, how many are open, and whether the reader may add one. */
export const CommitmentsState = Type.Object({
  items: Type.Array(Commitment),
  open: Type.Integer({ minimum: 0 }),
  may: Type.Object({ add: Type.Boolean() }),
});

/** A commitment as the petitioner sees it (portal and /public/v1): no evidence, no staff. */
export const PublicCommitment = Type.Object({
  text: Type.String(),
  /** The owner unit's name, in both languages. */
  unitName: Type.Object({ zh: Type.String(), en: Type.String() }),
  dueAt: Time,
  status: Type.Enum([...commitmentStatuses]),
  doneAt: Nullable(Time),
  droppedAt: Nullable(Time),
  dropReason: Nullable(Type.String()),
});
