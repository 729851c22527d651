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
  let query = db.selectFrom('cases').selectAll('cases');
  if (!scope.all) {
    const unitId = scope.unitId ?? '';
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments')
          .select('assignments.id')
          .whereRef('assignments.case_id', '=', 'cases.id')
          .where('assignments.unit_id', '=', unitId)
          .where('assignments.released_at', 'is', null),
      ),
    );
  }
  if (filters.unitId) {
    const unitId = filters.unitId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments')
          .select('assignments.id')
          .whereRef('assignments.case_id', '=', 'cases.id')
          .where('assignments.unit_id', '=', unitId),
      ),
    );
  }
  if (filters.stage) query = query.where('stage', '=', filters.stage);
  if (filters.urgency) query = query.where('urgency', '=', filters.urgency);
  if (filters.category) query = query.where('category', '=', filters.category);
  if (filters.overdue) {
    // Literal stage names, not parameters: only then can the planner match the partial index on open cases.
    query = query.where('stage', 'in', openStages.map((stage) => sql.lit(stage))).where('next_due_at', '<', props.now);
  }
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('reference', '=', filters.q ?? ''),
        sql<boolean>`${sql.ref('title')} ${sql.raw(adapter.ilike)} ${pattern} escape '\\'`,
        sql<boolean>`${sql.ref('description')} ${sql.raw(adapter.ilike)} ${pattern} escape '\\'`,
      ]),
    );
  }
  if (props.after) {
    const { receivedAt, id } = props.after;
    query = query.where((eb) =>
      eb.or([eb('received_at', '<', receivedAt), eb.and([eb('received_at', '=', receivedAt), eb('id', '<', id)])]),
    );
  }
  return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(props.limit);
}
