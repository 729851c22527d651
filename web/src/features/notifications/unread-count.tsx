import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import type { Notification } from '../../api/types';
import { useLiveChanges } from '../../live/live';
import { unreadFetchLimit } from './unread';

interface Unread {
  /** Unread notifications (up to `unreadFetchLimit`); null until first counted. */
  count: number | null;
  /** Counts again, e.g. after one was marked read. */
  refresh(): Promise<void>;
}

const UnreadContext = createContext<Unread | null>(null);

/**
 * The signed-in user's unread count, counted on load and again whenever the live stream reports a
 * change: a notice is written in the same transaction as the case change that caused it.
 */
export function UnreadProvider({ children }: { children: ReactNode }) {
  const [count, setCount] = useState<number | null>(null);
  const latest = useRef(0);
  const refresh = useCallback(async () => {
    const id = ++latest.current;
    try {
      const page = await api<{ items: Notification[] }>(`/api/v1/notifications?unread=true&limit=${unreadFetchLimit}`);
      if (id === latest.current) setCount(page.items.length);
    } catch {
      // The last count stays on screen; the next change or reconnection counts again.
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useLiveChanges(() => void refresh(), undefined, 300);
  const value = useMemo(() => ({ count, refresh }), [count, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnread(): Unread {
  const value = useContext(UnreadContext);
  if (!value) throw new Error('useUnread outside UnreadProvider');
  return value;
}
