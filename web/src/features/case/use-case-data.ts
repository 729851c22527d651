import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { CaseDetail, CaseEvent, Page } from '../../api/types';
import { keepShownPersonalData } from './shown-personal-data';

async function allEvents(caseId: string): Promise<CaseEvent[]> {
  const events: CaseEvent[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<CaseEvent> = await api<Page<CaseEvent>>(`/api/v1/cases/${encodeURIComponent(caseId)}/events?limit=500${suffix}`);
    events.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

const asError = (caught: unknown) => (caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));

/** A case and its whole timeline, reloadable for live updates without blanking the screen. */
export function useCaseData(caseId: string) {
  const [detail, setDetail] = useState<CaseDetail>();
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const id = ++generation.current;
    try {
      const [loaded, timeline] = await Promise.all([api<CaseDetail>(`/api/v1/cases/${encodeURIComponent(caseId)}`), allEvents(caseId)]);
      if (id !== generation.current) return;
      setDetail(loaded);
      setEvents(timeline);
      setError(undefined);
    } catch (caught) {
      if (id === generation.current) setError(asError(caught));
    } finally {
      if (id === generation.current) setLoading(false);
    }
  }, [caseId]);

  useEffect(() => {
    setDetail(undefined);
    setEvents([]);
    setError(undefined);
    setLoading(true);
    void load();
  }, [load]);

  const reloadEvents = useCallback(async () => {
    const id = generation.current;
    try {
      const timeline = await allEvents(caseId);
      if (id === generation.current) setEvents(timeline);
    } catch {
      // the next live change or reload tries again
    }
  }, [caseId]);

  /** What an action answered: shown at once (with the names already shown), the timeline fetched again behind it. */
  const apply = useCallback(
    (updated: CaseDetail) => {
      generation.current += 1;
      setDetail((shown) => keepShownPersonalData(shown, updated));
      void reloadEvents();
    },
    [reloadEvents],
  );

  return { detail, events, error, loading, reload: load, apply };
}
