import type { Kysely, Transaction } from 'kysely';
import type { DialectAdapter } from '../db/adapter.js';
import { chainNames, chains, type ChainName, type Head } from '../db/chains.js';
import { insertCheckpoint, latestCheckpoint, signCheckpoint, type Checkpoint } from '../db/checkpoints.js';
import type { Database } from '../db/schema.js';
import type { AuditKey } from '../security/audit-key.js';

interface SealOptions {
  db: Kysely<Database>;
  adapter: DialectAdapter;
  now: () => string;
  /** Signs checkpoints; without one, entries are chained but not checkpointed. */
  key: AuditKey | null;
  /** The least time between two checkpoints; a checkpoint is written only when there is something new. */
  checkpointEverySeconds: number;
  batch?: number;
}

export interface SealResult {
  /** Entries chained in this pass, per chain. */
  chained: Record<ChainName, number>;
  /** The checkpoint written in this pass, if one was due. */
  checkpoint: (Checkpoint & { id: number }) | null;
  /** Another sequencer held the heads, so this pass did nothing. */
  busy: boolean;
}

/**
 * Takes both heads for this transaction. On PostgreSQL a second sequencer skips instead of
 * waiting (SKIP LOCKED); on SQLite the first write takes the database's single write lock at
 * once, so no other writer can slip in between reading a head and moving it.
 */
async function claimHeads(trx: Transaction<Database>, adapter: DialectAdapter): Promise<Record<ChainName, Head> | null> {
  let query = trx.selectFrom('chain_heads').select(['chain', 'seq', 'hash']).orderBy('chain');
  if (adapter.supportsRowLocks) query = query.forUpdate().skipLocked();
  else await trx.updateTable('chain_heads').set((eb) => ({ seq: eb.ref('seq') })).execute();
  const rows = await query.execute();
  const audit = rows.find((row) => row.chain === 'audit');
  const events = rows.find((row) => row.chain === 'events');
  return audit && events ? { audit, events } : null;
}

/**
 * One sequencer pass: chains every entry and event that committed since the last pass, in the
 * order they became visible (their commit order, to the grain of a pass), and writes a signed
 * checkpoint of both heads when one is due. Safe to run from several workers at once.
 */
export async function sealAuditLog(options: SealOptions): Promise<SealResult> {
  const batch = options.batch ?? 1000;
  const chained: Record<ChainName, number> = { audit: 0, events: 0 };
  let checkpoint: SealResult['checkpoint'] = null;
  for (;;) {
    const pass = await options.db.transaction().execute(async (trx) => {
      const heads = await claimHeads(trx, options.adapter);
      if (!heads) return null;
      let full = false;
      for (const name of chainNames) {
        const head = heads[name];
        const rows = await chains[name].pending(trx, batch);
        for (const row of rows) {
          const seq = head.seq + 1;
          const hash = row.compute(head.hash, seq);
          await chains[name].place(trx, row.id, seq, head.hash, hash);
          head.seq = seq;
          head.hash = hash;
        }
        if (rows.length > 0) await trx.updateTable('chain_heads').set({ seq: head.seq, hash: head.hash }).where('chain', '=', name).execute();
        chained[name] += rows.length;
        full ||= rows.length === batch;
      }
      // Checkpoint in the same transaction, so a checkpoint never names a head that is not yet committed.
      const written = full ? null : await checkpointIfDue(trx, options, heads);
      return { full, written };
    });
    if (!pass) return { chained, checkpoint, busy: true };
    checkpoint = pass.written ?? checkpoint;
    if (!pass.full) return { chained, checkpoint, busy: false };
  }
}

async function checkpointIfDue(trx: Transaction<Database>, options: SealOptions, heads: Record<ChainName, Head>): Promise<(Checkpoint & { id: number }) | null> {
  if (!options.key?.canSign) return null;
  const latest = await latestCheckpoint(trx);
  const now = options.now();
  if (latest) {
    const unchanged = latest.audit.seq === heads.audit.seq && latest.events.seq === heads.events.seq && latest.keyId === options.key.keyId;
    const tooSoon = Date.parse(now) - Date.parse(latest.at) < options.checkpointEverySeconds * 1000;
    if (unchanged || tooSoon) return null;
  } else if (heads.audit.seq === 0 && heads.events.seq === 0) {
    return null;
  }
  const checkpoint = signCheckpoint(options.key, now, { ...heads.audit }, { ...heads.events });
  return { ...checkpoint, id: await insertCheckpoint(trx, checkpoint) };
}
