import { sql, type Kysely } from 'kysely';

/**
 * A reference found from any run of its characters, across its dashes too (`KK-QY` in
 * 2026-CRKK-QYT6): besides the whole reference and its parts from 6 and 11 (migration 006), an
 * index on the reference from each other place a typed fragment may start inside the random part
 * (`referenceStarts` in core/queue.ts). The expressions read exactly as repositories/cases.ts
 * writes them, with literal positions, or the databases will not use these indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const start of [7, 8, 9, 12]) {
    await sql.raw(`create index cases_reference_from_${start} on cases (substr(reference, ${start}))`).execute(db);
  }
}
