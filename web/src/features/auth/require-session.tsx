import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { LiveProvider } from '../../live/live';
import { useAuth } from '../../session/session';
import { ErrorState, Loading } from '../../ui/states';
import { AccountSetupPage } from '../account/setup-page';

/** Pages behind the sign-in: anonymous visitors go to the sign-in page and come back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <div className="page">
        <Loading />
      </div>
    );
  }
  if (state.status === 'anonymous') {
    const here = `${location.pathname}${location.search}`;
    return <Navigate to={here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`} replace />;
  }
  if (state.status === 'failed') {
    return (
      <div className="page">
        <ErrorState error={state.error} retry={state.retry} />
      </div>
    );
  }
  if (state.status === 'setup') return <AccountSetupPage user={state.user} pending={state.pending} />;
  return <LiveProvider>{children}</LiveProvider>;
}
