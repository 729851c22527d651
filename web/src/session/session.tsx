import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onSessionEnded } from '../api/client';
import type { GlobalAction } from '../../../src/core/policy.js';
import type { ClientConfig, PendingStep, Unit, User } from '../api/types';

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
  | { status: 'signed-in'; session: Session };

interface SignedIn {
  user: User;
  pending: PendingStep[];
  abilities: Record<GlobalAction, boolean>;
}

interface SessionApi {
  state: State;
  /** Signs in; `code` is the second factor, sent when the server asked for it. */
  signIn(email: string, password: string, code?: string): Promise<void>;
  signOut(): Promise<void>;
  /** Asks the server again who is signed in (after a setup step, or a change to one's own account). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

async function loadSession(user: User, abilities: Record<GlobalAction, boolean>): Promise<Session> {
  const sentAt = Date.now();
  const [config, units] = await Promise.all([api<ClientConfig>('/api/v1/config'), api<{ items: Unit[] }>('/api/v1/units')]);
  const receivedAt = Date.now();
  return {
    user,
    timeZone: config.timeZone,
    clockOffset: Date.parse(config.now) - (sentAt + receivedAt) / 2,
    units: units.items,
    abilities,
  };
}

/** A session with steps pending waits on them; otherwise the whole app's session is loaded. */
async function stateOf({ user, pending, abilities }: SignedIn): Promise<State> {
  if (pending.length > 0) return { status: 'setup', user, pending };
  return { status: 'signed-in', session: await loadSession(user, abilities) };
}

/** Who is signed in, with what the whole app needs about them: their units, zone and clock. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  // Nothing one person saw stays in the cache for whoever signs in next in this tab.
  const queryClient = useQueryClient();
  const signedIn = state.status === 'signed-in' || state.status === 'setup';
  useEffect(() => {
    if (!signedIn) queryClient.clear();
  }, [signedIn, queryClient]);

  useEffect(() => {
    let cancelled = false;
    api<SignedIn>('/api/v1/auth/me')
      .then(stateOf)
      .then(
        (next) => !cancelled && setState(next),
        () => !cancelled && setState({ status: 'anonymous', expired: false }),
      );
    const stop = onSessionEnded(() =>
      setState((previous) => (previous.status === 'signed-in' || previous.status === 'setup' ? { status: 'anonymous', expired: true } : previous)),
    );
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string, code?: string) => {
    const signedIn = await api<SignedIn>('/api/v1/auth/login', { body: { email, password, ...(code ? { code } : {}) } });
    setState(await stateOf(signedIn));
  }, []);

  const refresh = useCallback(async () => {
    setState(await stateOf(await api<SignedIn>('/api/v1/auth/me')));
  }, []);

  const signOut = useCallback(async () => {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
    setState({ status: 'anonymous', expired: false });
  }, []);

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
