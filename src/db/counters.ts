import type { Redis } from 'ioredis';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** A key's count in its current window, and how long until that window ends. */
export interface Count {
  count: number;
  ttlMs: number;
}

/**
 * Fixed-window counters for rate limits and the guess throttle. A window starts at a key's first
 * hit and lasts `windowMs`; the next hit after it starts a new one. Held where every server
 * process sees the same numbers (the database or Redis), or in memory for a single process.
 */
export interface Counters {
  /** Counts one more for the key and answers the count so far in its window. */
  hit(key: string, windowMs: number): Promise<Count>;
  /** The key's count in its current window, without counting; null when it has none. */
  peek(key: string): Promise<Count | null>;
  /** Forgets windows that have ended (the worker calls this); answers how many. */
  prune(): Promise<number>;
}

/** Counts in this process's memory: right for one process (SQLite, tests), wrong for several. */
export function memoryCounters(now: () => number = Date.now, maxKeys = 100_000): Counters {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const live = (key: string) => {
    const window = windows.get(key);
    if (window && window.endsAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return window;
  };
  return {
    async hit(key, windowMs) {
      const window = live(key) ?? { count: 0, endsAt: now() + windowMs };
      window.count += 1;
      // Re-inserted so the map's order is least recently hit first, for the bound below.
      windows.delete(key);
      windows.set(key, window);
      if (windows.size > maxKeys) {
        for (const stale of windows.keys()) {
          if (windows.size <= maxKeys) break;
          windows.delete(stale);
        }
      }
      return { count: window.count, ttlMs: window.endsAt - now() };
    },
    async peek(key) {
      const window = live(key);
      return window ? { count: window.count, ttlMs: window.endsAt - now() } : null;
    },
    async prune() {
      let pruned = 0;
      for (const key of [...windows.keys()]) if (!live(key)) pruned += 1;
      return pruned;
    },
  };
}

/** Counts in the `limit_counters` table: one upsert per hit, so every server counts together. */
export function databaseCounters(db: Kysely<Database>, now: () => number = Date.now): Counters {
  return {
    async hit(key, windowMs) {
      const at = now();
      const ends = at + windowMs;
      const row = await db
        .insertInto('limit_counters')
        .values({ key, count: 1, window_ends_at: ends })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            count: sql<number>`case when limit_counters.window_ends_at <= ${at} then 1 else limit_counters.count + 1 end`,
            window_ends_at: sql<number>`case when limit_counters.window_ends_at <= ${at} then ${ends} else limit_counters.window_ends_at end`,
          }),
        )
        .returning(['count', 'window_ends_at'])
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), ttlMs: Number(row.window_ends_at) - at };
    },
    async peek(key) {
      const at = now();
      const row = await db
        .selectFrom('limit_counters')
        .select(['count', 'window_ends_at'])
        .where('key', '=', key)
        .where('window_ends_at', '>', at)
        .executeTakeFirst();
      return row ? { count: Number(row.count), ttlMs: Number(row.window_ends_at) - at } : null;
    },
    async prune() {
      const result = await db.deleteFrom('limit_counters').where('window_ends_at', '<=', now()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** Counts in Redis (REDRESS_REDIS_URL): keys expire by themselves at the end of their window. */
export function redisCounters(redis: Redis, prefix = 'redress:limit:'): Counters {
  return {
    async hit(key, windowMs) {
      const results = await redis
        .multi()
        .set(prefix + key, '0', 'PX', windowMs, 'NX')
        .incr(prefix + key)
        .pttl(prefix + key)
        .exec();
      const count = Number(results?.[1]?.[1] ?? 1);
      const ttl = Number(results?.[2]?.[1] ?? windowMs);
      return { count, ttlMs: ttl > 0 ? ttl : windowMs };
    },
    async peek(key) {
      const results = await redis.multi().get(prefix + key).pttl(prefix + key).exec();
      const value = results?.[0]?.[1];
      const ttl = Number(results?.[1]?.[1] ?? -2);
      if (typeof value !== 'string' || ttl <= 0) return null;
      return { count: Number(value), ttlMs: ttl };
    },
    async prune() {
      return 0;
    },
  };
}
