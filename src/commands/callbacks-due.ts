import { forbidden, invalid } from '../core/errors.js';
import { can } from '../core/policy.js';
import type { Actor, Stage } from '../core/types.js';
import type { Context } from '../context/context.js';
import type { Database } from '../db/schema.js';
import type { Kysely } from 'kysely';

/** A call-back due, as the office's list shows it. */
export interface CallbackDue {
  callbackId: string;
  caseId: string;
  reference: string;
  title: string;
  stage: Stage;
  leadUnitId: string | null;
  leadUnitName: string | null;
  dueAt: string;
  startedAt: string;
  /** The call-back follows a reported rework, not an answer. */
  afterRework: boolean;
  overdue: boolean;
}

interface DueCursor {
  dueAt: string;
  id: string;
}

const isDueCursor = (value: unknown): value is DueCursor =>
  typeof (value as Partial<DueCursor> | null)?.dueAt === 'string' && typeof (value as Partial<DueCursor> | null)?.id === 'string';

function decode(value: string): DueCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (isDueCursor(parsed)) return parsed;
  } catch {
    // Falls through to the refusal.
  }
  throw invalid('cursor', 'is not a cursor this server gave out.');
}

/**
 * The query of one page of open call-backs, soonest due first: it walks migration 040's
 * callbacks_due index alone (its cases are read for the page afterwards, so no join turns the plan).
 */
export function callbacksDueQuery(db: Kysely<Database>, props: { after: DueCursor | null; limit: number }) {
  let query = db.selectFrom('callbacks').select(['id', 'case_id', 'due_at', 'started_at', 'after_rework_id']).where('recorded_at', 'is', null);
  const after = props.after;
  if (after) query = query.where((eb) => eb.or([eb('due_at', '>', after.dueAt), eb.and([eb('due_at', '=', after.dueAt), eb('id', '>', after.id)])]));
  return query.orderBy('due_at').orderBy('id').limit(props.limit + 1);
}

/** The office's list of call-backs due (回访), soonest due first, those overdue marked. */
export async function listCallbacksDue(ctx: Context, props: { actor: Actor; limit?: number | undefined; cursor?: string | undefined }): Promise<{ items: CallbackDue[]; nextCursor: string | null }> {
  if (!can(props.actor, 'callback.list')) throw forbidden('The list of call-backs due is the petition office’s.');
  const limit = props.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalid('limit', 'must be a whole number from 1 to 200.', { code: 'invalid' });
  const rows = await callbacksDueQuery(ctx.db, { after: props.cursor ? decode(props.cursor) : null, limit }).execute();
  const now = ctx.now();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const cases = page.length === 0
    ? []
    : await ctx.db
        .selectFrom('cases')
        .leftJoin('units', 'units.id', 'cases.lead_unit_id')
        .select(['cases.id', 'cases.reference', 'cases.title', 'cases.stage', 'cases.lead_unit_id', 'cases.merged_into_id', 'units.name as unit_name'])
        .where('cases.id', 'in', page.map((row) => row.case_id))
        .execute();
  const byId = new Map(cases.map((row) => [row.id, row]));
  const items: CallbackDue[] = [];
  for (const row of page) {
    const found = byId.get(row.case_id);
    // A duplicate merged into another case is called back on as its survivor.
    if (!found || found.merged_into_id !== null) continue;
    items.push({
      callbackId: row.id,
      caseId: row.case_id,
      reference: found.reference,
      title: found.title,
      stage: found.stage,
      leadUnitId: found.lead_unit_id,
      leadUnitName: found.unit_name,
      dueAt: row.due_at,
      startedAt: row.started_at,
      afterRework: row.after_rework_id !== null,
      overdue: now > row.due_at,
    });
  }
  return {
    items,
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify({ dueAt: last.due_at, id: last.id })).toString('base64url') : null,
  };
}
