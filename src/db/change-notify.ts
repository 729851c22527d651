import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createChangeFeed, type CaseChanged, type ChangeFeed } from '../context/change-feed.js';

/** The change feed of several server processes on one PostgreSQL database. */
export interface SharedChangeFeed extends ChangeFeed {
  /** Names this process in the notifications it sends, so it does not deliver its own twice. */
  readonly origin: string;
  /** Resolves once the listener is listening (tests wait for it before publishing elsewhere). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

interface SharedFeedOptions {
  url: string;
  /** The schema Redress works in: each schema has its own channel, so two installations never mix. */
  schema: string;
  log: (message: string, error?: unknown) => void;
  /** First pause before reconnecting a dropped listener; it doubles up to maxReconnectMs. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

interface Notice {
  caseId: string;
  type: string;
  at: string;
  origin: string;
}

function channelFor(schema: string): string {
  // Channel names are identifiers: at most 63 bytes.
  return `redress_changes_${schema}`.slice(0, 63);
}

function parseNotice(payload: string | undefined): Notice | null {
  try {
    const value: unknown = JSON.parse(payload ?? '');
    if (typeof value !== 'object' || value === null) return null;
    const { caseId, type, at, origin } = value as Record<string, unknown>;
    if (typeof caseId !== 'string' || typeof type !== 'string' || typeof at !== 'string' || typeof origin !== 'string') return null;
    return { caseId, type, at, origin };
  } catch {
    return null;
  }
}

/**
 * Bridges the change feed through LISTEN/NOTIFY: every committed change is delivered at once to
 * this process's streams and sent to every other process listening on the same schema. The
 * notification carries the case id, the change type, its time and the sending process — never
 * personal data; a stream looks the case up itself and checks the reader may see it. A dropped
 * listener connection reconnects by itself; changes sent while it was down are not replayed.
 */
export function createSharedChangeFeed(options: SharedFeedOptions): SharedChangeFeed {
  const local = createChangeFeed();
  const origin = randomBytes(8).toString('hex');
  const channel = channelFor(options.schema);
  const firstPause = options.reconnectMs ?? 500;
  const maxPause = options.maxReconnectMs ?? 10_000;
  // One small pool for sending; the listener holds a connection of its own.
  const sender = new pg.Pool({ connectionString: options.url, max: 2, application_name: 'redress-notify' });
  sender.on('error', (error) => options.log('A notification connection failed.', error));

  let listener: pg.Client | null = null;
  let closed = false;
  let pause = firstPause;
  let retry: NodeJS.Timeout | null = null;
  let markReady: () => void = () => {};
  const listening = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: options.url, application_name: `redress-changes ${origin}` });
    client.on('notification', (message) => {
      const notice = parseNotice(message.payload);
      if (!notice || notice.origin === origin) return;
      local.publish({ caseId: notice.caseId, type: notice.type, at: notice.at });
    });
    const dropped = (error?: unknown) => {
      if (listener !== client) return;
      listener = null;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      if (closed) return;
      options.log('The live-change listener lost its connection; reconnecting.', error);
      schedule();
    };
    client.on('error', dropped);
    client.on('end', () => dropped());
    listener = client;
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      dropped(error);
      return;
    }
    if (closed) {
      listener = null;
      await client.end().catch(() => {});
      return;
    }
    pause = firstPause;
    markReady();
  };

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, pause);
    pause = Math.min(maxPause, pause * 2);
  };

  void connect();

  return {
    origin,
    ready: () => listening,
    publish(change: CaseChanged) {
      local.publish(change);
      const notice: Notice = { caseId: change.caseId, type: change.type, at: change.at, origin };
      sender
        .query('select pg_notify($1, $2)', [channel, JSON.stringify(notice)])
        .catch((error: unknown) => options.log('Could not send a live change to the other servers.', error));
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      if (client) await client.end().catch(() => {});
      await sender.end();
    },
  };
}
