import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { CaseFlag } from '../../core/flags.js';
import { referenceQuery, type PrefixRange, type QueueOrder } from '../../core/queue.js';
import { openStages, stages, type AssignmentRole, type Stage, type Urgency } from '../../core/types.js';
import type { CaseScope } from '../../core/policy.js';
import { forUpdate, type DialectAdapter } from '../adapter.js';
import type { CasesTable, Database } from '../schema.js';
import { assignmentActive } from './assignments.js';
import { prepared } from '../prepared.js';
import { containingText, searchTextIndex } from './case-texts.js';

export type CaseRow = CasesTable;

const caseById = prepared((db, p: { id: string }) => db.selectFrom('cases').selectAll().where('id', '=', p.id));

export async function findCase(
  db: Kysely<Database>,
  adapter: DialectAdapter,
  id: string,
  options: { lock?: boolean } = {},
): Promise<CaseRow | undefined> {
  if (!options.lock) return caseById.executeTakeFirst(db, { id });
  return forUpdate(adapter, db.selectFrom('cases').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function assignedUnitIds(db: Kysely<Database>, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('assignments')
    .select('unit_id')
    .where('case_id', '=', caseId)
    .where(assignmentActive())
    .execute();
  return rows.map((row) => row.unit_id);
}

const caseByReference = prepared((db, p: { reference: string }) => db.selectFrom('cases').select('id').where('reference', '=', p.reference));

export async function referenceTaken(db: Kysely<Database>, reference: string): Promise<boolean> {
  return (await caseByReference.executeTakeFirst(db, { reference })) !== undefined;
}

export interface CaseFilters {
  stage?: Stage | 'open';
  unitId?: string;
  /** With `unitId`: only where that unit holds this role. */
  role?: AssignmentRole;
  urgency?: Urgency;
  category?: string;
  overdue?: boolean;
  q?: string;
  /** Only cases a unit still assigned has objected to (outside its remit), awaiting the office. */
  objection?: boolean;
  /** Only cases under supervision (督办 or 挂牌督办; migration 032's cases_supervised walks them). */
  supervised?: boolean;
  /** Only cases in this leader's personal charge (包案; migration 041's cases_in_charge walks them). */
  leaderInChargeId?: string;
  /** Only cases carrying this flag. */
  flag?: CaseFlag;
  /** Received at or after this instant (ISO 8601 UTC, as stored). */
  receivedFrom?: string;
  /** Received before this instant: `receivedFrom`–`receivedTo` is a half-open interval, so weeks tile. */
  receivedTo?: string;
  /** Closed at or after this instant (its closed_at; a case reopened for review has none). */
  closedFrom?: string;
  /** Closed before this instant. */
  closedTo?: string;
}

/** Where the last page ended: the order's sort key of its last case (see `sortKey`). */
export interface CaseCursor {
  order: QueueOrder;
  key: (string | number)[];
}

export interface ListCasesProps {
  scope: CaseScope;
  filters: CaseFilters;
  order?: QueueOrder;
  now: string;
  limit: number;
  after: CaseCursor | null;
  /** Titles and descriptions searched through the FTS5 trigram table (`searchTextIndex` says when). */
  textIndex?: boolean;
}

/**
 * What a queue line shows of a case (presenters/case-view.ts, caseSummary) and sorts it by: a page
 * reads only these, not the whole row. Each value read costs (SQLite makes a JS value of each), and
 * the rest — the description, the matter's details, the extension's — are the case page's.
 */
export const queueColumns = [
  'id', 'reference', 'plan_id', 'kind', 'channel', 'urgency', 'category', 'title', 'location', 'headcount',
  'stage', 'stage_changed_at', 'received_at', 'created_at', 'updated_at', 'closed_at', 'review_count', 'flags',
  'accept_due_at', 'accepted_at', 'conclude_due_at', 'concluded_at', 'review_request_due_at', 'review_started_at',
  'review_due_at', 'review_concluded_at', 'paused_at', 'next_due_at', 'matter_class', 'discipline_unit_id',
] as const satisfies readonly (keyof CaseRow)[];

/** A case as a queue line reads it. */
export type QueueCase = Pick<CaseRow, (typeof queueColumns)[number]>;

/** A queue row: the case's queue columns, and whether a unit's objection to it is open. */
type QueueRow = QueueCase & { open_objection: unknown };

const queueSelection = queueColumns.map((column) => `cases.${column}` as const);

/** Where cases owing nothing sort in the nearest-deadline order: after every real deadline. */
export const noDeadline = '9999-12-31T23:59:59.999Z';
const urgencyRank: Record<string, number> = { major: 2, urgent: 1 };

// These expressions are indexed as written (migration 006): change both together.
const dueKey = sql<string>`coalesce(${sql.ref('cases.next_due_at')}, ${sql.lit(noDeadline)})`;
const rankKey = sql<number>`(case ${sql.ref('cases.urgency')} when 'major' then 2 when 'urgent' then 1 else 0 end)`;
/**
 * An open case, written as the partial indexes on open cases are (migration 019): by the stages
 * that are finished, so SQLite walks those indexes in order instead of taking a stage index for an
 * IN list and sorting every open case; `is true`, so that PostgreSQL keeps them to this predicate.
 * Literal stage names, not parameters: only then can the planners match those indexes.
 */
const openCase = sql<boolean>`(${sql.ref('cases.stage')} not in (${sql.join(stages.filter((stage) => !openStages.includes(stage)).map((stage) => sql.lit(stage)))})) is true`;

/** The values a case sorts by in an order, as the cursor carries them. */
export function sortKey(order: QueueOrder, row: Pick<CaseRow, 'received_at' | 'id' | 'next_due_at' | 'urgency'>): (string | number)[] {
  switch (order) {
    case 'newest':
    case 'oldest':
      return [row.received_at, row.id];
    case 'deadline':
      return [row.next_due_at ?? noDeadline, row.received_at, row.id];
    case 'urgency':
      return [urgencyRank[row.urgency] ?? 0, row.received_at, row.id];
  }
}

/** Whether a cursor's key has the shape its order's key has. */
export function isSortKey(order: QueueOrder, key: unknown[]): key is (string | number)[] {
  const shape = order === 'urgency' ? ['number', 'string', 'string'] : order === 'deadline' ? ['string', 'string', 'string'] : ['string', 'string'];
  return key.length === shape.length && key.every((value, index) => typeof value === shape[index]);
}

export async function listCases(db: Kysely<Database>, adapter: DialectAdapter, props: ListCasesProps): Promise<QueueRow[]> {
  const textIndex = props.filters.q ? await searchTextIndex(db, adapter, props.filters.q) : false;
  return listCasesQuery(db, adapter, { ...props, textIndex }).execute();
}

/**
 * One page of the queue in the order asked for, filtered by the actor's scope in SQL. Keyset
 * paging on the order's sort key (ending in the case id) keeps every page as cheap as the first;
 * each order has an index that walks the cases in it (migrations 001 and 006).
 * Unexecuted, so benchmarks can EXPLAIN exactly what the queue runs.
 */
export function listCasesQuery(db: Kysely<Database>, adapter: DialectAdapter, props: ListCasesProps) {
  const { scope, filters } = props;
  const order = props.order ?? 'newest';
  // A unit's own queue (or a filter on one unit) is walked from that unit's active assignments
  // (newest or oldest in order, from one index); everyone else's from the cases' own indexes.
  const unitId = !scope.all ? (scope.unitId ?? '') : filters.unitId;
  const otherUnit = !scope.all && filters.unitId && filters.unitId !== unitId ? filters.unitId : undefined;
  let query = (
    unitId
      ? db
          .selectFrom('assignments as queue')
          .innerJoin('cases', 'cases.id', 'queue.case_id')
          .select(queueSelection)
          .where('queue.unit_id', '=', unitId)
          .where(assignmentActive('queue'))
      : casesTable(db, adapter, filters).select(queueSelection)
  );
  if (filters.role && unitId && !otherUnit) query = query.where('queue.role', '=', filters.role);
  if (otherUnit) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments')
          .select('assignments.id')
          .whereRef('assignments.case_id', '=', 'cases.id')
          .where('assignments.unit_id', '=', otherUnit)
          .where(assignmentActive())
          .$call((sub) => (filters.role ? sub.where('assignments.role', '=', filters.role) : sub)),
      ),
    );
  }
  if (filters.stage === 'open') query = query.where(openCase);
  else if (filters.stage) query = query.where('cases.stage', '=', filters.stage);
  if (filters.urgency) query = query.where('cases.urgency', '=', filters.urgency);
  if (filters.category) query = query.where('cases.category', '=', filters.category);
  if (filters.overdue) query = query.where(openCase).where('cases.next_due_at', '<', props.now);
  if (filters.supervised) query = query.where('cases.supervision', 'is not', null);
  if (filters.leaderInChargeId) query = query.where('cases.leader_in_charge_id', '=', filters.leaderInChargeId);
  if (filters.objection) {
    // Open objections are few: the planner starts from their partial index, not from every case.
    query = query.where('cases.id', 'in', (eb) =>
      eb
        .selectFrom('assignments as objected')
        .select('objected.case_id')
        .where(sql<boolean>`objected.objected_at is not null and ${assignmentActive('objected')}`),
    );
  }
  if (filters.flag) {
    const flag = `%${JSON.stringify(filters.flag)}%`;
    query = query.where('cases.id', 'in', (eb) =>
      eb.selectFrom('cases as flagged').select('flagged.id').where(sql<boolean>`flagged.flags <> '[]'`).where('flagged.flags', 'like', flag),
    );
  }
  // A unit's queue ranges its assignments' copy of received_at (one index with the unit); others the cases' (cases_received).
  const received = unitId ? sql.ref('queue.case_received_at') : sql.ref('cases.received_at');
  if (filters.receivedFrom) query = query.where(received, '>=', filters.receivedFrom);
  if (filters.receivedTo) query = query.where(received, '<', filters.receivedTo);
  // Closed in a week: few cases, found from cases_closed_at (migration 002), then sorted.
  if (filters.closedFrom) query = query.where('cases.closed_at', '>=', filters.closedFrom);
  if (filters.closedTo) query = query.where('cases.closed_at', '<', filters.closedTo);
  if (filters.q) query = query.where(matches(adapter, filters.q, props.textIndex ?? false, scope.all ? null : (scope.unitId ?? '')));
  // Within one urgency the urgency order is the newest order: sorted so, the rank (one value) drops
  // out, and cases_urgency_received walks the cases in it (SQLite would sort them all by the rank).
  const sameRank = order === 'urgency' && filters.urgency !== undefined;
  const { keys, direction } = orderBy(sameRank ? 'newest' : order, Boolean(unitId));
  if (props.after) {
    // A row-value comparison, which both databases turn into one index range (an OR would be a filter).
    const values = sameRank ? props.after.key.slice(1) : props.after.key;
    const [firstKey] = keys;
    const [firstValue] = values;
    // SQLite ranges an index on an expression only from a plain comparison: the first key bounds
    // the range, and the row value then skips the cases before the cursor within it.
    if (firstKey !== undefined && firstValue !== undefined) {
      query = query.where(sql<boolean>`${firstKey} ${sql.raw(direction === 'desc' ? '<=' : '>=')} ${firstValue}`);
    }
    query = query.where(sql<boolean>`(${sql.join(keys)}) ${sql.raw(direction === 'desc' ? '<' : '>')} (${sql.join(values)})`);
  }
  for (const key of keys) query = query.orderBy(key, direction);
  // Whether a unit's objection is open, asked of the page's cases only, outside the query that finds
  // them: inside, PostgreSQL costs the lookup for every case the index might pass and, the index's
  // own cost drowned, may walk an order's index filtering (a category, a stage) instead of the index
  // that holds just the matching cases in that order.
  const page = query.limit(props.limit).as('cases');
  let outer = db
    .selectFrom(page)
    .selectAll()
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('assignments as objecting')
            .select('objecting.case_id')
            .whereRef('objecting.case_id', '=', 'cases.id')
            .where(sql<boolean>`objecting.objected_at is not null and ${assignmentActive('objecting')}`),
        )
        .as('open_objection'),
    );
  // The page keeps its order: the same keys, read from the cases (a unit's queue copies them to its assignments).
  for (const key of orderBy(sameRank ? 'newest' : order, false).keys) outer = outer.orderBy(key, direction);
  return outer;
}

/**
 * On PostgreSQL, the cases closed in a period (the dashboard's week bars) as a table of their own:
 * its OFFSET keeps the planner from folding it into the queue's query, where, hoping to find a page
 * early, it walked an order's index filtering on closed_at (2 s at a million in the nearest-deadline
 * order, which puts closed cases last) instead of taking the few from cases_closed_at and sorting
 * them. SQLite's planner takes that index by itself: there, and without a closed filter, the table as it is.
 */
function casesTable(db: Kysely<Database>, adapter: DialectAdapter, filters: CaseFilters): SelectQueryBuilder<Database, 'cases', object> {
  if (adapter.name !== 'postgres' || (!filters.closedFrom && !filters.closedTo)) return db.selectFrom('cases');
  let closed = db.selectFrom('cases').selectAll();
  if (filters.closedFrom) closed = closed.where('closed_at', '>=', filters.closedFrom);
  if (filters.closedTo) closed = closed.where('closed_at', '<', filters.closedTo);
  // Every column of the case table under its name: the rest of the query reads it as that table.
  return db.selectFrom(closed.offset(0).as('cases'));
}

/**
 * The sort key of an order as SQL, all in one direction so that one row-value comparison pages it.
 * A unit's queue reads the same keys from its assignments (migration 006 keeps them there).
 */
function orderBy(order: QueueOrder, fromUnit: boolean) {
  const received = fromUnit ? sql.ref('queue.case_received_at') : sql.ref('cases.received_at');
  const id = fromUnit ? sql.ref('queue.case_id') : sql.ref('cases.id');
  switch (order) {
    case 'newest':
      return { keys: [received, id], direction: 'desc' as const };
    case 'oldest':
      return { keys: [received, id], direction: 'asc' as const };
    // Cases due at the same moment: the one waiting longest first.
    case 'deadline':
      return { keys: [fromUnit ? sql.ref('queue.case_due_key') : dueKey, received, id], direction: 'asc' as const };
    case 'urgency':
      return { keys: [fromUnit ? sql.ref('queue.case_urgency_rank') : rankKey, received, id], direction: 'desc' as const };
  }
}

/**
 * The text search: a reference (or its start, or any run of three or more of its characters, across
 * its dashes too, typed in any case with or without dashes), else also a title or description
 * containing the text (from the FTS5 trigram table on SQLite when few cases contain it, else by
 * LIKE; on PostgreSQL ILIKE, which its pg_trgm indexes serve: migration 020). A query that can
 * only be a reference is looked up in the reference indexes alone. A unit's reader (`readerUnit`)
 * finds a report by its text only when the unit is its discipline inspection unit: the accuser's
 * words are not searched for the accused's unit (Art. 30).
 */
function matches(adapter: DialectAdapter, q: string, textIndex: boolean, readerUnit: string | null) {
  const reference = referenceQuery(q);
  return (eb: ExpressionBuilder<Database, 'cases'>) => {
    const within = (column: RawBuilder<string>, range: PrefixRange) =>
      range.below === null ? eb(column, '>=', range.from) : eb.and([eb(column, '>=', range.from), eb(column, '<', range.below)]);
    const terms: Expression<SqlBool>[] = [eb('cases.reference', '=', q.trim().toUpperCase())];
    for (const part of reference?.parts ?? []) {
      // Literal start positions, so each term reads exactly as its index (migrations 006 and 017).
      const from = part.start === 1 ? sql<string>`${sql.ref('cases.reference')}` : sql<string>`substr(${sql.ref('cases.reference')}, ${sql.lit(part.start)})`;
      const term = within(from, part.range);
      const tail = part.yearEndsWith;
      terms.push(tail ? eb.and([term, eb(sql<string>`substr(${sql.ref('cases.reference')}, ${sql.lit(5 - tail.length)}, ${sql.lit(tail.length)})`, '=', tail)]) : term);
    }
    const text: Expression<SqlBool>[] = [];
    if (!reference?.referenceOnly && textIndex) text.push(containingText(q));
    else if (!reference?.referenceOnly) {
      const pattern = `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      text.push(
        sql<boolean>`${sql.ref('cases.title')} ${sql.raw(adapter.ilike)} ${pattern} escape '\\'`,
        sql<boolean>`${sql.ref('cases.description')} ${sql.raw(adapter.ilike)} ${pattern} escape '\\'`,
      );
    }
    if (text.length > 0 && readerUnit !== null) {
      const readable = eb.or([eb('cases.matter_class', 'is', null), eb('cases.matter_class', '<>', 'report'), eb('cases.discipline_unit_id', '=', readerUnit)]);
      terms.push(eb.and([eb.or(text), readable]));
    } else terms.push(...text);
    return eb.or(terms);
  };
}
