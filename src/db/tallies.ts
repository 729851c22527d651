import { sql, type Kysely } from 'kysely';
import { openStages } from '../core/types.js';
import type { DialectAdapter } from './adapter.js';
import type { Database } from './schema.js';

/**
 * The dashboard's trigger-kept counts (migration 015): `case_tallies` (open cases by stage,
 * urgency, category, lead unit), `case_flow` (received and closed per UTC hour) and
 * `case_due_tallies` (open cases by the UTC hour of their next deadline and lead unit). Each row
 * belongs to a shard: on PostgreSQL the backend that wrote it, so no two transactions write the
 * same row; on SQLite always 0. Readers sum the shards. The worker folds them (`foldTallies`).
 */

/** The due hour that hours long past are folded into: before every real hour. */
const pastHour = '0000-00-00T00';

/** The open stages as SQL literals, for trigger bodies and partial-index-friendly filters. */
export function openStageList(): string {
  return openStages.map((stage) => `'${stage}'`).join(', ');
}

/** `YYYY-MM-DDTHH` of an ISO time, the key the triggers write. */
export function hourKey(iso: string): string {
  return iso.slice(0, 13);
}

// Rows a writer holds are skipped, never waited for: folding never holds up an intake, and rows
// skipped now are folded next time. Only the folding writes shard 0 on PostgreSQL, one process at
// a time (the advisory lock), so it waits for nobody either.
const foldLock = 0x7461_6c79; // "taly"

/**
 * Folds every shard into shard 0, due hours before the previous hour into `pastHour`, and drops
 * rows that count nothing, so the tallies stay a few rows per key however many backends wrote them.
 * Sums are unchanged, so readers see the same counts before, during and after.
 */
export async function foldTallies(db: Kysely<Database>, adapter: DialectAdapter, now: string): Promise<void> {
  const before = hourKey(new Date(Date.parse(now) - 3_600_000).toISOString());
  if (adapter.name === 'sqlite') {
    // One writer, one shard: only the due hours long past are folded, in one short transaction.
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO case_due_tallies (due_hour, lead_unit_id, shard, count)
        SELECT ${pastHour}, lead_unit_id, 0, sum(count) FROM case_due_tallies WHERE due_hour < ${before} AND due_hour <> ${pastHour} GROUP BY lead_unit_id
        ON CONFLICT (due_hour, lead_unit_id, shard) DO UPDATE SET count = case_due_tallies.count + excluded.count`.execute(trx);
      await sql`DELETE FROM case_due_tallies WHERE due_hour < ${before} AND due_hour <> ${pastHour}`.execute(trx);
      for (const table of ['case_tallies', 'case_due_tallies'] as const) await sql`DELETE FROM ${sql.table(table)} WHERE count = 0`.execute(trx);
      await sql`DELETE FROM case_flow WHERE received = 0 AND closed = 0`.execute(trx);
    });
    return;
  }
  await db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${foldLock}) AS locked`.execute(trx);
    if (!lock.rows[0]?.locked) return;
    await sql`WITH moved AS (
          DELETE FROM case_tallies WHERE ctid IN (SELECT ctid FROM case_tallies WHERE shard <> 0 FOR UPDATE SKIP LOCKED)
          RETURNING stage, urgency, category, lead_unit_id, count)
        INSERT INTO case_tallies (stage, urgency, category, lead_unit_id, shard, count)
        SELECT stage, urgency, category, lead_unit_id, 0, sum(count) FROM moved GROUP BY stage, urgency, category, lead_unit_id
        ON CONFLICT (stage, urgency, category, lead_unit_id, shard) DO UPDATE SET count = case_tallies.count + excluded.count`.execute(trx);
    await sql`WITH moved AS (
          DELETE FROM case_flow WHERE ctid IN (SELECT ctid FROM case_flow WHERE shard <> 0 FOR UPDATE SKIP LOCKED)
          RETURNING hour, received, closed)
        INSERT INTO case_flow (hour, shard, received, closed)
        SELECT hour, 0, sum(received), sum(closed) FROM moved GROUP BY hour
        ON CONFLICT (hour, shard) DO UPDATE SET received = case_flow.received + excluded.received, closed = case_flow.closed + excluded.closed`.execute(trx);
    await sql`WITH moved AS (
          DELETE FROM case_due_tallies WHERE ctid IN (
            SELECT ctid FROM case_due_tallies WHERE shard <> 0 OR (due_hour < ${before} AND due_hour <> ${pastHour}) FOR UPDATE SKIP LOCKED)
          RETURNING due_hour, lead_unit_id, count)
        INSERT INTO case_due_tallies (due_hour, lead_unit_id, shard, count)
        SELECT CASE WHEN due_hour < ${before} THEN ${pastHour} ELSE due_hour END AS hour, lead_unit_id, 0, sum(count) FROM moved GROUP BY 1, 2
        ON CONFLICT (due_hour, lead_unit_id, shard) DO UPDATE SET count = case_due_tallies.count + excluded.count`.execute(trx);
    for (const table of ['case_tallies', 'case_due_tallies'] as const) await sql`DELETE FROM ${sql.table(table)} WHERE shard = 0 AND count = 0`.execute(trx);
    await sql`DELETE FROM case_flow WHERE shard = 0 AND received = 0 AND closed = 0`.execute(trx);
  });
}
