import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

interface EventInput {
  caseId: string;
  type: string;
  actorId: string | null;
  at: string;
  data?: Record<string, unknown>;
}

/** Appends to a case's timeline; events are never updated or deleted. */
export async function appendEvent(trx: Transaction<Database>, input: EventInput): Promise<void> {
  await trx
    .insertInto('events')
    .values({
      case_id: input.caseId,
      type: input.type,
      actor_id: input.actorId,
      at: input.at,
      data: JSON.stringify(input.data ?? {}),
    })
    .execute();
}
