import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { client, ok, onSessionEnded, type ApiError } from '../api/client';
import { queryKeys } from '../api/queries';
import type { GlobalAction } from '../../../src/core/policy.js';
import type { PendingStep, Unit, User } from '../api/types';
import { configQuery, meQuery, unitsQuery, type SignedIn } from './session-queries';

export interface Session {
  user: User;
  timeZone: string;
  /** Server clock minus this browser's clock, so "time left" is measured by the server's time. */
  clockOffset: number;
  units: Unit[];
  /** What the user may do outside any one case, as the server judges it: the navigation shows only these. */
  abilities: Record<GlobalAction, boolean>;
}

type State =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  /** Signed in, but a new password or a second factor must be set up before anything else. */
  | { status: 'setup'; user: User; pending: PendingStep[] }
  /** Signed in, but the zone or the units could not be loaded. */
  | { status: 'failed'; error: ApiError; retry: () => void }
  | { status: 'signed-in'; session: Session };

interface SessionApi {
  state: State;
  /** Signs in; `code` is the second factor, sent when the server asked for it. */
  signIn(email: string, password: string, code?: string): Promise<void>;
  signOut(): Promise<void>;
  /** Asks the server again who is signed in (after a setup step, or a change to one's own account). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Everything but who is signed in: nothing one person saw stays in the cache for whoever signs in next in this tab. */
const notSession = { predicate: (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== queryKeys.session[0] };

/**
 * Who is signed in, with what the whole app needs about them: their units, zone and clock. Each is a
 * query (session-queries.ts); the units are the admin's units list, so an edited unit shows everywhere.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery(meQuery);
  // Whether the last session ended by itself (expired, or ended elsewhere) rather than by signing out.
  const [expired, setExpired] = useState(false);
  const ready = Boolean(me.data && me.data.pending.length === 0);
  const config = useQuery({ ...configQuery, enabled: ready });
  const units = useQuery({ ...unitsQuery, enabled: ready });

  // Any request answering 401 while signed in ends the session here (api/client.ts).
  useEffect(
    () =>
      onSessionEnded(() => {
        if (!queryClient.getQueryData(meQuery.queryKey)) return;
        setExpired(true);
        queryClient.setQueryData(meQuery.queryKey, null);
      }),
    [queryClient],
  );

  const anonymous = me.data === null;
  useEffect(() => {
    if (anonymous) queryClient.removeQueries(notSession);
  }, [anonymous, queryClient]);

  const signedIn = useCallback(
    async (answer: SignedIn) => {
      setExpired(false);
      queryClient.setQueryData(meQuery.queryKey, answer);
      // Signing in is done once the app can open: the sign-in button stays busy until then.
      if (answer.pending.length === 0) await Promise.allSettled([queryClient.ensureQueryData(configQuery), queryClient.ensureQueryData(unitsQuery)]);
    },
    [queryClient],
  );

  const signIn = useCallback(
    async (email: string, password: string, code?: string) =>
      signedIn(await ok(client.POST('/api/v1/auth/login', { body: { email, password, ...(code ? { code } : {}) } }))),
    [signedIn],
  );

  const refresh = useCallback(async () => {
    const answer = await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
    if (answer) await signedIn(answer);
  }, [queryClient, signedIn]);

  const signOut = useCallback(async () => {
    await ok(client.POST('/api/v1/auth/logout')).catch(() => undefined);
    setExpired(false);
    queryClient.setQueryData(meQuery.queryKey, null);
  }, [queryClient]);

  const { data: zone, refetch: refetchConfig } = config;
  const { data: unitList, refetch: refetchUnits } = units;
  const state = useMemo((): State => {
    if (me.data === undefined) return me.isError ? { status: 'anonymous', expired: false } : { status: 'loading' };
    if (me.data === null) return { status: 'anonymous', expired };
    const { user, pending, abilities } = me.data;
    if (pending.length > 0) return { status: 'setup', user, pending };
    if (zone && unitList) return { status: 'signed-in', session: { user, abilities, timeZone: zone.timeZone, clockOffset: zone.clockOffset, units: unitList.items } };
    const error = config.error ?? units.error;
    if (error) return { status: 'failed', error, retry: () => void Promise.all([refetchConfig(), refetchUnits()]) };
    return { status: 'loading' };
  }, [me.data, me.isError, expired, zone, unitList, config.error, units.error, refetchConfig, refetchUnits]);

  const value = useMemo(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useAuth(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useAuth outside SessionProvider');
  return value;
}

/** The signed-in session; only pages behind the sign-in use this. */
export function useSession(): Session {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useSession without a signed-in user');
  return state.session;
}

/** The server's "now" in epoch ms, refreshed every `everyMs` so times left count down on screen. */
export function useNow(everyMs = 30_000): number {
  const { clockOffset } = useSession();
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    setNow(Date.now() + clockOffset);
    const timer = setInterval(() => setNow(Date.now() + clockOffset), everyMs);
    return () => clearInterval(timer);
  }, [clockOffset, everyMs]);
  return now;
}
