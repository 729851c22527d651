import type { Kysely, Transaction } from 'kysely';
import type { AuditKey } from '../security/audit-key.js';
import type { Head } from './chains.js';
import type { Database } from './schema.js';

/** A signed statement that, at `at`, the audit log and the timeline had these heads. */
export interface Checkpoint {
  at: string;
  audit: Head;
  events: Head;
  keyId: string;
  signature: string;
}

const checkpointFormat = 'redress-audit-checkpoint/1';

/** Exactly the bytes that are signed: the format, the time and both heads, and the key's id. */
function checkpointPayload(checkpoint: Omit<Checkpoint, 'signature'>): string {
  return JSON.stringify([checkpointFormat, checkpoint.at, checkpoint.audit.seq, checkpoint.audit.hash, checkpoint.events.seq, checkpoint.events.hash, checkpoint.keyId]);
}

export function signCheckpoint(key: AuditKey, at: string, audit: Head, events: Head): Checkpoint {
  const unsigned = { at, audit, events, keyId: key.keyId };
  return { ...unsigned, signature: key.sign(checkpointPayload(unsigned)) };
}

export function checkpointSignedBy(key: AuditKey, checkpoint: Checkpoint): boolean {
  return checkpoint.keyId === key.keyId && key.verify(checkpointPayload(checkpoint), checkpoint.signature);
}

/** The checkpoint as it is exported (file, webhook, email): self-contained JSON. */
export function exportCheckpoint(checkpoint: Checkpoint): string {
  const { at, audit, events, keyId, signature } = checkpoint;
  return `${JSON.stringify({ format: checkpointFormat, at, audit, events, keyId, signature }, null, 2)}\n`;
}

const isHead = (value: unknown): value is Head =>
  typeof value === 'object' && value !== null && typeof (value as Head).seq === 'number' && typeof (value as Head).hash === 'string';

/** Reads an exported checkpoint back; throws a plain sentence when the text is not one. */
export function parseExportedCheckpoint(text: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('The checkpoint file is not JSON.');
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { at, audit, events, keyId, signature } = record;
  if (record.format !== checkpointFormat || typeof at !== 'string' || !isHead(audit) || !isHead(events) || typeof keyId !== 'string' || typeof signature !== 'string') {
    throw new Error(`The checkpoint file is not a ${checkpointFormat} checkpoint.`);
  }
  return { at, audit: { seq: audit.seq, hash: audit.hash }, events: { seq: events.seq, hash: events.hash }, keyId, signature };
}

type Db = Kysely<Database> | Transaction<Database>;
type CheckpointRow = Database['audit_checkpoints'];

export function checkpointOfRow(row: { at: string; audit_seq: number; audit_hash: string; events_seq: number; events_hash: string; key_id: string; signature: string }): Checkpoint {
  return {
    at: row.at,
    audit: { seq: row.audit_seq, hash: row.audit_hash },
    events: { seq: row.events_seq, hash: row.events_hash },
    keyId: row.key_id,
    signature: row.signature,
  };
}

export async function latestCheckpoint(db: Db): Promise<(Checkpoint & { id: number; emailed: boolean }) | null> {
  const row = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { ...checkpointOfRow(row), id: row.id, emailed: row.emailed === 1 } : null;
}

export async function insertCheckpoint(trx: Transaction<Database>, checkpoint: Checkpoint): Promise<number> {
  const row = await trx
    .insertInto('audit_checkpoints')
    .values({
      at: checkpoint.at,
      audit_seq: checkpoint.audit.seq,
      audit_hash: checkpoint.audit.hash,
      events_seq: checkpoint.events.seq,
      events_hash: checkpoint.events.hash,
      key_id: checkpoint.keyId,
      signature: checkpoint.signature,
    } satisfies Omit<CheckpointRow, 'id' | 'emailed'>)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
