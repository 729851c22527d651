import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

export { verifyAuditChain, type AuditVerdict } from './chains.js';

interface AuditInput {
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry to the audit log, inside the caller's transaction. The entry is written
 * unsequenced: the sequencer (jobs/audit-sequencer.ts) gives it its place in the hash chain after
 * the transaction commits, so concurrent writers never wait on one another here.
 */
export async function recordAudit(trx: Transaction<Database>, input: AuditInput): Promise<void> {
  await trx
    .insertInto('audit_entries')
    .values({
      at: input.at,
      actor_id: input.actorId,
      action: input.action,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      detail: JSON.stringify(input.detail ?? {}),
    })
    .execute();
}
