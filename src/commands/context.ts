import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../core/types.js';
import type { DialectAdapter } from '../db/adapter.js';
import type { Database } from '../db/schema.js';
import type { Sealer } from '../security/sealer.js';
import type { ChangeFeed } from './change-feed.js';

/** What commands run against. The clock and id generator are injected so tests control them. */
export interface Context {
  db: Kysely<Database>;
  adapter: DialectAdapter;
  now: () => string;
  newId: () => string;
  timeZone: string;
  sealer: Sealer;
  /** Committed case changes, for live views. */
  changes: ChangeFeed;
}

export type Trx = Transaction<Database>;

export function systemClock(): string {
  return new Date().toISOString();
}

export function randomId(): string {
  return randomUUID();
}

/** Who did something, for the timeline and the audit log: null for the system itself. */
export function actorId(actor: Actor | null): string | null {
  return actor?.id ?? null;
}
