import { renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Context } from '../context/context.js';
import { exportCheckpoint, latestCheckpoint, type Checkpoint } from '../db/checkpoints.js';
import { enqueue } from '../notifications/outbox.js';

interface ExportTargets {
  /** The operator copies this file off the machine (and may point it at a mounted share). */
  checkpointFile: string;
  /** Receives each checkpoint as a JSON POST; it is configured outside the database. */
  webhookUrl: string | undefined;
  emailEveryHours: number;
  webhookTimeoutMs?: number;
}

/** Writes the file whole or not at all, so a copy taken at any moment is a complete checkpoint. */
export function writeCheckpointFile(file: string, checkpoint: Checkpoint): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  writeFileSync(partial, exportCheckpoint(checkpoint));
  renameSync(partial, file);
}

/**
 * Sends a new checkpoint where the database's owner cannot reach it: the file, the configured
 * webhook, and (at most every `emailEveryHours`) the auditors' email. A failed send is logged and
 * the next checkpoint, which covers everything this one did, goes out as usual.
 */
export async function exportNewCheckpoint(
  ctx: Context,
  checkpoint: Checkpoint & { id: number },
  targets: ExportTargets,
  log: (message: string, error?: unknown) => void,
): Promise<void> {
  const text = exportCheckpoint(checkpoint);
  try {
    writeCheckpointFile(targets.checkpointFile, checkpoint);
  } catch (error) {
    log(`The audit checkpoint could not be written to ${targets.checkpointFile}.`, error);
  }
  if (targets.webhookUrl) {
    try {
      const response = await fetch(targets.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-redress-event': 'audit.checkpoint' },
        body: text,
        signal: AbortSignal.timeout(targets.webhookTimeoutMs ?? 5000),
      });
      if (!response.ok) log(`The audit checkpoint webhook answered ${response.status}.`);
    } catch (error) {
      log('The audit checkpoint webhook could not be reached.', error);
    }
  }
  await emailIfDue(ctx, checkpoint, text, targets.emailEveryHours);
}

async function emailIfDue(ctx: Context, checkpoint: Checkpoint & { id: number }, text: string, everyHours: number): Promise<void> {
  if (!ctx.channels.email || everyHours <= 0) return;
  const lastEmailed = await ctx.db.selectFrom('audit_checkpoints').select('at').where('emailed', '=', 1).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (lastEmailed && Date.parse(checkpoint.at) - Date.parse(lastEmailed.at) < everyHours * 3_600_000) return;
  await ctx.db.transaction().execute(async (trx) => {
    const data = { at: checkpoint.at, auditSeq: checkpoint.audit.seq, eventsSeq: checkpoint.events.seq, checkpoint: text };
    await enqueue(ctx, trx, [{ role: 'auditor' }], { template: 'audit.checkpoint', caseId: null, data });
    await trx.updateTable('audit_checkpoints').set({ emailed: 1 }).where('id', '=', checkpoint.id).execute();
  });
}

/** The latest checkpoint to the file now, e.g. at start, so the file never lags behind the database. */
export async function refreshCheckpointFile(ctx: Pick<Context, 'db'>, file: string): Promise<void> {
  const latest = await latestCheckpoint(ctx.db);
  if (latest) writeCheckpointFile(file, latest);
}
