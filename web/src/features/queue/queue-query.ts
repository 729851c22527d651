import { infiniteQueryOptions } from '@tanstack/react-query';
import { client, ok } from '../../api/client';
import type { paths } from '../../api/openapi';
import { queryKeys } from '../../api/queries';

/**
 * What the server filters and sorts the queue by: the query string of `GET /api/v1/cases`, less
 * the paging (the dashboard opens "by lead unit" with `unit` and `role=lead`, a week's bar with
 * `receivedFrom`/`receivedTo` or `closedFrom`/`closedTo`, all UTC instants, the end exclusive).
 */
export type QueueFilters = Omit<NonNullable<paths['/api/v1/cases']['get']['parameters']['query']>, 'limit' | 'cursor'>;

const pageSize = 50;

/** The value if it is one of the choices: a hand-edited address or a stray option never reaches the server as a bad filter. */
export function oneOf<T extends string>(choices: readonly T[], value: string | null): T | undefined {
  return choices.find((choice) => choice === value);
}

/**
 * The case queue for some filters, in the server's order, a page at a time following its cursors.
 * When the live stream invalidates it, every page loaded is fetched again in turn, each from the
 * cursor the page before it now answers, so the cases on screen stay on screen.
 */
export function queueQuery(filters: QueueFilters) {
  return infiniteQueryOptions({
    queryKey: queryKeys.queue(filters),
    queryFn: ({ pageParam, signal }) =>
      ok(client.GET('/api/v1/cases', { params: { query: { ...filters, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
