import { sql, type Kysely } from 'kysely';

/**
 * Every filter of the queue in every order from an index that walks the matching cases in that
 * order, so a first page reads about as many cases as it shows (issue 11):
 * - open cases (`stage=open`, and the overdue ones), named by the stages that are finished and
 *   written `(stage not in ('closed', 'not_accepted')) is true`. Given `stage in (five open stages)`
 *   SQLite takes a stage index and sorts every open case; a NOT IN bounds no index, so it walks these
 *   partial indexes in order. The `is true` keeps them to those filters: PostgreSQL would prove
 *   `stage = 'decision'` implies a bare NOT IN and, misjudging how the stage lies in the index, walk
 *   the open cases filtering for one stage instead of that stage's own index. They replace 001's
 *   cases_open_received, which the queue alone read.
 * - a category in each order; an urgency newest or oldest first (within one urgency the urgency
 *   order is the newest) and by nearest deadline. An equality on the urgency's rank expression would
 *   not do: SQLite does not count it as fixing that column of cases_urgency, and sorts.
 * The expressions read exactly as repositories/cases.ts writes them, or the databases will not use these indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const due = `coalesce(next_due_at, '9999-12-31T23:59:59.999Z')`;
  const rank = `(case urgency when 'major' then 2 when 'urgent' then 1 else 0 end)`;
  const open = `(stage not in ('closed', 'not_accepted')) is true`;
  await sql.raw('drop index cases_open_received').execute(db);
  await sql.raw(`create index cases_open_by_received on cases (received_at, id, next_due_at) where ${open}`).execute(db);
  await sql.raw(`create index cases_open_by_due on cases (${due}, received_at, id) where ${open}`).execute(db);
  await sql.raw(`create index cases_open_by_urgency on cases (${rank}, received_at, id) where ${open}`).execute(db);
  await sql.raw('create index cases_category_received on cases (category, received_at, id)').execute(db);
  await sql.raw(`create index cases_category_due on cases (category, ${due}, received_at, id)`).execute(db);
  await sql.raw(`create index cases_category_urgency on cases (category, ${rank}, received_at, id)`).execute(db);
  await sql.raw('create index cases_urgency_received on cases (urgency, received_at, id)').execute(db);
  await sql.raw(`create index cases_urgency_due on cases (urgency, ${due}, received_at, id)`).execute(db);
}
