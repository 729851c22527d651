import { forbidden, invalid } from '../core/errors.js';
import { can, caseScope } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { isQueueOrder, type QueueOrder } from '../core/queue.js';
import { isSortKey, listCases as queryCases, sortKey, type CaseCursor, type CaseFilters } from '../db/repositories/cases.js';
import { caseSummary, type CaseSummary } from '../presenters/case-view.js';
import type { Context } from '../context/context.js';

export function encodeCursor(cursor: CaseCursor | { id: number }): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor<T>(value: string, valid: (parsed: unknown) => parsed is T): T {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (valid(parsed)) return parsed;
  } catch {
    // fall through to the error below
  }
  throw invalid('cursor', 'is not a cursor this server gave out.');
}

function isCaseCursor(value: unknown): value is CaseCursor {
  const candidate = value as Partial<CaseCursor> | null;
  return isQueueOrder(candidate?.order) && Array.isArray(candidate.key) && isSortKey(candidate.order, candidate.key);
}

const timeFields = ['receivedFrom', 'receivedTo', 'closedFrom', 'closedTo'] as const;

/**
 * The time filters as stored (ISO 8601 UTC with milliseconds), so an instant written with an
 * offset or without milliseconds compares right; each range must end after it starts.
 */
function timeFilters(filters: CaseFilters): Pick<CaseFilters, (typeof timeFields)[number]> {
  const out: Pick<CaseFilters, (typeof timeFields)[number]> = {};
  for (const field of timeFields) {
    const value = filters[field];
    if (value === undefined) continue;
    const at = Date.parse(value);
    if (!Number.isFinite(at) || at < Date.parse('0001-01-01T00:00:00Z') || at > Date.parse('9999-12-31T23:59:59.999Z')) {
      throw invalid(field, 'must be a date and time (ISO 8601) between the years 1 and 9999.');
    }
    out[field] = new Date(at).toISOString();
  }
  if (out.receivedFrom && out.receivedTo && out.receivedTo <= out.receivedFrom) throw invalid('receivedTo', 'must be after receivedFrom.');
  if (out.closedFrom && out.closedTo && out.closedTo <= out.closedFrom) throw invalid('closedTo', 'must be after closedFrom.');
  return out;
}

/**
 * One page of the cases an actor may see, in the order asked for (newest first by default): the
 * server sorts the whole filtered set, and the cursor carries on in the same order.
 */
export async function listCases(
  ctx: Context,
  props: { actor: Actor; filters: CaseFilters; order?: QueueOrder; limit?: number; cursor?: string },
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  if (!can(props.actor, 'case.list')) throw forbidden();
  const limit = props.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalid('limit', 'must be between 1 and 200.');
  const order = props.order ?? 'newest';
  const after = props.cursor ? decodeCursor(props.cursor, isCaseCursor) : null;
  // A cursor continues the order it was made for; another order would skip or repeat cases.
  if (after && after.order !== order) throw invalid('cursor', `continues the ${after.order} order, not ${order}.`);
  const now = ctx.now();
  const filters = { ...props.filters, ...timeFilters(props.filters) };
  const rows = await queryCases(ctx.db, ctx.adapter, { scope: caseScope(props.actor), filters, order, now, limit: limit + 1, after });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => caseSummary(row, now, props.actor, { openObjection: Boolean(row.open_objection) })),
    nextCursor: rows.length > limit && last ? encodeCursor({ order, key: sortKey(order, last) }) : null,
  };
}
