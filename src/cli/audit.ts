import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyAudit, type AuditProblem, type AuditReport } from '../commands/audit-verify.js';
import type { Config } from '../config.js';
import { exportCheckpoint, latestCheckpoint, parseExportedCheckpoint } from '../db/checkpoints.js';
import { writeCheckpointFile } from '../jobs/audit-export.js';
import { sealAndExport } from '../jobs/worker.js';
import type { Runtime } from '../runtime.js';
import { parseAuditKey } from '../security/audit-key.js';

type WithRuntime = <T>(work: (runtime: Runtime, config: Config) => Promise<T>) => Promise<T>;

const chainName = { audit: 'the audit log', events: 'the case timeline' } as const;

/** One plain sentence per problem, for the operator. */
function describeProblem(problem: AuditProblem): string {
  switch (problem.code) {
    case 'chain_broken':
      return problem.chain === 'audit'
        ? `The audit log is broken at entry ${problem.seq}: an entry was altered, removed or inserted there.`
        : `The case timeline is broken at event ${problem.seq}: an event was altered, removed or inserted there.`;
    case 'checkpoint_mismatch':
      return `Signed checkpoint ${problem.checkpointId} says ${chainName[problem.chain]} read differently at place ${problem.seq}: it was rewritten after it was signed.`;
    case 'checkpoint_beyond_head':
      return `Signed checkpoint ${problem.checkpointId} covers ${chainName[problem.chain]} up to place ${problem.seq}, but it now ends at ${problem.head}: it was cut back.`;
    case 'checkpoint_bad_signature':
      return `Checkpoint ${problem.checkpointId} is not signed by the configured audit key: it was forged, or the key was changed.`;
    case 'exported_bad_signature':
      return 'The checkpoint file is not signed by the configured audit key.';
    case 'exported_cut_back':
      return `The checkpoint file covers ${chainName[problem.chain]} up to place ${problem.seq}, but it now ends at ${problem.head}: it was cut back.`;
    case 'exported_mismatch':
      return `The checkpoint file says ${chainName[problem.chain]} read differently at place ${problem.seq}: it was rewritten.`;
    case 'no_checkpoint':
      return 'The audit log has entries but no signed checkpoint: the checkpoints were removed.';
  }
}

/** The report as the operator reads it: the verdict first, then what needs attention. */
function describeReport(report: AuditReport): string[] {
  const lines: string[] = [];
  if (report.ok) {
    const latest = report.latestCheckpoint ? `, latest at ${report.latestCheckpoint.at}` : '';
    lines.push(`The audit log is intact: ${report.audit.entries} entries and ${report.events.entries} timeline events, ${report.checkpoints} signed checkpoints${latest}.`);
  } else {
    if (report.audit.brokenAt !== null) lines.push(`The audit log is broken at entry ${report.audit.brokenAt} (after ${report.audit.entries} good entries).`);
    for (const problem of report.problems) lines.push(describeProblem(problem));
  }
  if (!report.signaturesChecked) lines.push('No audit key is configured here, so the signatures were not checked.');
  if (report.unsigned.audit + report.unsigned.events > 0) {
    lines.push(`${report.unsigned.audit} entries and ${report.unsigned.events} events after the latest checkpoint are not yet signed.`);
  }
  const pending = report.audit.pending + report.events.pending;
  if (pending > 0) lines.push(`${report.audit.pending} entries and ${report.events.pending} events are waiting to be chained by the worker; they are checked once chained.`);
  return lines;
}

export function auditCommands(cli: Command, withRuntime: WithRuntime, print: (line: string) => void): void {
  const audit = cli.command('audit').description('the audit log and its signed checkpoints');
  audit
    .command('verify')
    .description('recompute both hash chains and check every signed checkpoint; exits 1 if anything was altered, removed, inserted or cut back')
    .option('--checkpoint <file>', 'a checkpoint exported earlier (file, webhook or email): proves the log was not cut back before it')
    .option('--public-key <file>', 'check signatures with this public key instead of the configured signing key')
    .action((options: { checkpoint?: string; publicKey?: string }) =>
      withRuntime(async ({ ctx }, config) => {
        const exported = options.checkpoint ? parseExportedCheckpoint(readFileSync(options.checkpoint, 'utf8')) : null;
        const key = options.publicKey ? parseAuditKey(readFileSync(options.publicKey, 'utf8')) : config.audit.key;
        const report = await verifyAudit(ctx.db, { key, exported });
        for (const line of describeReport(report)) print(line);
        if (exported && report.ok) print(`The log still reaches the exported checkpoint of ${exported.at} (entry ${exported.audit.seq}, event ${exported.events.seq}).`);
        if (!report.ok) process.exitCode = 1;
      }),
    );
  audit
    .command('checkpoint')
    .description('chain and sign what is new now, write the checkpoint file and print the latest checkpoint')
    .action(() =>
      withRuntime(async ({ ctx }, config) => {
        // withRuntime seals on the way out; seal here too so the printed checkpoint is the newest.
        await sealAndExport(ctx, config.audit, (message) => process.stderr.write(`${message}\n`), 0);
        const latest = await latestCheckpoint(ctx.db);
        if (!latest) {
          print('The audit log is empty: there is nothing to sign yet.');
          return;
        }
        writeCheckpointFile(config.audit.checkpointFile, latest);
        process.stdout.write(exportCheckpoint(latest));
      }),
    );
  audit
    .command('public-key')
    .description('print the public half of the audit signing key, for verifiers elsewhere')
    .action(() =>
      withRuntime(async (_runtime, config) => {
        process.stdout.write(config.audit.key.publicKeyPem);
      }),
    );
}
