import { sql, type RawBuilder } from 'kysely';

/**
 * The one rule for "this unit is on the case": its assignment has not been released (the office
 * rerouted it to another unit). Access to a case (`assignedUnitIds`, so `caseFor` and the live
 * stream), the queue of a unit and every lookup of a case's units use it, so they cannot disagree.
 * Written as the partial indexes on assignments are (migrations 002 and 006), so they still match.
 */
export function assignmentActive(table = 'assignments'): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${table}.released_at`)} is null`;
}
