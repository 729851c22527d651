import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditEntriesTable, Database, EventsTable } from './schema.js';

/** The hash before the first entry of a chain. */
export const genesisHash = '0'.repeat(64);

function link(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

type AuditFields = Pick<AuditEntriesTable, 'at' | 'actor_id' | 'action' | 'subject_type' | 'subject_id' | 'detail'>;
type EventFields = Pick<EventsTable, 'case_id' | 'type' | 'actor_id' | 'at' | 'data'> & { id: number };

/** An audit entry's link in its chain: everything it says, its place, and the hash before it. */
function auditEntryHash(prevHash: string, seq: number, row: AuditFields): string {
  const detail = JSON.parse(row.detail) as Record<string, unknown>;
  return link(prevHash, JSON.stringify([seq, row.at, row.actor_id, row.action, row.subject_type, row.subject_id, detail]));
}

/** A timeline event's link: its id, case, type, actor, time and data, so an edited time breaks the chain. */
function eventHash(prevHash: string, seq: number, row: EventFields): string {
  return link(prevHash, JSON.stringify([seq, row.id, row.case_id, row.type, row.actor_id, row.at, row.data]));
}

/**
 * The two hash chains: the audit log and the case timeline. Rows are written unchained in the
 * writer's transaction; the sequencer later gives each its place (`seq`), the hash of the one
 * before it and its own hash. Everything chain-specific lives in these two descriptions.
 */
export type ChainName = 'audit' | 'events';

interface ChainLink {
  /** The row's own key (audit_entries.id, events.id). */
  id: number;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
  /** The row's hash for a place in the chain, recomputed from what the row says now. */
  compute(prevHash: string, seq: number): string;
}

type Db = Kysely<Database> | Transaction<Database>;

interface Chain {
  /** Up to `limit` chained rows from `fromSeq` on, in chain order. */
  chained(db: Db, fromSeq: number, toSeq: number, limit: number): Promise<ChainLink[]>;
  /** Up to `limit` rows not yet chained, oldest first. */
  pending(db: Db, limit: number): Promise<ChainLink[]>;
  countPending(db: Db): Promise<number>;
  /** When the oldest pending row was written, or null when none waits. */
  oldestPendingAt(db: Db): Promise<string | null>;
  place(trx: Transaction<Database>, id: number, seq: number, prevHash: string, hash: string): Promise<void>;
}

const auditChain: Chain = {
  async chained(db, fromSeq, toSeq, limit) {
    const rows = await db.selectFrom('audit_entries').selectAll().where('seq', '>=', fromSeq).where('seq', '<=', toSeq).orderBy('seq').limit(limit).execute();
    return rows.map((row) => ({ id: row.id, seq: row.seq, prevHash: row.prev_hash, hash: row.hash, compute: (prev, seq) => auditEntryHash(prev, seq, row) }));
  },
  async pending(db, limit) {
    const rows = await db.selectFrom('audit_entries').selectAll().where('seq', 'is', null).orderBy('id').limit(limit).execute();
    return rows.map((row) => ({ id: row.id, seq: null, prevHash: null, hash: null, compute: (prev, seq) => auditEntryHash(prev, seq, row) }));
  },
  async countPending(db) {
    const row = await db.selectFrom('audit_entries').select((eb) => eb.fn.countAll().as('n')).where('seq', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async oldestPendingAt(db) {
    const row = await db.selectFrom('audit_entries').select('at').where('seq', 'is', null).orderBy('id').limit(1).executeTakeFirst();
    return row?.at ?? null;
  },
  async place(trx, id, seq, prevHash, hash) {
    await trx.updateTable('audit_entries').set({ seq, prev_hash: prevHash, hash }).where('id', '=', id).execute();
  },
};

const eventsChain: Chain = {
  async chained(db, fromSeq, toSeq, limit) {
    const rows = await db.selectFrom('events').selectAll().where('chain_seq', '>=', fromSeq).where('chain_seq', '<=', toSeq).orderBy('chain_seq').limit(limit).execute();
    return rows.map((row) => ({ id: row.id, seq: row.chain_seq, prevHash: row.prev_hash, hash: row.hash, compute: (prev, seq) => eventHash(prev, seq, row) }));
  },
  async pending(db, limit) {
    const rows = await db.selectFrom('events').selectAll().where('chain_seq', 'is', null).orderBy('id').limit(limit).execute();
    return rows.map((row) => ({ id: row.id, seq: null, prevHash: null, hash: null, compute: (prev, seq) => eventHash(prev, seq, row) }));
  },
  async countPending(db) {
    const row = await db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('chain_seq', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async oldestPendingAt(db) {
    const row = await db.selectFrom('events').select('at').where('chain_seq', 'is', null).orderBy('id').limit(1).executeTakeFirst();
    return row?.at ?? null;
  },
  async place(trx, id, seq, prevHash, hash) {
    await trx.updateTable('events').set({ chain_seq: seq, prev_hash: prevHash, hash }).where('id', '=', id).execute();
  },
};

export const chains: Record<ChainName, Chain> = { audit: auditChain, events: eventsChain };
export const chainNames: readonly ChainName[] = ['audit', 'events'];

export interface Head {
  seq: number;
  hash: string;
}

export async function readHead(db: Db, chain: ChainName): Promise<Head> {
  const row = await db.selectFrom('chain_heads').select(['seq', 'hash']).where('chain', '=', chain).executeTakeFirst();
  return row ?? { seq: 0, hash: genesisHash };
}

export interface ChainVerdict {
  ok: boolean;
  /** Entries chained and found intact, in order from the first. */
  entries: number;
  /** The first place whose entry is missing, altered, out of order, or disagrees with the head. */
  brokenAt: number | null;
  /** Entries written but not yet chained by the sequencer (they are checked once chained). */
  pending: number;
  /** When the oldest of those was written. */
  oldestPendingAt: string | null;
}

/**
 * Recomputes one chain from its first entry up to `head`. `onPage` receives the hashes found at
 * each place, so the caller can hold them against signed checkpoints without keeping them all.
 */
export async function walkChain(
  db: Kysely<Database>,
  chain: ChainName,
  head: Head,
  onPage: (hashes: Map<number, string>) => Promise<void> = async () => {},
  pageSize = 5000,
): Promise<ChainVerdict> {
  const spec = chains[chain];
  const pendingInfo = async () => ({ pending: await spec.countPending(db), oldestPendingAt: await spec.oldestPendingAt(db) });
  let prevHash = genesisHash;
  let expected = 1;
  while (expected <= head.seq) {
    const links = await spec.chained(db, expected, head.seq, pageSize);
    const hashes = new Map<number, string>();
    for (const row of links) {
      if (row.seq !== expected || row.prevHash !== prevHash || row.hash !== row.compute(prevHash, expected)) {
        return { ok: false, entries: expected - 1, brokenAt: expected, ...(await pendingInfo()) };
      }
      prevHash = row.hash;
      hashes.set(expected, prevHash);
      expected += 1;
    }
    await onPage(hashes);
    if (links.length === 0) break;
  }
  if (expected - 1 !== head.seq || prevHash !== head.hash) {
    return { ok: false, entries: expected - 1, brokenAt: expected, ...(await pendingInfo()) };
  }
  return { ok: true, entries: head.seq, brokenAt: null, ...(await pendingInfo()) };
}

export interface AuditVerdict extends ChainVerdict {
  /** The case timeline's chain. */
  events: ChainVerdict;
}

/**
 * Recomputes both chains from what the database holds. This alone cannot tell a log rewritten by
 * someone with database access from the real one: `verifyAudit` (commands/audit-verify.ts) also
 * holds them against the signed checkpoints.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerdict> {
  const audit = await walkChain(db, 'audit', await readHead(db, 'audit'));
  const events = await walkChain(db, 'events', await readHead(db, 'events'));
  return { ...audit, ok: audit.ok && events.ok, events };
}
