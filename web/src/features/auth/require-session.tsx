import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { LiveProvider } from '../../live/live';
import { useAuth } from '../../session/session';
import { ErrorState, Loading } from '../../ui/states';

// Only a first sign-in needs the setup steps' forms.
const AccountSetupPage = lazy(() => import('../account/setup-page').then((page) => ({ default: page.AccountSetupPage })));

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
  if (state.status === 'setup') {
    return (
      <Suspense
        fallback={
          <div className="page">
            <Loading />
          </div>
        }
      >
        <AccountSetupPage user={state.user} pending={state.pending} />
      </Suspense>
    );
  }
  return <LiveProvider>{children}</LiveProvider>;
}
