import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

/**
 * The one rule for "this unit is on the case": its assignment has not been released (the office
 * rerouted it to another unit). Access to a case (`assignedUnitIds`, so `caseFor` and the live
 * stream), the queue of a unit and every lookup of a case's units use it, so they cannot disagree.
 * Written as the partial indexes on assignments are (migrations 002 and 006), so they still match.
 */
export function assignmentActive(table = 'assignments'): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${table}.released_at`)} is null`;
}

/**
 * Stops, at `at`, the clocks of every unit still on the case that have not stopped yet: what the
 * units still owed stops for good (the case came to rest or was answered; see core/clock-stops.ts).
 */
export async function stopUnitClocks(trx: Transaction<Database>, caseId: string, at: string): Promise<void> {
  await trx
    .updateTable('assignments')
    .set({ clocks_stopped_at: at })
    .where('case_id', '=', caseId)
    .where('clocks_stopped_at', 'is', null)
    .where(assignmentActive())
    .execute();
}
