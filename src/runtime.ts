import { loadCalendar } from './commands/calendar.js';
import { calendarSource, randomId, systemTime, type Context } from './context/context.js';
import type { Config } from './config.js';
import { openStore, type Store } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { openReadWorker, type ReadWorker } from './db/read-worker.js';
import { createChangeFeed } from './context/change-feed.js';
import { createSharedChangeFeed } from './db/change-notify.js';
import { sql } from 'kysely';
import { createSealer } from './security/sealer.js';
import { databaseStore, type AttachmentStore } from './attachments/storage.js';
import { s3Store } from './attachments/s3-store.js';

export interface Runtime {
  ctx: Context;
  store: Store;
  close(): Promise<void>;
}

/** Opens the configured database, brings its schema up to date and builds the command context. */
export async function openRuntime(config: Config, log: RuntimeLog = defaultLog): Promise<Runtime> {
  const store = openStore(config.databaseUrl);
  await migrateToLatest(store.db, store.adapter);
  // On PostgreSQL several processes may serve one database: live changes cross them by LISTEN/NOTIFY.
  const shared =
    store.adapter.name === 'postgres'
      ? createSharedChangeFeed({ url: config.databaseUrl, schema: await currentSchema(store), log })
      : null;
  const changes = shared ?? createChangeFeed();
  // The replica is opened, never migrated: it follows the primary's schema by streaming replication.
  // On an SQLite file the dashboard and reports read in a worker thread instead, off the event loop.
  const replica = config.databaseReadUrl ? openStore(config.databaseReadUrl) : sqliteReader(config.databaseUrl);
  const ctx: Context = {
    db: store.db,
    adapter: store.adapter,
    now: systemTime,
    newId: randomId,
    timeZone: config.timeZone,
    calendar: calendarSource(await loadCalendar(store.db)),
    changes,
    channels: { email: config.smtpUrl !== undefined },
    sealer: createSealer(config.encryptionKey),
    security: { adminTotpRequired: config.adminTotpRequired },
    pdfFont: config.pdfFont,
    attachments: { maxBytes: config.attachments.maxBytes, perCase: config.attachments.perCase, store: attachmentStore(config) },
    ...(replica ? { replica: replica.db } : {}),
  };
  return {
    ctx,
    store,
    close: async () => {
      await shared?.close();
      await replica?.close();
      await store.close();
    },
  };
}

/** The S3-compatible store when one is configured, else the database. */
function attachmentStore(config: Config): AttachmentStore {
  return config.attachments.s3 ? s3Store(config.attachments.s3) : databaseStore;
}

type RuntimeLog = (message: string, error?: unknown) => void;

const defaultLog: RuntimeLog = (message, error) =>
  process.stderr.write(`${message}${error instanceof Error ? ` ${error.message}` : ''}\n`);

/** A read-only connection in a worker thread for an SQLite file (an in-memory database has no second connection). */
function sqliteReader(url: string): ReadWorker | null {
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : '';
  return path && path !== ':memory:' && !path.startsWith('file::memory:') ? openReadWorker(path) : null;
}

async function currentSchema(store: Store): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  return result.rows[0]?.schema ?? 'public';
}
