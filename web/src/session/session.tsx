import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onSessionEnded } from '../api/client';
import type { ClientConfig, Unit, User } from '../api/types';

export interface Session {
  user: User;
  timeZone: string;
  /** Server clock minus this browser's clock, so "time left" is measured by the server's time. */
  clockOffset: number;
  units: Unit[];
}

type State = { status: 'loading' } | { status: 'anonymous'; expired: boolean } | { status: 'signed-in'; session: Session };

interface SessionApi {
  state: State;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

async function loadSession(user: User): Promise<Session> {
  const sentAt = Date.now();
  const [config, units] = await Promise.all([api<ClientConfig>('/api/v1/config'), api<{ items: Unit[] }>('/api/v1/units')]);
  const receivedAt = Date.now();
  return {
    user,
    timeZone: config.timeZone,
    clockOffset: Date.parse(config.now) - (sentAt + receivedAt) / 2,
    units: units.items,
  };
}

/** Who is signed in, with what the whole app needs about them: their units, zone and clock. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    api<{ user: User }>('/api/v1/auth/me')
      .then(({ user }) => loadSession(user))
      .then(
        (session) => !cancelled && setState({ status: 'signed-in', session }),
        () => !cancelled && setState({ status: 'anonymous', expired: false }),
      );
    const stop = onSessionEnded(() => setState((previous) => (previous.status === 'signed-in' ? { status: 'anonymous', expired: true } : previous)));
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const { user } = await api<{ user: User }>('/api/v1/auth/login', { body: { email, password } });
    setState({ status: 'signed-in', session: await loadSession(user) });
  }, []);

  const signOut = useCallback(async () => {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
    setState({ status: 'anonymous', expired: false });
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
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
