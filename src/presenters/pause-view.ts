import type { Static } from 'typebox';
import type { Pause } from '../contract/cases.js';
import type { CaseDeadlines } from '../core/case-deadlines.js';
import type { PauseKind } from '../core/pauses.js';
import type { PausesTable } from '../db/schema.js';

/** One clock pause as staff see it. */
export function pauseView(row: PausesTable): Static<typeof Pause> {
  return {
    id: row.id,
    kind: row.kind as PauseKind,
    reason: row.reason,
    plannedEndAt: row.planned_end,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    startedBy: row.started_by,
    endedBy: row.ended_by,
  };
}

/** The open pause of a case, if any. */
export function openPause<P extends Pick<PausesTable, 'ended_at'>>(pauses: readonly P[]): P | undefined {
  return pauses.find((pause) => pause.ended_at === null);
}

/**
 * The case's clocks with an open pause applied: the handling clocks still owed (conclude, review)
 * stand `paused` instead of pending or overdue, since the time paused is not counted.
 */
export function pausedDeadlines(deadlines: CaseDeadlines, pauses: readonly Pick<PausesTable, 'ended_at'>[]): CaseDeadlines {
  if (!openPause(pauses)) return deadlines;
  const paused = (clock: CaseDeadlines['conclude']) =>
    clock.dueAt !== null && clock.doneAt === null ? { ...clock, status: 'paused' as const } : clock;
  return { ...deadlines, conclude: paused(deadlines.conclude), review: paused(deadlines.review) };
}
