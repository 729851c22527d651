import { createQueryId, type Compilable, type CompiledQuery, type DialectAdapter, type InferResult, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.js';

type Parameters = Record<string, unknown>;

/** A query built once per dialect and kept compiled: each run only fills in its parameters. */
export interface PreparedQuery<P extends Parameters, R> {
  execute(db: Kysely<Database>, parameters: P): Promise<R[]>;
  executeTakeFirst(db: Kysely<Database>, parameters: P): Promise<R | undefined>;
}

interface Compiled {
  query: CompiledQuery;
  /** For each of the compiled query's parameters: the name it is filled from, or the constant it keeps. */
  slots: ({ name: string } | { value: unknown })[];
}

const marker = '\u0000redress:';

/**
 * A query for the hottest paths (the case read, intake, authentication), built by Kysely once per
 * dialect instead of on every request: building and compiling were a sixth of a case read's CPU.
 * `build` is called once with stand-ins for the named parameters; each must reach the compiled
 * query as a parameter of its own (a plain value: not a list for `in`, not `sql.lit`), which is
 * checked then. It is compiled without plugins (none of ours rewrite a query); they see each run, as the tests' statement counter does.
 */
export function prepared<P extends Parameters, Q extends Compilable>(build: (db: Kysely<Database>, parameters: P) => Q): PreparedQuery<P, InferResult<Q>[number]> {
  const byDialect = new WeakMap<DialectAdapter, Compiled>();
  const compiledFor = (db: Kysely<Database>): Compiled => {
    const adapter = db.getExecutor().adapter;
    const kept = byDialect.get(adapter);
    if (kept) return kept;
    const standIns = new Proxy({}, { get: (_, name) => `${marker}${String(name)}` }) as P;
    const query = build(db.withoutPlugins(), standIns).compile();
    if (query.sql.includes(marker)) throw new Error(`A prepared query's parameter reached its SQL text: ${query.sql}`);
    const slots = query.parameters.map((value) =>
      typeof value === 'string' && value.startsWith(marker) ? { name: value.slice(marker.length) } : { value },
    );
    const compiled = { query, slots };
    byDialect.set(adapter, compiled);
    return compiled;
  };
  const run = async (db: Kysely<Database>, parameters: P): Promise<QueryResult<InferResult<Q>[number]>> => {
    const { query, slots } = compiledFor(db);
    const executor = db.getExecutor();
    const queryId = createQueryId();
    if (executor.plugins.length > 0) executor.transformQuery(query.query, queryId);
    const values = slots.map((slot) => ('name' in slot ? parameters[slot.name] : slot.value));
    return executor.executeQuery<InferResult<Q>[number]>({ ...query, parameters: values, queryId });
  };
  return {
    execute: async (db, parameters) => (await run(db, parameters)).rows,
    executeTakeFirst: async (db, parameters) => (await run(db, parameters)).rows[0],
  };
}
