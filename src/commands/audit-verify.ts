import type { Kysely } from 'kysely';
import { chainNames, genesisHash, readHead, walkChain, type ChainName, type ChainVerdict, type Head } from '../db/chains.js';
import { checkpointOfRow, checkpointSignedBy, latestCheckpoint, type Checkpoint } from '../db/checkpoints.js';
import type { Database } from '../db/schema.js';
import type { AuditKey } from '../security/audit-key.js';

/** What verification found wrong, as a code and its parameters (the UI and CLI word them). */
export type AuditProblem =
  | { code: 'chain_broken'; chain: ChainName; seq: number }
  | { code: 'checkpoint_mismatch'; chain: ChainName; checkpointId: number; seq: number }
  | { code: 'checkpoint_beyond_head'; chain: ChainName; checkpointId: number; seq: number; head: number }
  | { code: 'checkpoint_bad_signature'; checkpointId: number }
  | { code: 'exported_bad_signature' }
  | { code: 'exported_cut_back'; chain: ChainName; seq: number; head: number }
  | { code: 'exported_mismatch'; chain: ChainName; seq: number }
  | { code: 'no_checkpoint' };

export interface AuditReport {
  ok: boolean;
  audit: ChainVerdict;
  events: ChainVerdict;
  checkpoints: number;
  latestCheckpoint: { at: string; auditSeq: number; eventsSeq: number } | null;
  /** Chained entries after the latest checkpoint: not yet covered by a signature. */
  unsigned: Record<ChainName, number>;
  /** Whether the checkpoints' signatures were checked (a key was configured). */
  signaturesChecked: boolean;
  /** Whether an exported checkpoint was given and held against the log. */
  exportedChecked: boolean;
  problems: AuditProblem[];
}

interface VerifyAuditProps {
  /** The checkpoint signing key (or just its public half); without it signatures are not checked. */
  key: AuditKey | null;
  /** A checkpoint exported earlier and kept off the machine: proves the log was not cut back before it. */
  exported?: Checkpoint | null;
}

const seqColumn = { audit: 'audit_seq', events: 'events_seq' } as const;
const hashColumn = { audit: 'audit_hash', events: 'events_hash' } as const;

/**
 * Verifies the audit log and the case timeline: recomputes both hash chains, checks every signed
 * checkpoint's signature and that the chains still pass through the heads it names, and, given an
 * exported checkpoint, that the log still reaches it. Entries not yet chained are counted, not judged.
 */
export async function verifyAudit(db: Kysely<Database>, props: VerifyAuditProps): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  // Checkpoints first, then heads: every checkpoint read names a head no later than the one read.
  const lastId = (await latestCheckpoint(db))?.id ?? 0;
  const heads: Record<ChainName, Head> = { audit: await readHead(db, 'audit'), events: await readHead(db, 'events') };
  const verdicts = {} as Record<ChainName, ChainVerdict>;
  for (const chain of chainNames) {
    const exported = props.exported?.[chain];
    const compare = async (hashes: Map<number, string>) => {
      const seqs = [...hashes.keys()];
      if (seqs.length === 0) return;
      const rows = await db
        .selectFrom('audit_checkpoints')
        .select(['id', `${seqColumn[chain]} as seq`, `${hashColumn[chain]} as hash`])
        .where('id', '<=', lastId)
        .where(seqColumn[chain], '>=', Math.min(...seqs))
        .where(seqColumn[chain], '<=', Math.max(...seqs))
        .execute();
      for (const row of rows) {
        if (hashes.get(row.seq) !== row.hash) problems.push({ code: 'checkpoint_mismatch', chain, checkpointId: row.id, seq: row.seq });
      }
      if (exported && hashes.has(exported.seq) && hashes.get(exported.seq) !== exported.hash) problems.push({ code: 'exported_mismatch', chain, seq: exported.seq });
    };
    const verdict = await walkChain(db, chain, heads[chain], compare);
    verdicts[chain] = verdict;
    if (!verdict.ok && verdict.brokenAt !== null) problems.push({ code: 'chain_broken', chain, seq: verdict.brokenAt });
    // A checkpoint of the empty chain names the genesis hash.
    const genesis = await db.selectFrom('audit_checkpoints').select('id').where('id', '<=', lastId).where(seqColumn[chain], '=', 0).where(hashColumn[chain], '!=', genesisHash).execute();
    for (const row of genesis) problems.push({ code: 'checkpoint_mismatch', chain, checkpointId: row.id, seq: 0 });
    if (verdict.ok) {
      const beyond = await db
        .selectFrom('audit_checkpoints')
        .select(['id', `${seqColumn[chain]} as seq`])
        .where('id', '<=', lastId)
        .where(seqColumn[chain], '>', heads[chain].seq)
        .orderBy('id')
        .execute();
      for (const row of beyond) problems.push({ code: 'checkpoint_beyond_head', chain, checkpointId: row.id, seq: row.seq, head: heads[chain].seq });
    }
    if (exported && exported.seq > heads[chain].seq) problems.push({ code: 'exported_cut_back', chain, seq: exported.seq, head: heads[chain].seq });
    if (exported && exported.seq === 0 && exported.hash !== genesisHash) problems.push({ code: 'exported_mismatch', chain, seq: 0 });
  }

  let checkpoints = 0;
  let latest: Checkpoint | null = null;
  for (let after = 0; ; ) {
    const page = await db.selectFrom('audit_checkpoints').selectAll().where('id', '>', after).where('id', '<=', lastId).orderBy('id').limit(2000).execute();
    for (const row of page) {
      latest = checkpointOfRow(row);
      checkpoints += 1;
      if (props.key && !checkpointSignedBy(props.key, latest)) problems.push({ code: 'checkpoint_bad_signature', checkpointId: row.id });
      after = row.id;
    }
    if (page.length < 2000) break;
  }
  if (props.exported && props.key && !checkpointSignedBy(props.key, props.exported)) problems.push({ code: 'exported_bad_signature' });
  if (!latest && heads.audit.seq > 0) problems.push({ code: 'no_checkpoint' });

  return {
    ok: problems.length === 0,
    audit: verdicts.audit,
    events: verdicts.events,
    checkpoints,
    latestCheckpoint: latest ? { at: latest.at, auditSeq: latest.audit.seq, eventsSeq: latest.events.seq } : null,
    unsigned: { audit: heads.audit.seq - (latest?.audit.seq ?? 0), events: heads.events.seq - (latest?.events.seq ?? 0) },
    signaturesChecked: props.key !== null,
    exportedChecked: Boolean(props.exported),
    problems: problems.slice(0, 100),
  };
}
