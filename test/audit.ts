import type { Context } from '../src/context/context.js';
import { verifyAuditChain, type AuditVerdict } from '../src/db/chains.js';
import { sealAuditLog } from '../src/jobs/audit-sequencer.js';

/** Chains every pending audit entry and timeline event, as the worker would, then recomputes both chains. */
export async function chainAndVerify(ctx: Pick<Context, 'db' | 'adapter' | 'now'>): Promise<AuditVerdict> {
  await sealAuditLog({ db: ctx.db, adapter: ctx.adapter, now: ctx.now, key: null, checkpointEverySeconds: 0 });
  return verifyAuditChain(ctx.db);
}
