import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { unreadFetchLimit } from './unread';

/** The signed-in user's notifications, newest first. */
export const inboxQuery = queryOptions({
  queryKey: queryKeys.inbox,
  queryFn: ({ signal }) => ok(client.GET('/api/v1/notifications', { signal })),
});

/**
 * How many notifications are unread (up to `unreadFetchLimit`). A notice is written in the same
 * transaction as the case change that caused it, so the live stream's invalidation of
 * `notifications` (live/live.tsx) is what counts again; marking one read does too.
 */
export const unreadQuery = queryOptions({
  queryKey: queryKeys.unread,
  queryFn: async ({ signal }) => (await ok(client.GET('/api/v1/notifications', { params: { query: { unread: true, limit: unreadFetchLimit } }, signal }))).items.length,
});

/** The unread count; null until first counted. A failed count leaves the last one on screen. */
export function useUnreadCount(): number | null {
  return useQuery(unreadQuery).data ?? null;
}
