import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export interface AuditInput {
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail?: Record<string, unknown>;
}

function entryHash(prevHash: string, seq: number, input: Required<AuditInput>): string {
  const canonical = JSON.stringify([
    seq,
    input.at,
    input.actorId,
    input.action,
    input.subjectType,
    input.subjectId,
    input.detail,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Appends one entry to the hash-chained audit log, inside the caller's transaction.
 * Updating the single head row first serialises concurrent writers, so the chain never forks.
 */
export async function recordAudit(trx: Transaction<Database>, input: AuditInput): Promise<void> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const full: Required<AuditInput> = { ...input, detail: input.detail ?? {} };
  const hash = entryHash(head.hash, head.seq, full);
  await trx
    .insertInto('audit_entries')
    .values({
      seq: head.seq,
      at: full.at,
      actor_id: full.actorId,
      action: full.action,
      subject_type: full.subjectType,
      subject_id: full.subjectId,
      detail: JSON.stringify(full.detail),
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
}

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not match, when the chain is broken. */
  brokenAt: number | null;
}

/** Recomputes the whole chain; any edited, removed or inserted entry breaks it. */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<AuditVerdict> {
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const recomputed = entryHash(prevHash, row.seq, {
        at: row.at,
        actorId: row.actor_id,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      });
      if (row.seq !== expectedSeq || row.prev_hash !== prevHash || row.hash !== recomputed) {
        return { ok: false, entries: expectedSeq - 1, brokenAt: expectedSeq };
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
    return { ok: false, entries: expectedSeq - 1, brokenAt: expectedSeq };
  }
  return { ok: true, entries: expectedSeq - 1, brokenAt: null };
}
