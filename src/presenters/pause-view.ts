import type { Static } from 'typebox';
import type { Pause } from '../contract/cases.js';
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
