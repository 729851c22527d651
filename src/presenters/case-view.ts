import { caseDeadlines, type CaseDeadlines, type CaseDueTimes } from '../core/case-deadlines.js';
import { assignmentStop, clockStanding } from '../core/clock-stops.js';
import type { Deadline } from '../core/deadlines.js';
import { parseFlags, type CaseFlag } from '../core/flags.js';
import { assignmentAbilities, type AssignmentAbilities, type CaseAction } from '../core/policy.js';
import type { OfferedMove, ReviewWindow } from '../core/stages.js';
import { openStages, type Actor, type CaseKind, type Channel, type Stage, type Urgency, type AssignmentRole } from '../core/types.js';
import type { AssignmentsTable, CasesTable } from '../db/schema.js';

/** What every listing shows of a case: no personal data. */
export interface CaseSummary {
  id: string;
  reference: string;
  planId: string;
  kind: CaseKind;
  channel: Channel;
  urgency: Urgency;
  category: string;
  title: string;
  location: string | null;
  headcount: number | null;
  stage: Stage;
  stageChangedAt: string;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  reviewCount: number;
  deadlines: CaseDeadlines;
  /** What a coordinator must look at, e.g. `suspected_spam` on a public petition. */
  flags: CaseFlag[];
  /** A unit still assigned has objected that the case is outside its remit; the office decides. */
  openObjection: boolean;
}

/** The statutory clocks' due and done times, read off the case row. */
export function caseDueTimes(row: CasesTable): CaseDueTimes {
  return {
    acceptDueAt: row.accept_due_at,
    acceptedAt: row.accepted_at,
    concludeDueAt: row.conclude_due_at,
    concludedAt: row.concluded_at,
    reviewRequestDueAt: row.review_request_due_at,
    reviewStartedAt: row.review_started_at,
    reviewDueAt: row.review_due_at,
    reviewConcludedAt: row.review_concluded_at,
  };
}

export function caseSummary(row: CasesTable, now: string, facts: { openObjection: boolean }): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    planId: row.plan_id,
    kind: row.kind,
    channel: row.channel,
    urgency: row.urgency,
    category: row.category,
    title: row.title,
    location: row.location,
    headcount: row.headcount,
    stage: row.stage,
    stageChangedAt: row.stage_changed_at,
    receivedAt: row.received_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    reviewCount: row.review_count,
    deadlines: caseDeadlines(caseDueTimes(row), now),
    flags: parseFlags(row.flags),
    openObjection: facts.openObjection,
  };
}

interface AssignmentView {
  id: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  notifiedAt: string;
  acknowledge: Deadline;
  onScene: Deadline;
  proposal: Deadline;
  /** The unit's window to object that the case is outside its remit, and its objection if made. */
  objection: { dueAt: string | null; at: string | null; reason: string | null };
  /** Set when the office rerouted the case to another unit; the clocks stopped then. */
  releasedAt: string | null;
  /** When the unit's clocks stopped (rerouted away, or the case came to rest); null while they run. */
  clocksStoppedAt: string | null;
  /** What the viewer may do for this unit now (core/policy.ts `assignmentAbilities`), and whether they would do it on its behalf. */
  abilities: AssignmentAbilities;
}

/** One unit on the case as the viewer sees it: its clocks judged by the stop rule, and what they may record. */
export function assignmentView(
  row: AssignmentsTable & { unit_name: string },
  theCase: Pick<CasesTable, 'stage' | 'stage_changed_at'>,
  actor: Actor,
  now: string,
): AssignmentView {
  const stoppedAt = assignmentStop(
    { releasedAt: row.released_at, clocksStoppedAt: row.clocks_stopped_at },
    theCase.stage,
    theCase.stage_changed_at,
  );
  const deadline = (dueAt: string | null, doneAt: string | null) => clockStanding(dueAt, doneAt, stoppedAt, now);
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    role: row.role,
    notifiedAt: row.notified_at,
    acknowledge: deadline(row.acknowledge_due_at, row.acknowledged_at),
    onScene: deadline(row.on_scene_due_at, row.arrived_at),
    proposal: deadline(row.proposal_due_at, row.proposal_submitted_at),
    objection: { dueAt: row.objection_due_at, at: row.objected_at, reason: row.objection_reason },
    releasedAt: row.released_at,
    clocksStoppedAt: stoppedAt,
    abilities: assignmentAbilities(
      actor,
      {
        unitId: row.unit_id,
        stoppedAt,
        releasedAt: row.released_at,
        acknowledged: row.acknowledged_at !== null,
        arrivalOwed: row.on_scene_due_at !== null && row.arrived_at === null,
        proposed: row.proposal_submitted_at !== null,
        objection: { dueAt: row.objection_due_at, at: row.objected_at },
        caseOpen: openStages.includes(theCase.stage),
      },
      now,
    ),
  };
}

/** A representative; name and contact are null when withheld from this reader (see `personalDataAccess`). */
interface RepresentativeView {
  id: string;
  position: number;
  name: string | null;
  contact: string | null;
}

interface MeetingView {
  id: string;
  heldAt: string;
  attendees: string;
  summary: string;
  commitments: string[];
  createdAt: string;
}

interface AnswerView {
  id: string;
  body: string;
  reviewRound: number;
  createdAt: string;
}

/** A ticked step of the pinned plan's checklist (the checklist itself: GET /api/v1/plans/:id/checklist). */
interface CompletedStep {
  id: string;
  doneAt: string;
  doneBy: string | null;
}

/** The whole case as staff see it: names and contacts only for the office and the assigned units (reading them is audit-logged). */
export interface CaseDetail extends CaseSummary {
  description: string;
  notAcceptedReason: string | null;
  receiveTogether: boolean;
  petitioner: { name: string | null; contact: string | null } | null;
  representatives: RepresentativeView[];
  /**
   * Whether names and contacts were left out for this reader, whether they may reveal them with a
   * reason, and whether this answer carries them (only a read of the case does; see `caseDetail`).
   */
  personalData: { withheld: boolean; mayReveal: boolean; sent: boolean };
  assignments: AssignmentView[];
  meetings: MeetingView[];
  answers: AnswerView[];
  completedSteps: CompletedStep[];
  moves: OfferedMove[];
  /** The petitioner's window to request a review, as the portal and the public API show it. */
  review: ReviewWindow;
  abilities: Record<CaseAction, boolean>;
}
