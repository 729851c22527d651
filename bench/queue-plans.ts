/**
 * The queue's query plans at scale (issue 11): every order with every filter the dashboard bench
 * times over HTTP, each as the queue sends it (same SQL, same bound parameters), timed in process
 * and EXPLAINed, so a slow combination shows why.
 */
import { performance } from 'node:perf_hooks';
import { CompiledQuery, type Kysely } from 'kysely';
import { queueOrders } from '../src/core/queue.js';
import type { DialectAdapter } from '../src/db/adapter.js';
import { searchTextIndex } from '../src/db/repositories/case-texts.js';
import { listCasesQuery, type CaseFilters } from '../src/db/repositories/cases.js';
import type { Database } from '../src/db/schema.js';

/** The plan of a compiled statement: SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN (optionally ANALYZE). */
export async function explain(db: Kysely<Database>, adapter: DialectAdapter, compiled: CompiledQuery, analyze = false): Promise<string> {
  const prefix = adapter.name === 'sqlite' ? 'explain query plan ' : analyze ? 'explain (analyze, buffers off, timing off, summary on) ' : 'explain ';
  const result = await db.executeQuery(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
  return (result.rows as Record<string, unknown>[]).map((row) => String(row.detail ?? row['QUERY PLAN'])).join('\n    ');
}

const weekAgo = (weeks: number) => new Date(Date.now() - weeks * 7 * 86_400_000).toISOString();

/** The dashboard bench's filters, as query strings and as the queue's filters, and reference searches. */
export function queueFilters(unitId: string): [string, CaseFilters][] {
  return [
    ['', {}],
    ['stage=decision', { stage: 'decision' }],
    ['stage=open', { stage: 'open' }],
    ['overdue=true', { overdue: true }],
    [`unit=${unitId}`, { unitId }],
    ['urgency=major', { urgency: 'major' }],
    ['category=housing', { category: 'housing' }],
    ['objection=true', { objection: true }],
    ['supervised=true', { supervised: true }],
    ['inCharge=true (a leader with none)', { leaderInChargeId: unitId }],
    ['flag=suspected_spam', { flag: 'suspected_spam' }],
    // A dashboard week bar's click-through (issue 8, item 12): a week of received, or of closed, cases.
    ['receivedFrom..To (a week)', { receivedFrom: weekAgo(2), receivedTo: weekAgo(1) }],
    ['closedFrom..To (a week)', { closedFrom: weekAgo(2), closedTo: weekAgo(1) }],
    // Reference fragments: with a digit only the reference indexes are read; letters alone may also be
    // words of a title or description (issue 8, item 5).
    ['q=2027-AAAA', { q: '2027-AAAA' }],
    ['q=cbtd', { q: 'cbtd' }],
    ['q=BT-DP', { q: 'BT-DP' }],
    // A word in every title: searched by walking the order (SQLite reads the FTS5 table only for rarer texts).
    ['q=synthetic', { q: 'synthetic' }],
  ];
}

/** Each order × filter's first page (51 rows, as the API asks): median of `runs` in-process runs, and its plan. */
export async function printQueuePlans(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  unitId: string,
  print: (line: string) => void,
  options: { runs?: number; only?: (filter: string) => boolean } = {},
): Promise<{ worst: number }> {
  const runs = options.runs ?? 5;
  const now = new Date().toISOString();
  let worst = 0;
  for (const order of queueOrders) {
    for (const [label, filters] of queueFilters(unitId)) {
      if (options.only && !options.only(label)) continue;
      // As the queue asks it (repositories/cases.ts listCases): whether to read the FTS5 table is decided first, and timed.
      const ask = async () => {
        const textIndex = filters.q ? await searchTextIndex(db, adapter, filters.q) : false;
        return listCasesQuery(db, adapter, { scope: { all: true }, filters, order, now, limit: 51, after: null, textIndex });
      };
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < runs; i += 1) {
        const started = performance.now();
        found = (await (await ask()).execute()).length;
        times.push(performance.now() - started);
      }
      const query = await ask();
      times.sort((a, b) => a - b);
      const median = times[Math.floor(runs / 2)] ?? 0;
      worst = Math.max(worst, median);
      const name = `${order}${label ? `, ${label.replace(/=[0-9a-f-]{36}$/, '=<unit>')}` : ''}`;
      print(`  ${name.padEnd(36)} median ${median.toFixed(2).padStart(8)} ms  (${found} rows)`);
      print(`    ${await explain(db, adapter, query.compile())}`);
    }
  }
  return { worst };
}
