import { deadline, type Deadline } from './deadlines.js';
import type { Stage } from './types.js';

/**
 * The domain's clocks: the time limits a case and its units owe, which run while the case is worked
 * and stop when it comes to rest. When they stop, and how a clock stands when it stopped.
 */

/**
 * What each stage does to the clocks. `run`: the case is being worked and every clock counts.
 * `stop`: the case is at rest (closed with its answer, or not accepted), so nothing a unit or the
 * office still owed means anything: every clock not yet done stops when the case enters the stage,
 * and a unit's clocks never start again (a review is judged by its own clock). A stage added later
 * must say here what it does to the clocks; the scanner, the case view, the buttons and the
 * accountability report all follow this one table.
 */
export const clocksIn: Record<Stage, 'run' | 'stop'> = {
  prevention: 'run',
  reception: 'run',
  decision: 'run',
  resolution: 'run',
  review: 'run',
  closed: 'stop',
  not_accepted: 'stop',
};

/**
 * What the official written answer does to the clocks. The first answer in resolution concludes the
 * case, the first answer in a review concludes the review round, and either stops every unit's
 * clock not yet done: once the petitioner has the answer, an arrival or a proposal owed for it no
 * longer means anything (closing later stops nothing more; a review is judged by its own clock).
 */
export function answerStops(
  stage: 'resolution' | 'review',
  answered: { concludedAt: string | null; reviewConcludedAt: string | null },
  now: string,
): { concludedAt?: string; reviewConcludedAt?: string; unitClocksStopAt: string } {
  if (stage === 'resolution') return { ...(answered.concludedAt === null ? { concludedAt: now } : {}), unitClocksStopAt: now };
  return { ...(answered.reviewConcludedAt === null ? { reviewConcludedAt: now } : {}), unitClocksStopAt: now };
}

/** The moment the case's stage stopped its clocks, or null while they run. */
export function stageStop(stage: Stage, stageChangedAt: string): string | null {
  return clocksIn[stage] === 'stop' ? stageChangedAt : null;
}

const earliest = (...times: (string | null)[]): string | null =>
  times.reduce<string | null>((first, time) => (time !== null && (first === null || time < first) ? time : first), null);

/** What decides when a unit's clocks stop, short of the unit doing what it owes. */
export interface AssignmentStops {
  /** Set when the office rerouted the case to another unit. */
  releasedAt: string | null;
  /** Set the first time the case entered a stage that stops the clocks (see `clocksIn`), or was answered (`answerStops`). */
  clocksStoppedAt: string | null;
}

/** When an assignment's clocks stopped (rerouted away, or the case came to rest), or null while they run. */
export function assignmentStop(assignment: AssignmentStops, stage: Stage, stageChangedAt: string): string | null {
  return earliest(assignment.releasedAt, assignment.clocksStoppedAt, stageStop(stage, stageChangedAt));
}

/** A clock's standing at `now`, judged as of the moment it stopped if it stopped before it was done. */
export function clockStanding(dueAt: string | null, doneAt: string | null, stoppedAt: string | null, now: string): Deadline {
  if (dueAt === null || doneAt !== null || stoppedAt === null) return deadline(dueAt, doneAt, now);
  // Stopped before it ran out: nothing is owed. Stopped after: it ran out while it still counted.
  return { dueAt, doneAt, status: stoppedAt <= dueAt ? 'stopped' : 'missed' };
}

/** A miss the scanner recorded, as its timeline event says. */
interface RecordedMiss {
  subject: string;
  dueAt: string;
  missedAt: string;
}

/** A spell the case spent in a stage that stops the clocks: entered at `at`, left at `leftAt` (null: still there). */
export interface Rest {
  at: string;
  leftAt: string | null;
}

/**
 * Why a recorded miss is void: the moment the clock had been stopped (by the rule above) before it
 * ran out, so nothing was owed when the miss was recorded; null when the miss stands.
 * `notifiedAt` is when an assignment's clocks started (null for a case clock).
 */
export function voidingStop(miss: RecordedMiss, rests: readonly Rest[], notifiedAt: string | null): string | null {
  if (miss.subject !== 'case') {
    // A unit's clocks stop for good the first time the case comes to rest after it was notified.
    const first = rests.find((rest) => notifiedAt === null || rest.at >= notifiedAt);
    return first !== undefined && first.at <= miss.dueAt ? first.at : null;
  }
  // A case clock stops while the case rests: void if the case was resting, since before the due time, when the miss was recorded.
  const during = rests.find((rest) => rest.at <= miss.dueAt && rest.at <= miss.missedAt && (rest.leftAt === null || rest.leftAt > miss.missedAt));
  return during?.at ?? null;
}
