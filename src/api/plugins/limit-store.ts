import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Counters } from '../../db/counters.js';

class SharedStore implements FastifyRateLimitStore {
  constructor(
    private readonly counters: Counters,
    private readonly prefix: string,
  ) {}

  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
    this.counters.hit(`${this.prefix}${key}`, timeWindow).then(
      (counted) => callback(null, { current: counted.count, ttl: counted.ttlMs }),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  child(routeOptions: { path: string; method?: unknown; routeInfo?: { method?: string; url?: string } }): FastifyRateLimitStore {
    const route = routeOptions.routeInfo;
    return new SharedStore(this.counters, `${this.prefix}${route?.method ?? ''}${route?.url ?? routeOptions.path}:`);
  }
}

/**
 * A store for @fastify/rate-limit that counts in our shared counters (the database or Redis), so
 * that N server processes enforce one limit, not N. `scope` keeps two registrations of the plugin
 * (the public side, Open311) apart; a route with a limit of its own gets keys of its own, as the
 * plugin's built-in stores do.
 */
export function sharedLimitStore(counters: Counters, scope: string): FastifyRateLimitStoreCtor {
  return class extends SharedStore {
    constructor() {
      super(counters, `rate:${scope}:`);
    }
  };
}
