import { Type, type TSchema } from 'typebox';
import { caseFlags } from '../core/flags.js';
import { pauseKinds } from '../core/pauses.js';
import { noticeKinds } from '../core/written-notices.js';
import { adoptions, matterClasses } from '../core/matter.js';
import { caseActions } from '../core/policy.js';
import { assignmentRoles, caseKinds, channels, stages, urgencies } from '../core/types.js';
import { ReviewHandlingRefusal, ReviewRound } from './reviews.js';
import { eachNamed, GuardCode, Id, Nullable, ReviewWindow, Time } from './common.js';

/**
 * What the server answers about a case (GET /api/v1/cases, /cases/:id, every action's answer),
 * shared by the server's response schemas, its presenter (presenters/case-view.ts) and the web app.
 */

export const Deadline = Type.Object({
  dueAt: Nullable(Time),
  doneAt: Nullable(Time),
  status: Nullable(Type.Enum(['pending', 'overdue', 'met', 'missed', 'stopped', 'paused'])),
});

export const CaseSummary = Type.Object({
  id: Id,
  reference: Type.String(),
  planId: Id,
  kind: Type.Enum([...caseKinds]),
  channel: Type.Enum([...channels]),
  urgency: Type.Enum([...urgencies]),
  category: Type.String(),
  /** Empty when `titleWithheld`: a report's title is the accuser's material (Art. 30). */
  title: Type.String(),
  /** This reader's unit is not discipline inspection and the case is a report: its title is not sent (Art. 30). */
  titleWithheld: Type.Boolean(),
  location: Nullable(Type.String()),
  headcount: Nullable(Type.Integer()),
  stage: Type.Enum([...stages]),
  stageChangedAt: Time,
  receivedAt: Time,
  createdAt: Time,
  updatedAt: Time,
  closedAt: Nullable(Time),
  reviewCount: Type.Integer(),
  deadlines: Type.Object({ accept: Deadline, conclude: Deadline, reviewRequest: Deadline, review: Deadline }),
  /** e.g. `suspected_spam`: a public petition a coordinator should look at before working it. */
  flags: Type.Array(Type.Enum([...caseFlags])),
  /** A unit still assigned has objected that the case is outside its remit, awaiting the office. */
  openObjection: Type.Boolean(),
});

/** One unit on the case as the viewer sees it: its clocks, its objection, what the viewer may record for it. */
export const Assignment = Type.Object({
  id: Id,
  unitId: Id,
  unitName: Type.String(),
  role: Type.Enum([...assignmentRoles]),
  notifiedAt: Time,
  acknowledge: Deadline,
  onScene: Deadline,
  proposal: Deadline,
  objection: Type.Object({ dueAt: Nullable(Time), at: Nullable(Time), reason: Nullable(Type.String()) }),
  releasedAt: Nullable(Time),
  clocksStoppedAt: Nullable(Time),
  abilities: Type.Object({
    acknowledge: Type.Boolean(),
    arrive: Type.Boolean(),
    propose: Type.Boolean(),
    object: Type.Boolean({ description: 'The viewer may object that the case is outside this unit\'s remit (its own officers, within the window).' }),
    reroute: Type.Boolean({ description: 'The viewer may move this assignment to another unit (the office, on a case being worked).' }),
    onBehalf: Type.Boolean(),
  }),
});

/** Names and contacts on a case; null where withheld from the reader. */
export const PersonalData = Type.Object({
  petitioner: Nullable(Type.Object({ name: Nullable(Type.String()), contact: Nullable(Type.String()) })),
  representatives: Type.Array(Type.Object({ id: Id, position: Type.Integer(), name: Nullable(Type.String()), contact: Nullable(Type.String()) })),
});

/** A clock pause on a case (core/pauses.ts). */
export const Pause = Type.Object({
  id: Id,
  kind: Type.Enum([...pauseKinds]),
  reason: Type.String(),
  plannedEndAt: Time,
  startedAt: Time,
  endedAt: Nullable(Time),
  startedBy: Nullable(Id),
  endedBy: Nullable(Id),
});

/** A written notice (告知) as it was sent to the petitioner: its kind, when, by which office, and its text in both languages. */
export const WrittenNotice = Type.Object({
  id: Id,
  kind: Type.Enum([...noticeKinds]),
  issuedAt: Time,
  issuedBy: Nullable(Id),
  office: Type.Object({ zh: Type.Optional(Type.String()), en: Type.Optional(Type.String()) }),
  content: Type.Object({ zh: Type.Object({ title: Type.String(), body: Type.String() }), en: Type.Object({ title: Type.String(), body: Type.String() }) }),
});

/** The nature of the matter (core/matter.ts; Art. 29–31, 36). */
const orNull = <T extends TSchema>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

export const Matter = Type.Object({
  class: orNull(Type.Enum([...matterClasses]), 'suggestion (建议意见), report (检举控告), appeal (申诉求决) or inquiry (咨询); null until the office classifies the case.'),
  disciplineUnitId: orNull(Id, 'A report: the discipline inspection unit it was routed to.'),
  lawfulChannel: orNull(Type.Object({ code: Type.String(), at: Nullable(Time) }), "The lawful channel of Art. 31 (1)–(5) recorded (a code of the plan's lawfulChannels); the matter is not worked as a petition."),
  adoption: orNull(Type.Object({ value: Type.Enum([...adoptions]), note: Type.String() }), "A suggestion's adoption (Art. 29)."),
  earlierReference: orNull(Type.String(), "Art. 36: the earlier concluded case whose conclusion stands, by its reference."),
  accuserMaterialWithheld: Type.Boolean({ description: "A report's description and names are withheld from this reader, whose unit is not discipline inspection (Art. 30)." }),
});

export const CaseDetail = Type.Intersect([
  CaseSummary,
  Type.Object({
    description: Type.String(),
    notAcceptedReason: Nullable(Type.String()),
    receiveTogether: Type.Boolean(),
    ...PersonalData.properties,
    personalData: Type.Object(
      {
        withheld: Type.Boolean({ description: 'Names and contacts were left out: the reader is neither the office nor an assigned unit.' }),
        mayReveal: Type.Boolean({ description: 'The reader may reveal them with a stated reason (POST …/personal-data/reveal), audited.' }),
        sent: Type.Boolean({
          description:
            'This answer carries the names and contacts the reader sees: a read of the case (GET) or the answer to opening one, each audit-logged. An action\'s answer leaves them out (null), so acting on a case is not a read of them; keep those already shown.',
        }),
      },
    ),
    assignments: Type.Array(Assignment),
    meetings: Type.Array(
      Type.Object({
        id: Id,
        heldAt: Time,
        attendees: Type.String(),
        summary: Type.String(),
        commitments: Type.Array(Type.String()),
        createdAt: Time,
      }),
    ),
    answers: Type.Array(Type.Object({ id: Id, body: Type.String(), reviewRound: Type.Integer(), createdAt: Time })),
    matter: Matter,
    pauses: Type.Array(Pause, { description: 'The clock pauses (hearings, assessments, mediations), oldest first; the one with endedAt null is open and stops the handling clock.' }),
    notices: Type.Array(WrittenNotice, { description: 'The written notices sent to the petitioner, oldest first; each prints as a PDF (GET …/notices/{noticeId}/pdf).' }),
    completedSteps: Type.Array(Type.Object({ id: Type.String(), doneAt: Time, doneBy: Nullable(Id) }), {
      description: "The ticked steps of the pinned plan's checklist (ids `stage.step`), in the plan's order; the checklist itself is GET /api/v1/plans/{planId}/checklist.",
    }),
    moves: Type.Array(
      Type.Object({
        to: Type.Enum([...stages]),
        reasonRequired: Type.Boolean(),
        blockedBy: Nullable(GuardCode),
        /** Checklist steps (`stage.step`) of the current stage this move would leave undone; the move is still allowed. */
        undoneSteps: Type.Array(Type.String()),
      }),
    ),
    review: ReviewWindow,
    extension: Type.Union([Type.Object({ days: Type.Integer(), reason: Type.String(), at: Nullable(Time) }), Type.Null()], {
      description: 'The one extension of the time to conclude, approved by a leader (the petitioner is told it).',
    }),
    extensionRequest: Type.Union([Type.Object({ days: Type.Integer(), reason: Type.String(), requestedAt: Time, requestedBy: Nullable(Id) }), Type.Null()], {
      description: 'The extension the office requested, waiting for a leader to approve or refuse it (POST …/extensions/approve, …/refuse). Staff only: the petitioner sees only an approved extension.',
    }),
    reviews: Type.Array(ReviewRound, { description: 'The review rounds by the body above (Art. 35–36), the review (1) first: the body, its clock, its outcome.' }),
    reviewHandling: ReviewHandlingRefusal,
    abilities: Type.Object(eachNamed(caseActions, Type.Boolean())),
  }),
]);

export const Event = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  actorId: Nullable(Id),
  actorName: Nullable(Type.String()),
  at: Time,
  data: Type.Record(Type.String(), Type.Unknown()),
});
