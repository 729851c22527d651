import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';

const run = promisify(execFile);

export interface BackupTarget {
  /** The REDRESS_DATABASE_URL of the database. */
  url: string;
  /** For PostgreSQL: only this schema (tests keep each run in its own). */
  schema?: string;
}

const isPostgres = (url: string) => url.startsWith('postgres://') || url.startsWith('postgresql://');

function sqlitePath(url: string): string {
  if (!url.startsWith('sqlite:')) throw new Error(`REDRESS_DATABASE_URL must start with sqlite: or postgres:// (got "${url}").`);
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:') throw new Error('An in-memory database cannot be backed up or restored.');
  return path;
}

async function tool(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new Error(`${command} was not found: install the PostgreSQL client tools (apt-get install postgresql-client).`, { cause: error });
    throw new Error(`${command} failed: ${(failure.stderr ?? failure.message).trim()}`, { cause: error });
  }
}

/**
 * Writes a consistent copy of the running database to `file` without stopping it: SQLite's online
 * backup API (writers carry on while it copies), or `pg_dump`'s snapshot in its custom format.
 */
export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  if (isPostgres(target.url)) {
    await tool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, ...(target.schema ? [`--schema=${target.schema}`] : []), `--dbname=${target.url}`]);
    return;
  }
  const database = new SQLite(sqlitePath(target.url), { readonly: true, fileMustExist: true });
  try {
    await database.backup(file);
  } finally {
    database.close();
  }
}

/** Whether the database already holds Redress data (restoring over it needs `replace`). */
async function holdsData(target: BackupTarget): Promise<boolean> {
  if (isPostgres(target.url)) return false;
  return existsSync(sqlitePath(target.url));
}

/**
 * Puts a backup in place of the configured database. Run it with the server and workers stopped.
 * Refuses to overwrite an existing SQLite database unless `replace` is set; on PostgreSQL, restore
 * into a new, empty database (or set `replace` to drop and recreate what the backup holds).
 */
export async function restoreDatabase(target: BackupTarget, file: string, options: { replace?: boolean } = {}): Promise<void> {
  if (!existsSync(file)) throw new Error(`There is no backup file at ${file}.`);
  if (isPostgres(target.url)) {
    // A backup of one schema holds no extensions, and its trigram indexes (migration 020) need pg_trgm
    // where Redress puts it; a role that may not create it is told so by pg_restore, naming the index.
    await tool('psql', ['--no-psqlrc', '--quiet', `--dbname=${target.url}`, '--command=create extension if not exists pg_trgm with schema public']).catch(() => undefined);
    await tool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', ...(options.replace ? ['--clean', '--if-exists'] : []), `--dbname=${target.url}`, file]);
    return;
  }
  const path = sqlitePath(target.url);
  if ((await holdsData(target)) && !options.replace) throw new Error(`${path} already exists; stop Redress and pass --replace to overwrite it.`);
  // Copy through the backup API (which also checks the file is a database), then swap it in whole.
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  const staged = `${path}.restoring`;
  mkdirSync(dirname(path), { recursive: true });
  try {
    await source.backup(staged);
  } finally {
    source.close();
  }
  for (const stale of [`${path}-wal`, `${path}-shm`]) rmSync(stale, { force: true });
  renameSync(staged, path);
}
