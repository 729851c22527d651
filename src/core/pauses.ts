import type { Stage } from './types.js';
import { clocksIn } from './clock-stops.js';

/**
 * Clock pauses (暂停计时): a hearing (听证, Regulations 2022 Art. 31/36), an expert assessment (鉴定)
 * or a mediation (调解) pauses the case's handling clock — the conclude clock, or the review clock
 * during a review — from the moment the office starts it until the office ends it. The time paused
 * is not counted: when the pause ends, the clock's due time moves later by exactly the paused
 * wall-clock duration (ended − started, to the millisecond), not by days counted on the calendar,
 * so a pause of N×24 hours moves the due time by exactly N days whatever the plan counts in.
 */
export const pauseKinds = ['hearing', 'assessment', 'mediation'] as const;
export type PauseKind = (typeof pauseKinds)[number];

/** The clocks a pause can stop: the ones the office owes the petitioner while it handles the case. */
export interface HandlingClocks {
  stage: Stage;
  concludeDueAt: string | null;
  concludedAt: string | null;
  reviewCount: number;
  reviewDueAt: string | null;
  reviewConcludedAt: string | null;
}

/** Which handling clock is running now (the one a pause would stop), or null when none is. */
export function runningHandlingClock(clocks: HandlingClocks): 'conclude' | 'review' | null {
  if (clocksIn[clocks.stage] === 'stop') return null;
  if (clocks.stage === 'review' && clocks.reviewCount > 0 && clocks.reviewDueAt !== null && clocks.reviewConcludedAt === null) return 'review';
  if (clocks.concludeDueAt !== null && clocks.concludedAt === null) return 'conclude';
  return null;
}

/** What is wrong with a pause asked for, as the field at fault and a problem code; null when it may start. */
export function pauseInputProblem(input: { kind: string; reason: string; plannedEndAt: string }, now: string): { field: string; code: 'one_of' | 'required' | 'in_past' | 'date_time' } | null {
  if (!(pauseKinds as readonly string[]).includes(input.kind)) return { field: 'kind', code: 'one_of' };
  if (input.reason.trim() === '') return { field: 'reason', code: 'required' };
  const planned = Date.parse(input.plannedEndAt);
  if (Number.isNaN(planned)) return { field: 'plannedEndAt', code: 'date_time' };
  if (planned <= Date.parse(now)) return { field: 'plannedEndAt', code: 'in_past' };
  return null;
}

/** A due time moved later by the time a pause lasted, `startedAt` to `endedAt` (wall clock, exact). */
export function dueAfterPause(dueAt: string, startedAt: string, endedAt: string): string {
  const paused = Math.max(0, Date.parse(endedAt) - Date.parse(startedAt));
  return new Date(Date.parse(dueAt) + paused).toISOString();
}
