import { sql, type Kysely } from 'kysely';
import { openStages } from '../../core/types.js';
import type { CaseScope } from '../../core/policy.js';
import { forUpdate, type DialectAdapter } from '../adapter.js';
import type { CasesTable, Database } from '../schema.js';

export type CaseRow = CasesTable;

export async function findCase(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  id: string,
  options: { lock?: boolean } = {},
): Promise<CaseRow | undefined> {
  const query = db.selectFrom('cases').selectAll().where('id', '=', id);
  return (options.lock ? forUpdate(adapter, query) : query).executeTakeFirst();
}

export async function assignedUnitIds(db: Kysely<Database>, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('assignments')
    .select('unit_id')
    .where('case_id', '=', caseId)
    .where('released_at', 'is', null)
    .execute();
  return rows.map((row) => row.unit_id);
}

export async function referenceTaken(db: Kysely<Database>, reference: string): Promise<boolean> {
  const row = await db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirst();
  return row !== undefined;
}

export interface CaseFilters {
  stage?: string;
  unitId?: string;
  /** With `unitId`: only where that unit holds this role. */
  role?: string;
  urgency?: string;
  category?: string;
  overdue?: boolean;
  q?: string;
}

export interface CaseCursor {
  receivedAt: string;
  id: string;
}

/**
 * One page of the queue, newest first, filtered by the actor's scope in SQL. Keyset paging on
 * (received_at, id) keeps every page as cheap as the first.
 */
export interface ListCasesProps {
  scope: CaseScope;
  filters: CaseFilters;
  now: string;
  limit: number;
  after: CaseCursor | null;
}

export function listCases(db: Kysely<Database>, adapter: DialectAdapter, props: ListCasesProps): Promise<CaseRow[]> {
  return listCasesQuery(db, adapter, props).execute();
}

/** The queue query itself, unexecuted, so benchmarks can EXPLAIN exactly what the queue runs. */
export function listCasesQuery(db: Kysely<Database>, adapter: DialectAdapter, props: ListCasesProps) {
  const { scope, filters } = props;
  // A unit's own queue (or a filter on one unit) is walked from that unit's active assignments, in
  // the queue's order, through one index; everyone else's from the cases' own received_at index.
  const unitId = !scope.all ? (scope.unitId ?? '') : filters.unitId;
  const otherUnit = !scope.all && filters.unitId && filters.unitId !== unitId ? filters.unitId : undefined;
  let query = unitId
    ? db
        .selectFrom('assignments as queue')
        .innerJoin('cases', 'cases.id', 'queue.case_id')
        .selectAll('cases')
        .where('queue.unit_id', '=', unitId)
        .where('queue.released_at', 'is', null)
    : db.selectFrom('cases').selectAll('cases');
  if (filters.role && unitId && !otherUnit) query = query.where('queue.role', '=', filters.role);
  if (otherUnit) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments')
          .select('assignments.id')
          .whereRef('assignments.case_id', '=', 'cases.id')
          .where('assignments.unit_id', '=', otherUnit)
          .where('assignments.released_at', 'is', null)
          .$if(filters.role !== undefined, (sub) => sub.where('assignments.role', '=', filters.role ?? '')),
      ),
    );
  }
  if (filters.stage === 'open') query = query.where('cases.stage', 'in', openStages.map((stage) => sql.lit(stage)));
  else if (filters.stage) query = query.where('cases.stage', '=', filters.stage);
  if (filters.urgency) query = query.where('cases.urgency', '=', filters.urgency);
  if (filters.category) query = query.where('cases.category', '=', filters.category);
  if (filters.overdue) {
    // Literal stage names, not parameters: only then can the planner match the partial index on open cases.
    query = query.where('cases.stage', 'in', openStages.map((stage) => sql.lit(stage))).where('cases.next_due_at', '<', props.now);
  }
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('cases.reference', '=', filters.q ?? ''),
        sql<boolean>`${sql.ref('cases.title')} ${sql.raw(adapter.ilike)} ${pattern} escape '\\'`,
        sql<boolean>`${sql.ref('cases.description')} ${sql.raw(adapter.ilike)} ${pattern} escape '\\'`,
      ]),
    );
  }
  const [receivedColumn, idColumn] = unitId ? (['queue.case_received_at', 'queue.case_id'] as const) : (['cases.received_at', 'cases.id'] as const);
  if (props.after) {
    const { receivedAt, id } = props.after;
    // A row-value comparison, which both databases turn into one index range (an OR would be a filter).
    query = query.where((eb) => eb(eb.refTuple(receivedColumn, idColumn), '<', eb.tuple(receivedAt, id)));
  }
  return query.orderBy(receivedColumn, 'desc').orderBy(idColumn, 'desc').limit(props.limit);
}
