import type { Transaction } from 'kysely';
import type { Database } from './schema.js';
import { prepared } from './prepared.js';

export { verifyAuditChain, type AuditVerdict } from './chains.js';

interface AuditInput {
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail?: Record<string, unknown>;
}

const insertEntry = prepared((db, p: { at: string; actorId: string | null; action: string; subjectType: string; subjectId: string | null; detail: string }) =>
  db.insertInto('audit_entries').values({ at: p.at, actor_id: p.actorId, action: p.action, subject_type: p.subjectType, subject_id: p.subjectId, detail: p.detail }),
);

/**
 * Appends one entry to the audit log, inside the caller's transaction. The entry is written
 * unsequenced: the sequencer (jobs/audit-sequencer.ts) gives it its place in the hash chain after
 * the transaction commits, so concurrent writers never wait on one another here.
 */
export async function recordAudit(trx: Transaction<Database>, input: AuditInput): Promise<void> {
  await insertEntry.execute(trx, {
    at: input.at,
    actorId: input.actorId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    detail: JSON.stringify(input.detail ?? {}),
  });
}
