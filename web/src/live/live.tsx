import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { queryKeys } from '../api/queries';

/** What the server sends on `GET /api/v1/stream` for every committed change to a readable case. */
export interface CaseChanged {
  caseId: string;
  type: string;
  at: string;
}

/** A change, or null when the stream reconnected and anything may have changed meanwhile. */
type Listener = (change: CaseChanged | null) => void;

interface Live {
  connected: boolean;
  subscribe(listener: Listener): () => void;
}

const LiveContext = createContext<Live | null>(null);

/** One server-sent event stream for the whole app while someone is signed in. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const source = new EventSource('/api/v1/stream');
    source.onopen = () => {
      setConnected(true);
      // Changes made while the stream was connecting were not heard: have the views on screen catch up.
      for (const listener of listeners.current) listener(null);
    };
    // The browser reconnects by itself after a network error; until then, show it. The server also
    // ends the stream when the session ends (signed out elsewhere, the account deactivated): asking
    // who is signed in again (session/session-queries.ts) then answers 401, which takes this browser
    // back to the sign-in page; a network error leaves the session as it was.
    source.onerror = () => {
      setConnected(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    };
    source.addEventListener('case.changed', (event) => {
      const change = JSON.parse((event as MessageEvent<string>).data) as CaseChanged;
      for (const listener of listeners.current) listener(change);
    });
    return () => source.close();
  }, [queryClient]);

  const [value] = useState<Omit<Live, 'connected'>>(() => ({
    subscribe(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  }));
  return (
    <LiveContext.Provider value={{ ...value, connected }}>
      <LiveQueries />
      {children}
    </LiveContext.Provider>
  );
}

/**
 * What a change makes stale: the queue (any case may have entered, left or moved in it), the
 * changed cases themselves, notifications, and (less often, since they are heavier) the statistics.
 * After a reconnect anything may have changed. Only queries on screen fetch again; the rest do
 * when next shown.
 */
function LiveQueries() {
  const queryClient = useQueryClient();
  useLiveChanges((changes) => {
    if (changes.length === 0) void queryClient.invalidateQueries({ queryKey: queryKeys.cases });
    else {
      void queryClient.invalidateQueries({ queryKey: queryKeys.queues });
      for (const caseId of new Set(changes.map((change) => change.caseId))) void queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) });
    }
  });
  useLiveChanges(() => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications }), undefined, 300);
  useLiveChanges(() => void queryClient.invalidateQueries({ queryKey: queryKeys.stats }), undefined, 1000);
  return null;
}

export function useLiveStatus(): boolean {
  return useContext(LiveContext)?.connected ?? false;
}

/**
 * Calls `onChange` for every live change (only of `caseId` when given), bunched: several changes
 * within `settleMs` cause one call, so a burst of events means one reload. After the stream
 * reconnects it is called with no changes: whatever happened meanwhile is unknown, so reload.
 */
export function useLiveChanges(onChange: (changes: CaseChanged[]) => void, caseId?: string, settleMs = 150): void {
  const live = useContext(LiveContext);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (!live) return;
    let pending: CaseChanged[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = live.subscribe((change) => {
      if (change && caseId && change.caseId !== caseId) return;
      if (change) pending.push(change);
      timer ??= setTimeout(() => {
        const batch = pending;
        pending = [];
        timer = undefined;
        latest.current(batch);
      }, settleMs);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [live, caseId, settleMs]);
}
