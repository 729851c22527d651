import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { postgresAdapter, sqliteAdapter, type DialectAdapter } from './adapter.js';
import { GroupCommitDialect } from './group-commit.js';
import { cachingStatements } from './statement-cache.js';
import type { Database } from './schema.js';

export interface Store {
  db: Kysely<Database>;
  adapter: DialectAdapter;
  /** The PostgreSQL schema in use when not the default. */
  schema?: string;
  close(): Promise<void>;
}

// PostgreSQL hands back bigints as strings and times as Date; we speak numbers and ISO strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());

interface OpenOptions {
  /** For PostgreSQL: the schema to work in (tests give each run its own). */
  schema?: string;
}

/** Opens the database named by a `sqlite:path` or `postgres://…` URL. */
export function openStore(url: string, options: OpenOptions = {}): Store {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, adapter: postgresAdapter, ...(options.schema ? { schema: options.schema } : {}), close: () => db.destroy() };
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const database = new SQLite(path);
    database.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before it returns, so a receipt handed out survives a power loss.
    // (NORMAL in WAL mode may roll back the last commits then; see bench/ for what FULL costs.)
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new GroupCommitDialect({ database: cachingStatements(database) }) });
    return { db, adapter: sqliteAdapter, close: () => db.destroy() };
  }
  throw new Error(`REDRESS_DATABASE_URL must start with sqlite: or postgres:// (got "${url}").`);
}
