import { Type } from 'typebox';
import { assignmentRoles, caseKinds, channels, maxRepresentatives, stages, urgencies } from '../core/types.js';
import { pauseKinds } from '../core/pauses.js';
import { Id, Nullable, Time } from './common.js';

/**
 * The bodies the server checks on a case's routes, and the web app's forms check before sending:
 * one schema each, so a renamed field is one edit and any drift fails the web app's typecheck.
 */

const text = (maxLength: number) => Type.String({ maxLength });

export const RevealBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why the names and contacts are needed; recorded and sent to the auditors.' }) },
  { additionalProperties: false },
);

const Person = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), contact: Type.Optional(Nullable(text(200))) },
  { additionalProperties: false },
);

export const OpenCaseBody = Type.Object(
  {
    kind: Type.Enum([...caseKinds]),
    channel: Type.Enum([...channels]),
    urgency: Type.Optional(Type.Enum([...urgencies])),
    category: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ minLength: 1, maxLength: 20_000 }),
    location: Type.Optional(Nullable(text(500))),
    headcount: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000 }))),
    representatives: Type.Optional(Type.Array(Person, { maxItems: maxRepresentatives })),
    petitioner: Type.Optional(
      Nullable(
        Type.Object(
          { name: Type.Optional(Nullable(text(100))), contact: Type.Optional(Nullable(text(200))) },
          { additionalProperties: false },
        ),
      ),
    ),
    receivedAt: Type.Optional(Time),
    receiveTogether: Type.Optional(Type.Boolean()),
    planId: Type.Optional(Id),
    /** The unit of the tree the petition comes from, for the routing catalogue's proposal; else read from the location. */
    areaUnitId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  { to: Type.Enum([...stages]), reason: Type.Optional(Type.String({ maxLength: 5000 })) },
  { additionalProperties: false },
);

export const AssignBody = Type.Object({ unitId: Id, role: Type.Enum([...assignmentRoles]) }, { additionalProperties: false });

export const NoteBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 20_000 }) }, { additionalProperties: false });

/** The written answer; its facts found and basis go into the handling opinion (处理意见书, Art. 32) the petitioner is sent. */
export const AnswerBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 20_000, description: 'The decision: the answer itself, public to the petitioner.' }),
    facts: Type.Optional(Type.String({ maxLength: 20_000, description: 'The facts found, for the handling opinion.' })),
    basis: Type.Optional(Type.String({ maxLength: 20_000, description: 'The laws, rules or policies the decision rests on, for the handling opinion.' })),
  },
  { additionalProperties: false },
);

/** The bodies of an assigned unit's steps (POST …/assignments/:assignmentId/{acknowledge|arrive|propose}). */
export const AcknowledgeBody = Type.Object({}, { additionalProperties: false });
export const ArriveBody = Type.Object({ arrivedAt: Type.Optional(Type.String({ description: 'When the unit really arrived (ISO 8601); default now.' })) }, { additionalProperties: false });

export const ProposalBody = Type.Object({ proposal: Type.String({ minLength: 1, maxLength: 20_000 }) }, { additionalProperties: false });

export const ReceiveTogetherBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });

export const MeetingBody = Type.Object(
  {
    heldAt: Time,
    attendees: Type.String({ minLength: 1, maxLength: 2000 }),
    summary: Type.String({ minLength: 1, maxLength: 20_000 }),
    commitments: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const ExtensionBody = Type.Object(
  { days: Type.Integer({ minimum: 1, maximum: 365 }), reason: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);

/** A leader's refusal of a requested extension, with the reason the office is told. */
export const ExtensionRefusalBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });
export const PauseBody = Type.Object(
  {
    kind: Type.Enum([...pauseKinds], { description: 'hearing (听证), assessment (鉴定) or mediation (调解)' }),
    reason: Type.String({ minLength: 1, maxLength: 5000 }),
    plannedEndAt: Type.String({ format: 'date-time', description: 'When the office expects the pause to end; still to come.' }),
  },
  { additionalProperties: false },
);

/** The nature of the matter (core/matter.ts): the class from the plan, and the reason when it changes one already set. */
export const ClassBody = Type.Object(
  {
    class: Type.String({ minLength: 1, maxLength: 64, description: "A class the case's plan defines: suggestion, report, appeal or inquiry." }),
    reason: Type.Optional(Type.String({ maxLength: 5000, description: 'Why the class changes; required when the case already has one.' })),
  },
  { additionalProperties: false },
);
/** The lawful channel of Art. 31 (1)–(5), a code of the plan's lawfulChannels. */
export const LawfulChannelBody = Type.Object(
  {
    channel: Type.String({ minLength: 1, maxLength: 64 }),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export const AdoptionBody = Type.Object(
  {
    adoption: Type.String({ minLength: 1, maxLength: 32, description: 'adopted, partly or not_adopted' }),
    note: Type.String({ minLength: 1, maxLength: 5000 }),
  },
  { additionalProperties: false },
);
/** Art. 36: the earlier concluded case whose conclusion stands, by its reference. */
export const FinalityBody = Type.Object(
  {
    earlierReference: Type.String({ minLength: 1, maxLength: 32 }),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);

export const ObjectionBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });

export const RerouteBody = Type.Object({ unitId: Id }, { additionalProperties: false });
