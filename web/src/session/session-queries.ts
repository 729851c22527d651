import { queryOptions } from '@tanstack/react-query';
import type { GlobalAction } from '../../../src/core/policy.js';
import { ApiError, client, ok } from '../api/client';
import { queryKeys } from '../api/queries';
import type { PendingStep, Unit, User } from '../api/types';

/** What `GET /api/v1/auth/me` and signing in answer. */
export interface SignedIn {
  user: User;
  pending: PendingStep[];
  abilities: Record<GlobalAction, boolean>;
}

/**
 * Who is signed in; null when nobody is (the server answered 401). Any other failure is the query's
 * error, so a network blip while signed in keeps the session on screen.
 */
export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: async ({ signal }): Promise<SignedIn | null> => {
    try {
      return await ok(client.GET('/api/v1/auth/me', { signal }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  // Asked again only when something says it may have changed (a setup step, the live stream's end).
  staleTime: Infinity,
});

interface ClockedConfig {
  timeZone: string;
  /** Server clock minus this browser's clock, so "time left" is measured by the server's time. */
  clockOffset: number;
}

/** The jurisdiction's time zone, and how far this browser's clock is from the server's (measured once). */
export const configQuery = queryOptions({
  queryKey: queryKeys.config,
  queryFn: async ({ signal }): Promise<ClockedConfig> => {
    const sentAt = Date.now();
    const config = await ok(client.GET('/api/v1/config', { signal }));
    const receivedAt = Date.now();
    return { timeZone: config.timeZone, clockOffset: Date.parse(config.now) - (sentAt + receivedAt) / 2 };
  },
  staleTime: Infinity,
});

/** Every unit, active or not: the session's lookup of unit names, and the admin's units page (which keeps it current). */
export const unitsQuery = queryOptions({
  queryKey: queryKeys.units,
  queryFn: ({ signal }): Promise<{ items: Unit[] }> => ok(client.GET('/api/v1/units', { signal })),
});
