/** Every clock a case and its assignments carry, as the scanner and the report see them. */
export const caseClockKinds = ['accept', 'conclude', 'review'] as const;
export const assignmentClockKinds = ['acknowledge', 'on_scene', 'proposal'] as const;
export type ClockKind = (typeof caseClockKinds)[number] | (typeof assignmentClockKinds)[number];

export interface Clock {
  /** 'case', or the id of the assignment the clock belongs to. */
  subject: string;
  kind: string;
  unitId: string | null;
  dueAt: string;
  doneAt: string | null;
}

export interface CaseClockSource {
  reviewCount: number;
  leadUnitId: string | null;
  acceptDueAt: string | null;
  acceptedAt: string | null;
  concludeDueAt: string | null;
  concludedAt: string | null;
  reviewDueAt: string | null;
  reviewConcludedAt: string | null;
}

export interface AssignmentClockSource {
  id: string;
  unitId: string;
  acknowledgeDueAt: string;
  acknowledgedAt: string | null;
  onSceneDueAt: string | null;
  arrivedAt: string | null;
  proposalDueAt: string;
  proposalSubmittedAt: string | null;
  /** A rerouted assignment's clocks stop when it is released. */
  releasedAt: string | null;
}

/** The clocks that should exist for a case right now, derived from its stored state. */
export function clocksOf(source: CaseClockSource, assignments: readonly AssignmentClockSource[]): Clock[] {
  const clocks: Clock[] = [];
  const add = (subject: string, kind: string, unitId: string | null, dueAt: string | null, doneAt: string | null) => {
    if (dueAt !== null) clocks.push({ subject, kind, unitId, dueAt, doneAt });
  };
  add('case', 'accept', null, source.acceptDueAt, source.acceptedAt);
  add('case', 'conclude', source.leadUnitId, source.concludeDueAt, source.concludedAt);
  // Each review round has a clock of its own, so a second review is judged on its own.
  if (source.reviewCount > 0) add('case', `review-${source.reviewCount}`, source.leadUnitId, source.reviewDueAt, source.reviewConcludedAt);
  for (const assignment of assignments) {
    const stop = (doneAt: string | null) => doneAt ?? assignment.releasedAt;
    add(assignment.id, 'acknowledge', assignment.unitId, assignment.acknowledgeDueAt, stop(assignment.acknowledgedAt));
    add(assignment.id, 'on_scene', assignment.unitId, assignment.onSceneDueAt, stop(assignment.arrivedAt));
    add(assignment.id, 'proposal', assignment.unitId, assignment.proposalDueAt, stop(assignment.proposalSubmittedAt));
  }
  return clocks;
}

/** Who hears of a missed clock first, and who next if it stays missed: unit → office → leadership group. */
export function escalationChain(subject: string): { first: 'office' | 'leadership_group'; then: 'leadership_group' | null } {
  return subject === 'case' ? { first: 'leadership_group', then: null } : { first: 'office', then: 'leadership_group' };
}
