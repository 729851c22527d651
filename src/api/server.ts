import { ensureBuiltinPlan, ensureFirstAdmin } from '../commands/setup.js';
import type { Config } from '../config.js';
import { openRuntime } from '../runtime.js';
import { startWorker, workerOptions } from '../jobs/worker.js';
import { settingsInForce } from '../settings-in-force.js';
import { Redis } from 'ioredis';
import { redisCounters } from '../db/counters.js';
import { buildApp } from './app.js';
import { serverLogger } from './plugins/request-log.js';
import { pdfFontProblem } from '../documents/font.js';

/** Starts Redress: migrations, the built-in plan, a first admin, then HTTP on the configured port. */
export async function serve(config: Config, print: (line: string) => void): Promise<() => Promise<void>> {
  const runtime = await openRuntime(config);
  // Printed notices need the CJK font; without it the server still serves, and each PDF asked for answers 503 pdf_font_missing.
  const fontProblem = pdfFontProblem(config.pdfFont);
  if (fontProblem) print(`Warning: ${fontProblem}. Written notices cannot be printed as PDF until it is.`);
  const plan = await ensureBuiltinPlan(runtime.ctx);
  if (plan) print(`Loaded the built-in plan "${plan.name}" (version ${plan.version}).`);
  const admin = await ensureFirstAdmin(runtime.ctx, {
    ...(config.adminEmail ? { email: config.adminEmail } : {}),
    ...(config.adminPassword ? { password: config.adminPassword } : {}),
  });
  if (admin) {
    print(`Created the first admin: ${admin.email}`);
    if (admin.generatedPassword) print(`Password (shown once, change it after signing in): ${admin.generatedPassword}`);
  }
  // With several servers, limits must count in one place: Redis when configured, else the database.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
  const app = await buildApp({
    ctx: runtime.ctx,
    logger: serverLogger(process.env.LOG_LEVEL ?? 'info', process.stdout.isTTY),
    trustProxy: config.trustProxy,
    settings: settingsInForce(config),
    apiDocs: config.apiDocs,
    ...(redis ? { counters: redisCounters(redis) } : {}),
    auditKey: config.audit.key,
  });
  await app.listen({ port: config.port, host: config.host });
  const stopWorker = config.worker
    ? startWorker(runtime.ctx, workerOptions(config, (message, error) => app.log.error({ err: error }, message)))
    : null;
  print(`Redress is serving on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (API docs at /api/docs).`);
  return async () => {
    await stopWorker?.();
    await app.close();
    await redis?.quit();
    await runtime.close();
  };
}
