import nodemailer from 'nodemailer';
import type { Context } from '../commands/context.js';
import { loadCalendar } from '../commands/calendar.js';
import { deliverDue, type Senders } from '../notifications/delivery.js';
import { databaseCounters } from '../db/counters.js';
import { scanDeadlines } from './deadline-scanner.js';
import { forgetExpiredIdempotencyKeys } from '../commands/idempotency.js';
import { defaultRetentionDays, purgePersonalData } from './purge.js';
import { purgeExpiredCredentials, purgeStaleSignInFailures } from '../commands/credentials.js';

export interface WorkerOptions {
  intervalSeconds: number;
  retentionDays: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  log: (message: string, error?: unknown) => void;
}

export function smtpSender(smtpUrl: string, from: string): NonNullable<Senders['email']> {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
  };
}

/** One pass of everything the worker does; safe to run from several processes at once. */
export async function workOnce(
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
  return { ...scanned, ...delivered, purged, credentialsPurged };
}

/** Runs the deadline scanner, the outbox delivery, the personal-data purge and the expired-session purge every interval until stopped. */
export function startWorker(ctx: Context, options: WorkerOptions): () => Promise<void> {
  const senders: Senders = {
    email: options.smtpUrl ? smtpSender(options.smtpUrl, options.mailFrom) : null,
    webhookTimeoutMs: 5000,
  };
  let running: Promise<unknown> | null = null;
  let stopped = false;
  // A pass that outlasts the interval is not overlapped by the next one.
  const tick = () => {
    if (stopped || running) return;
    running = workOnce(ctx, senders, options.retentionDays)
      .catch((error: unknown) => options.log('The worker pass failed; it will run again.', error))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, Math.max(1, options.intervalSeconds) * 1000);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
