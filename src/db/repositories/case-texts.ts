import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectAdapter } from '../adapter.js';
import type { Database } from '../schema.js';

/**
 * Up to this many cases containing a text are read from the FTS5 table and sorted; more, and
 * walking the order's index with LIKE finds a page sooner (one case in fewer than 200 matches).
 */
const fewMatches = 5000;

/** The trigram tokenizer finds texts of three characters or more; shorter ones match nothing there. */
const shortest = 3;

/** A text as one FTS5 phrase: every character literal (a double quote doubled). */
function phrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/**
 * Whether the queue should find the cases whose title or description contains `q` through the
 * FTS5 trigram table (SQLite, migration 020): when the text is long enough for it and few cases
 * contain it. Counting stops past `fewMatches`, so asking costs little either way. On PostgreSQL
 * `ilike` is indexed itself (pg_trgm), and its planner weighs how common the text is.
 */
export async function searchTextIndex(db: Kysely<Database>, adapter: DialectAdapter, q: string): Promise<boolean> {
  if (adapter.textSearch !== 'fts5' || [...q].length < shortest) return false;
  const counted = await sql<{ n: number }>`
    select count(*) as n from (select rowid from case_texts where case_texts match ${phrase(q)} limit ${fewMatches + 1})`.execute(db);
  return Number(counted.rows[0]?.n ?? 0) <= fewMatches;
}

/** The cases whose title or description contains `q`, found in the FTS5 trigram table. */
export function containingText(q: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref('cases.id')} in (select case_id from case_text_ids where text_id in (select rowid from case_texts where case_texts match ${phrase(q)}))`;
}
