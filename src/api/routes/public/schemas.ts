import { PublicCommitment } from '../../../contract/commitments.js';
import { WrittenNotice } from '../../../contract/cases.js';
import { pauseKinds } from '../../../core/pauses.js';
import { Type } from 'typebox';
import { publicLimits } from '../../../commands/public/petition-input.js';
import { caseKinds, channels, maxRepresentatives, stages } from '../../../core/types.js';
import { ErrorResponse, LocalTextOut, Nullable, ReviewWindow, Time } from '../../schemas.js';
import { Deadline } from '../cases/schemas.js';

const optionalText = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));

/** A petition from the public: no channel, urgency or plan to choose; personal data optional. */
export const SubmitPetitionBody = Type.Object(
  {
    kind: Type.Enum([...caseKinds]),
    category: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.String({ minLength: 1, maxLength: publicLimits.title }),
    description: Type.String({ minLength: 1, maxLength: publicLimits.description }),
    location: optionalText(publicLimits.location),
    headcount: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: publicLimits.headcount }))),
    representatives: Type.Optional(
      Type.Array(
        Type.Object(
          { name: Type.String({ minLength: 1, maxLength: publicLimits.name }), contact: optionalText(publicLimits.contact) },
          { additionalProperties: false },
        ),
        { maxItems: maxRepresentatives },
      ),
    ),
    petitioner: Type.Optional(
      Nullable(
        Type.Object({ name: optionalText(publicLimits.name), contact: optionalText(publicLimits.contact) }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const Receipt = Type.Object({
  reference: Type.String(),
  accessCode: Type.String(),
  receivedAt: Time,
  acceptDueAt: Nullable(Time),
});

export const ReferenceParams = Type.Object(
  { reference: Type.String({ minLength: 1, maxLength: publicLimits.reference }) },
  { additionalProperties: false },
);

export const AccessCodeHeaders = Type.Object({
  'x-access-code': Type.String({ minLength: 1, maxLength: publicLimits.accessCode }),
});

/** The petitioner's view: progress, deadlines and answers — and, by this schema, nothing else. */
export const PublicStatus = Type.Object({
  reference: Type.String(),
  kind: Type.Enum([...caseKinds]),
  channel: Type.Enum([...channels]),
  category: Type.Object({ code: Type.String(), name: LocalTextOut }),
  receivedAt: Time,
  stage: Type.Enum([...stages]),
  /** The stage in plain words, in both languages. */
  stageText: Type.Object({ zh: Type.String(), en: Type.String() }),
  stageChangedAt: Time,
  notAcceptedReason: Nullable(Type.String()),
  deadlines: Type.Object({ accept: Deadline, conclude: Deadline, reviewRequest: Deadline, review: Deadline }),
  pause: Nullable(
    Type.Object(
      {
        kind: Type.Enum([...pauseKinds]),
        startedAt: Time,
        plannedEndAt: Time,
        /** Why the time limit is paused, in the public wording of its kind, in both languages. */
        reasonText: Type.Object({ zh: Type.String(), en: Type.String() }),
      },
      { description: 'The open clock pause (a hearing, an expert assessment, a mediation): the handling time limit stops until it ends, then moves later by the time paused.' },
    ),
  ),
  notices: Type.Array(WrittenNotice, { description: 'The written notices sent to the petitioner, oldest first; each downloads as a PDF (POST /public/v1/petitions/notices/pdf).' }),
  matter: Type.Object(
    {
      class: Nullable(Type.Object({ code: Type.String(), name: LocalTextOut })),
      lawfulChannel: Nullable(Type.Object({ code: Type.String(), article: Type.Integer(), name: LocalTextOut, howTo: LocalTextOut, at: Nullable(Time) })),
      adoption: Nullable(Type.Object({ value: Type.String(), note: Type.String() })),
      earlierReference: Nullable(Type.String()),
    },
    {
      description:
        "The nature of the matter: its class (suggestion, report, appeal, inquiry), the lawful channel it belongs to and how to use it (Art. 31 (1)–(5); it is not worked as a petition), a suggestion's adoption, the earlier case whose conclusion stands (Art. 36).",
    },
  ),
  answers: Type.Array(
    Type.Object({ id: Type.String(), body: Type.String(), reviewRound: Type.Integer(), createdAt: Time, rating: Nullable(Type.Integer()) }),
  ),
  reviewCount: Type.Integer(),
  maxReviews: Type.Integer(),
  review: ReviewWindow,
  feedback: Type.Object({ possible: Type.Boolean(), answerId: Nullable(Type.String()), until: Nullable(Time) }),
  commitments: Type.Array(PublicCommitment, {
    description: 'The commitments made on the case (承诺事项), by due time: what was committed, the owner unit, the due time and the status (open, overdue, done, dropped with its reason).',
  }),
});

export const FeedbackBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: publicLimits.comment }))),
  },
  { additionalProperties: false },
);

export const FeedbackResult = Type.Intersect([PublicStatus, Type.Object({ offerReview: Type.Boolean() })]);

export const ReviewBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: publicLimits.reason }) },
  { additionalProperties: false },
);

/** The error answers a public route may give. */
export const publicErrors = {
  400: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
};
