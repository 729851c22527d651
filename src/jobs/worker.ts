import nodemailer from 'nodemailer';
import type { Context } from '../context/context.js';
import { loadCalendar } from '../commands/calendar.js';
import { deliverDue, type Senders } from '../notifications/delivery.js';
import { databaseCounters } from '../db/counters.js';
import { scanDeadlines } from './deadline-scanner.js';
import { foldTallies } from '../db/tallies.js';
import { forgetExpiredIdempotencyKeys } from '../commands/support/idempotency.js';
import { defaultRetentionDays, purgePersonalData } from './purge.js';
import { purgeExpiredCredentials, purgeStaleSignInFailures } from '../commands/credentials.js';
import type { AuditSettings, Config } from '../config.js';
import type { MediaFetchOptions } from '../attachments/remote-media.js';
import { fetchOpen311Media } from '../commands/public/open311-media.js';
import { sealAuditLog, type SealResult } from './audit-sequencer.js';
import { exportNewCheckpoint, refreshCheckpointFile } from './audit-export.js';

interface WorkerOptions {
  intervalSeconds: number;
  retentionDays: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  log: (message: string, error?: unknown) => void;
  /** The audit sequencer and checkpoints; they run on their own, shorter tick. */
  audit: AuditSettings;
  /** Fetching Open311 media_url files into attachments, on its own tick (a slow sender never holds up the deadlines); null when turned off. */
  mediaFetch: MediaFetchOptions | null;
}

/** The worker's options from the settings, the same for `redress serve` and `redress worker`. */
export function workerOptions(config: Config, log: WorkerOptions['log']): WorkerOptions {
  return {
    intervalSeconds: config.scanIntervalSeconds,
    retentionDays: config.retentionDays,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    audit: config.audit,
    mediaFetch: config.attachments.mediaFetch.enabled
      ? { maxBytes: config.attachments.maxBytes, timeoutMs: 15_000, allowHosts: config.attachments.mediaFetch.allowHosts }
      : null,
    log,
  };
}

/** Chains what committed since the last pass, signs a checkpoint when one is due, and exports it. */
export async function sealAndExport(ctx: Context, audit: AuditSettings, log: WorkerOptions['log'], checkpointEverySeconds = audit.checkpointEverySeconds): Promise<SealResult> {
  const sealed = await sealAuditLog({ db: ctx.db, adapter: ctx.adapter, now: ctx.now, key: audit.key, checkpointEverySeconds });
  if (sealed.checkpoint) await exportNewCheckpoint(ctx, sealed.checkpoint, audit, log);
  return sealed;
}

export function smtpSender(smtpUrl: string, from: string): NonNullable<Senders['email']> {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
  };
}

/** One pass of everything the worker does; safe to run from several processes at once. */
async function workOnce(
  ctx: Context,
  senders: Senders,
  retentionDays = defaultRetentionDays,
): Promise<{ missed: number; escalated: number; sent: number; failed: number; purged: number; credentialsPurged: number }> {
  // Another process may have replaced the calendar; pick it up before counting days.
  ctx.calendar.replace(await loadCalendar(ctx.db));
  const scanned = await scanDeadlines(ctx);
  const delivered = await deliverDue(ctx, senders);
  const purged = await purgePersonalData(ctx, retentionDays);
  // Rate-limit and throttle windows that have ended are of no further use.
  await databaseCounters(ctx.db).prune();
  const credentialsPurged = await purgeExpiredCredentials(ctx);
  await purgeStaleSignInFailures(ctx);
  // Idempotency keys past their day answer no retry any more.
  await forgetExpiredIdempotencyKeys(ctx);
  // The dashboard's tallies: every backend's shard folded into one row per key, due hours long past into one.
  await foldTallies(ctx.db, ctx.adapter, ctx.now());
  return { ...scanned, ...delivered, purged, credentialsPurged };
}

/** Repeats `work` every `seconds` until stopped; a pass that outlasts the interval is not overlapped. */
function every(seconds: number, work: () => Promise<unknown>, log: WorkerOptions['log'], failure: string): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = work()
      .catch((error: unknown) => log(failure, error))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, Math.max(1, seconds) * 1000);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/**
 * Runs the deadline scanner, the outbox delivery, the personal-data and expired-session purges and the
 * Open311 media fetch every interval, and the audit sequencer every few seconds, until stopped.
 */
export function startWorker(ctx: Context, options: WorkerOptions): () => Promise<void> {
  const senders: Senders = {
    email: options.smtpUrl ? smtpSender(options.smtpUrl, options.mailFrom) : null,
    webhookTimeoutMs: 5000,
  };
  void refreshCheckpointFile(ctx, options.audit.checkpointFile).catch((error: unknown) => options.log('The audit checkpoint file could not be refreshed.', error));
  const stopWork = every(options.intervalSeconds, () => workOnce(ctx, senders, options.retentionDays), options.log, 'The worker pass failed; it will run again.');
  const stopSealing = every(options.audit.sequenceEverySeconds, () => sealAndExport(ctx, options.audit, options.log), options.log, 'The audit sequencer pass failed; it will run again.');
  const media = options.mediaFetch;
  const stopMedia = media
    ? every(options.intervalSeconds, () => fetchOpen311Media(ctx, media), options.log, 'The Open311 media fetch failed; it will run again.')
    : async () => undefined;
  return async () => {
    await Promise.all([stopWork(), stopSealing(), stopMedia()]);
  };
}
