import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, query } from '../../api/client';
import type { CaseSummary, Page } from '../../api/types';
import type { SortOrder } from './sort';

/** What the server filters and sorts the queue by (the query string of `GET /api/v1/cases`). */
export interface QueueFilters {
  stage?: string;
  urgency?: string;
  unit?: string;
  /** With `unit`: the unit's role on the case (the dashboard opens "by lead unit" with `lead`). */
  role?: string;
  category?: string;
  overdue?: boolean;
  q?: string;
  /** Only cases with a unit's open objection. */
  objection?: boolean;
  /** Only cases carrying this flag. */
  flag?: string;
  /** Received in [receivedFrom, receivedTo) (UTC instants; the dashboard opens a week's bar with them). */
  receivedFrom?: string;
  receivedTo?: string;
  /** Closed in [closedFrom, closedTo). */
  closedFrom?: string;
  closedTo?: string;
  /** The order, over every case that matches (newest when unset). */
  sort?: SortOrder;
}

const pageSize = 50;

/** The case queue for some filters, in the server's order, a page at a time, following its cursors. */
export function useQueue(filters: QueueFilters) {
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const generation = useRef(0);
  const loaded = useRef(0);
  // The filters are wholly described by their query string, which keeps the callbacks stable.
  const filterQuery = query({ ...filters });

  const fetchPage = useCallback(
    (limit: number, cursor?: string) => {
      const paging = query({ limit, cursor }).slice(1);
      return api<Page<CaseSummary>>(`/api/v1/cases${filterQuery ? `${filterQuery}&` : '?'}${paging}`);
    },
    [filterQuery],
  );

  /** Loads the first page again; `keep` reloads as many cases as are on screen (for live updates). */
  const load = useCallback(
    async (keep: boolean) => {
      const id = ++generation.current;
      if (!keep) setLoading(true);
      try {
        const page = await fetchPage(keep ? Math.min(200, Math.max(pageSize, loaded.current)) : pageSize);
        if (id !== generation.current) return;
        setItems(page.items);
        loaded.current = page.items.length;
        setNextCursor(page.nextCursor);
        setError(undefined);
      } catch (caught) {
        if (id === generation.current) setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
      } finally {
        if (id === generation.current) setLoading(false);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const id = generation.current;
    setLoading(true);
    try {
      const page = await fetchPage(pageSize, nextCursor);
      if (id !== generation.current) return;
      setItems((previous) => {
        const merged = [...previous, ...page.items];
        loaded.current = merged.length;
        return merged;
      });
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    } finally {
      setLoading(false);
    }
  }, [fetchPage, nextCursor]);

  const reload = useCallback(() => load(true), [load]);
  return { items, nextCursor, loading, error, loadMore, reload };
}
