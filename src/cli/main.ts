import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { serve } from '../api/server.js';
import { createPlanDraft, planView } from '../commands/plans.js';
import { createUser, createToken } from '../commands/users.js';
import { resetPasswordByEmail } from '../commands/passwords.js';
import { ensureBuiltinPlan } from '../commands/setup.js';
import { loadConfig, type Config } from '../config.js';
import { planToYaml } from '../core/plan-yaml.js';
import { roles, type Role } from '../core/types.js';
import { findCurrentPlan, findPlan } from '../db/repositories/plans.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { generatePassword } from '../security/passwords.js';
import { seedDemo } from './demo.js';
import { sealAndExport, startWorker, workerOptions } from '../jobs/worker.js';
import { auditCommands } from './audit.js';
import { calendarCommands } from './calendar.js';
import { backupDatabase, restoreDatabase } from '../db/backup.js';
import { createOpen311Key, listOpen311Keys, revokeOpen311Key } from '../commands/public/open311-keys.js';

const print = (line: string) => process.stdout.write(`${line}\n`);
const warn = (message: string, error?: unknown) => process.stderr.write(`${message} ${error instanceof Error ? error.message : ''}\n`);

/**
 * Opens the configured database for one command and always closes it. No worker need be running
 * beside a one-off command, so what it wrote to the audit log is chained and signed before it ends.
 */
export async function withRuntime<T>(work: (runtime: Runtime, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  try {
    const result = await work(runtime, config);
    await sealAndExport(runtime.ctx, config.audit, warn, 0);
    return result;
  } finally {
    await runtime.close();
  }
}

export function program(): Command {
  const cli = new Command('redress').description('Petitions and grievances worked through a published plan.').version('0.1.0');

  cli
    .command('serve')
    .description('serve the app and API (migrates, loads the built-in plan, creates a first admin)')
    .action(async () => {
      const stop = await serve(loadConfig(), print);
      const shutdown = () => {
        stop().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  cli
    .command('worker')
    .description('run only the deadline scanner and notification delivery (several may run on PostgreSQL)')
    .action(async () => {
      const config = loadConfig();
      const runtime = await openRuntime(config);
      const stop = startWorker(runtime.ctx, workerOptions(config, warn));
      print(`The Redress worker is running every ${config.scanIntervalSeconds} s.`);
      const shutdown = () => {
        stop()
          .then(() => runtime.close())
          .then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  calendarCommands(cli, withRuntime, print);

  cli
    .command('migrate')
    .description('bring the database schema up to date')
    .action(() =>
      withRuntime(async () => {
        print('The database schema is up to date.');
      }),
    );

  const admin = cli.command('admin').description('staff accounts');
  admin
    .command('create')
    .description('create a staff account (an admin unless --role says otherwise)')
    .requiredOption('--email <email>', 'sign-in email')
    .option('--name <name>', 'display name', 'Administrator')
    .option('--role <role>', `one of ${roles.join(', ')}`, 'admin')
    .option('--unit <unitId>', 'the unit the account belongs to')
    .option('--password <password>', 'password (generated and printed when omitted)')
    .action((options: { email: string; name: string; role: string; unit?: string; password?: string }) =>
      withRuntime(async ({ ctx }) => {
        const password = options.password ?? generatePassword();
        const user = await createUser(ctx, {
          actor: null,
          email: options.email,
          name: options.name,
          role: options.role as Role,
          unitId: options.unit ?? null,
          password,
        });
        print(`Created ${user.role} ${user.email}.`);
        if (!options.password) print(`Password (shown once): ${password}`);
      }),
    );

  admin
    .command('reset-password <email>')
    .description('give an account a one-time password (printed once; it must be changed at the next sign-in)')
    .option('--clear-totp', 'also remove the second factor, for someone who lost it and their recovery codes')
    .action((email: string, options: { clearTotp?: boolean }) =>
      withRuntime(async ({ ctx }) => {
        const reset = await resetPasswordByEmail(ctx, { email, clearSecondFactor: options.clearTotp ?? false });
        print(`Reset the password of ${reset.email}; every session of the account has ended.`);
        if (options.clearTotp) print('The second factor was removed; it must be set up again at the next sign-in where required.');
        print(`One-time password (shown once; change it at the next sign-in): ${reset.temporaryPassword}`);
      }),
    );

  cli
    .command('token')
    .description('API tokens')
    .command('create')
    .description('create a bearer token for a user; the token is the last line printed')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--days <days>', 'days until the token expires', '90')
    .action((options: { email: string; name: string; days: string }) =>
      withRuntime(async ({ ctx }) => {
        const days = Number(options.days);
        if (!Number.isInteger(days) || days < 1) throw new Error('--days must be a whole number of days, at least 1.');
        const { token, user, expiresAt } = await createToken(ctx, { email: options.email, name: options.name, days });
        print(`Token for ${user.email} (${user.role}), expiring ${expiresAt ?? 'never'}; it is shown once:`);
        print(token);
      }),
    );

  const plan = cli.command('plan').description('contingency plans');
  plan
    .command('import <file>')
    .description('import a plan from YAML as a new draft version')
    .option('--publish', 'publish it at once')
    .action((file: string, options: { publish?: boolean }) =>
      withRuntime(async ({ ctx }) => {
        const imported = await createPlanDraft(ctx, { actor: null, source: readFileSync(file, 'utf8'), publish: options.publish ?? false });
        print(`Imported ${imported.key} version ${imported.version} (${imported.status}), id ${imported.id}.`);
      }),
    );
  plan
    .command('export [keyOrId]')
    .description('write a plan as YAML (the current published version of a key, or a version by id)')
    .option('--out <file>', 'write to a file instead of standard output')
    .action((keyOrId: string | undefined, options: { out?: string }) =>
      withRuntime(async ({ ctx }) => {
        const row = (keyOrId ? await findPlan(ctx.db, keyOrId) : undefined) ?? (await findCurrentPlan(ctx.db, keyOrId));
        if (!row) throw new Error(keyOrId ? `No plan has the key or id "${keyOrId}".` : 'There is no published plan.');
        const yaml = planToYaml(planView(row).document);
        if (options.out) writeFileSync(options.out, yaml);
        else process.stdout.write(yaml);
      }),
    );

  cli
    .command('demo')
    .description('load a small realistic county: units, a user of each role, twenty cases across every stage')
    .action(() =>
      withRuntime(async ({ ctx }) => {
        await ensureBuiltinPlan(ctx);
        const accounts = await seedDemo(ctx);
        print('Demo data loaded. Accounts (password for all shown once):');
        for (const account of accounts.users) print(`  ${account.role.padEnd(12)} ${account.email}`);
        print(`Password: ${accounts.password}`);
      }),
    );

  auditCommands(cli, withRuntime, print);

  cli
    .command('backup <file>')
    .description('write a consistent copy of the database while it runs (SQLite backup API, or pg_dump); keep the keys beside it')
    .action(async (file: string) => {
      await backupDatabase({ url: loadConfig().databaseUrl }, file);
      print(`Backed up the database to ${file}. Keep the encryption key and the audit signing key with it: without them it cannot be read or verified.`);
    });

  cli
    .command('restore <file>')
    .description('replace the database with a backup (stop the server and workers first)')
    .option('--replace', 'overwrite an existing database')
    .action(async (file: string, options: { replace?: boolean }) => {
      await restoreDatabase({ url: loadConfig().databaseUrl }, file, { replace: options.replace ?? false });
      print(`Restored ${file}. Run "redress audit verify" to check the restored audit log against its signatures.`);
    });

  const open311Key = cli.command('open311').description('the Open311 GeoReport v2 endpoint').command('key').description('API keys of Open311 clients');
  open311Key
    .command('create <name>')
    .description('issue a key for an Open311 client; the key is the last line printed')
    .action((name: string) =>
      withRuntime(async ({ ctx }) => {
        const created = await createOpen311Key(ctx, { actor: null, name });
        print(`Open311 key "${created.name}" (id ${created.id}); it is shown once:`);
        print(created.key);
      }),
    );
  open311Key
    .command('list')
    .description('list Open311 keys (never the keys themselves)')
    .action(() =>
      withRuntime(async ({ ctx }) => {
        for (const key of await listOpen311Keys(ctx, { actor: null })) {
          print(`${key.id}  ${key.name}  created ${key.createdAt}${key.revokedAt ? `  revoked ${key.revokedAt}` : ''}`);
        }
      }),
    );
  open311Key
    .command('revoke <id>')
    .description('revoke an Open311 key at once')
    .action((id: string) =>
      withRuntime(async ({ ctx }) => {
        const revoked = await revokeOpen311Key(ctx, { actor: null, id });
        print(`Revoked Open311 key "${revoked.name}".`);
      }),
    );

  return cli;
}

export async function main(argv: string[]): Promise<void> {
  await program().parseAsync(argv);
}
