import { loadCalendar } from './commands/calendar.js';
import { calendarSource, randomId, systemClock, type Context } from './commands/context.js';
import type { Config } from './config.js';
import { openStore, type Store } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { createChangeFeed } from './commands/change-feed.js';
import { createSealer } from './security/sealer.js';

export interface Runtime {
  ctx: Context;
  store: Store;
  close(): Promise<void>;
}

/** Opens the configured database, brings its schema up to date and builds the command context. */
export async function openRuntime(config: Config): Promise<Runtime> {
  const store = openStore(config.databaseUrl);
  await migrateToLatest(store.db, store.adapter);
  const ctx: Context = {
    db: store.db,
    adapter: store.adapter,
    now: systemClock,
    newId: randomId,
    timeZone: config.timeZone,
    calendar: calendarSource(await loadCalendar(store.db)),
    changes: createChangeFeed(),
    channels: { email: config.smtpUrl !== undefined },
    sealer: createSealer(config.encryptionKey),
  };
  return { ctx, store, close: () => store.close() };
}
