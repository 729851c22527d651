import type { Assignment, Unit } from '../../api/types';

/** Where a unit's right to object stands: made, still open, run out, or never given. */
export type ObjectionWindow =
  | { state: 'objected'; at: string; reason: string }
  | { state: 'open'; dueAt: string }
  | { state: 'closed'; dueAt: string }
  | { state: 'none' };

/** The objection window of an assignment at `now` (epoch ms, the server's clock). */
export function objectionWindow(assignment: Pick<Assignment, 'objection'>, now: number): ObjectionWindow {
  const { at, dueAt, reason } = assignment.objection;
  if (at !== null) return { state: 'objected', at, reason: reason ?? '' };
  if (dueAt === null) return { state: 'none' };
  // The server refuses only after the due time, so the due instant itself is still open.
  return now <= Date.parse(dueAt) ? { state: 'open', dueAt } : { state: 'closed', dueAt };
}

/** The units a case can be rerouted (or assigned) to: none that is or ever was on it, which the server refuses. */
export function unassignedUnits<U extends Pick<Unit, 'id'>>(units: readonly U[], assignments: readonly Pick<Assignment, 'unitId'>[]): U[] {
  const taken = new Set(assignments.map((assignment) => assignment.unitId));
  return units.filter((unit) => !taken.has(unit.id));
}
