import type { Transaction } from 'kysely';
import type { Database } from './schema.js';
import { prepared } from './prepared.js';

interface EventInput {
  caseId: string;
  type: string;
  actorId: string | null;
  at: string;
  data?: Record<string, unknown>;
}

const insertEvent = prepared((db, p: { caseId: string; type: string; actorId: string | null; at: string; data: string }) =>
  db.insertInto('events').values({ case_id: p.caseId, type: p.type, actor_id: p.actorId, at: p.at, data: p.data }),
);

/** Appends to a case's timeline; events are never updated or deleted. */
export async function appendEvent(trx: Transaction<Database>, input: EventInput): Promise<void> {
  await insertEvent.execute(trx, { caseId: input.caseId, type: input.type, actorId: input.actorId, at: input.at, data: JSON.stringify(input.data ?? {}) });
}
