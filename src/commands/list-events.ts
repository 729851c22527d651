import type { Actor } from '../core/types.js';
import { caseFor } from './support/case-access.js';
import { decodeCursor, encodeCursor } from './list-cases.js';
import type { Context } from '../context/context.js';

interface EventView {
  id: number;
  type: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
  data: Record<string, unknown>;
}

function isEventCursor(value: unknown): value is { id: number } {
  return typeof (value as { id?: unknown } | null)?.id === 'number';
}

/** The case timeline, oldest first, in pages. */
export async function listEvents(
  ctx: Context,
  props: { actor: Actor; caseId: string; limit?: number; cursor?: string },
): Promise<{ items: EventView[]; nextCursor: string | null }> {
  const limit = props.limit ?? 200;
  const after = props.cursor ? decodeCursor(props.cursor, isEventCursor).id : 0;
  return ctx.db.transaction().execute(async (trx) => {
    await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.read' });
    const rows = await trx
      .selectFrom('events')
      .leftJoin('users', 'users.id', 'events.actor_id')
      .select(['events.id', 'events.type', 'events.actor_id', 'events.at', 'events.data', 'users.name as actor_name'])
      .where('events.case_id', '=', props.caseId)
      .where('events.id', '>', after)
      .orderBy('events.id')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        id: row.id,
        type: row.type,
        actorId: row.actor_id,
        actorName: row.actor_name,
        at: row.at,
        data: JSON.parse(row.data) as Record<string, unknown>,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null,
    };
  });
}
