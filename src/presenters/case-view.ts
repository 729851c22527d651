import type { Static } from 'typebox';
import type { Assignment as AssignmentSchema, CaseDetail as CaseDetailSchema, CaseSummary as CaseSummarySchema } from '../contract/cases.js';
import { caseDeadlines, type CaseDueTimes } from '../core/case-deadlines.js';
import { assignmentStop, clockStanding } from '../core/clock-stops.js';
import { parseFlags } from '../core/flags.js';
import { accuserMaterialShown } from '../core/matter.js';
import { assignmentAbilities } from '../core/policy.js';
import { openStages, type Actor } from '../core/types.js';
import type { AssignmentsTable, CasesTable } from '../db/schema.js';
import type { QueueCase } from '../db/repositories/cases.js';
import { matterFacts } from './matter-view.js';

/** What every listing shows of a case: no personal data (the wire schema's type, src/contract/cases.ts). */
export type CaseSummary = Static<typeof CaseSummarySchema>;

/** The statutory clocks' due and done times, read off the case row. */
export function caseDueTimes(
  row: Pick<CasesTable, 'accept_due_at' | 'accepted_at' | 'conclude_due_at' | 'concluded_at' | 'review_request_due_at' | 'review_started_at' | 'review_due_at' | 'review_concluded_at' | 'paused_at'>,
): CaseDueTimes {
  return {
    acceptDueAt: row.accept_due_at,
    acceptedAt: row.accepted_at,
    concludeDueAt: row.conclude_due_at,
    concludedAt: row.concluded_at,
    reviewRequestDueAt: row.review_request_due_at,
    reviewStartedAt: row.review_started_at,
    reviewDueAt: row.review_due_at,
    reviewConcludedAt: row.review_concluded_at,
    pausedAt: row.paused_at,
  };
}

/** A case as a line of the queue, for this reader: a report's title is withheld from a unit other than discipline inspection (Art. 30). */
export function caseSummary(row: QueueCase, now: string, actor: Actor, facts: { openObjection: boolean }): CaseSummary {
  const titleWithheld = !accuserMaterialShown(actor, matterFacts(row));
  return {
    id: row.id,
    reference: row.reference,
    planId: row.plan_id,
    kind: row.kind,
    channel: row.channel,
    urgency: row.urgency,
    category: row.category,
    title: titleWithheld ? '' : row.title,
    titleWithheld,
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

type AssignmentView = Static<typeof AssignmentSchema>;

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

/**
 * The whole case as staff see it: names and contacts only for the office and the assigned units
 * (reading them is audit-logged); `personalData.sent` says whether this answer carries them.
 */
export type CaseDetail = Static<typeof CaseDetailSchema>;
