import { assignmentStop, stageStop, type AssignmentStops } from './clock-stops.js';
import type { Stage } from './types.js';

/**
 * One row of the `deadlines` table per clock of a case and of each assignment: what the deadline
 * scanner watches for misses and escalations, derived from the case's stored state.
 */
interface DeadlineRow {
  /** 'case', or the id of the assignment the clock belongs to. */
  subject: string;
  kind: string;
  unitId: string | null;
  dueAt: string;
  /** When the clock stopped counting: done, or stopped by a reroute or the case's stage. */
  doneAt: string | null;
}

export interface CaseDeadlineSource {
  stage: Stage;
  stageChangedAt: string;
  reviewCount: number;
  leadUnitId: string | null;
  acceptDueAt: string | null;
  acceptedAt: string | null;
  concludeDueAt: string | null;
  concludedAt: string | null;
  reviewDueAt: string | null;
  reviewConcludedAt: string | null;
  /** When the open clock pause began (core/pauses.ts), or null: the handling clocks stop while it lasts. */
  pausedAt: string | null;
}

export interface AssignmentDeadlineSource extends AssignmentStops {
  id: string;
  unitId: string;
  acknowledgeDueAt: string;
  acknowledgedAt: string | null;
  onSceneDueAt: string | null;
  arrivedAt: string | null;
  proposalDueAt: string;
  proposalSubmittedAt: string | null;
}

/** The `deadlines` rows that should exist for a case right now, derived from its stored state. */
export function deadlineRowsOf(source: CaseDeadlineSource, assignments: readonly AssignmentDeadlineSource[]): DeadlineRow[] {
  const rows: DeadlineRow[] = [];
  const add = (subject: string, kind: string, unitId: string | null, dueAt: string | null, doneAt: string | null) => {
    if (dueAt !== null) rows.push({ subject, kind, unitId, dueAt, doneAt });
  };
  const caseStop = stageStop(source.stage, source.stageChangedAt);
  add('case', 'accept', null, source.acceptDueAt, source.acceptedAt ?? caseStop);
  // A pause stops the handling clocks while it lasts (the row is done, so the scanner records no
  // miss); when it ends the due time has moved later and the row is pending again.
  add('case', 'conclude', source.leadUnitId, source.concludeDueAt, source.concludedAt ?? caseStop ?? source.pausedAt);
  // Each review round has a clock of its own, so a second review is judged on its own.
  if (source.reviewCount > 0) {
    add('case', `review-${source.reviewCount}`, source.leadUnitId, source.reviewDueAt, source.reviewConcludedAt ?? caseStop ?? source.pausedAt);
  }
  for (const assignment of assignments) {
    const stopped = assignmentStop(assignment, source.stage, source.stageChangedAt);
    add(assignment.id, 'acknowledge', assignment.unitId, assignment.acknowledgeDueAt, assignment.acknowledgedAt ?? stopped);
    add(assignment.id, 'on_scene', assignment.unitId, assignment.onSceneDueAt, assignment.arrivedAt ?? stopped);
    add(assignment.id, 'proposal', assignment.unitId, assignment.proposalDueAt, assignment.proposalSubmittedAt ?? stopped);
  }
  return rows;
}

/** Who hears of a missed clock first, and who next if it stays missed: unit → office → leadership group. */
export function escalationChain(subject: string): { first: 'office' | 'leadership_group'; then: 'leadership_group' | null } {
  return subject === 'case' ? { first: 'leadership_group', then: null } : { first: 'office', then: 'leadership_group' };
}

