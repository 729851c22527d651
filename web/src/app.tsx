import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { adminRoutes } from './features/admin/admin-section';
import { AccountPage } from './features/account/account-page';
import { RequireSession } from './features/auth/require-session';
import { SignInPage } from './features/auth/sign-in-page';
import { AuditPage } from './features/audit/audit-page';
import { CasePage } from './features/case/case-page';
import { InboxPage } from './features/notifications/inbox-page';
import { PlanEditorPage } from './features/plans/plan-editor-page';
import { PlanPage } from './features/plans/plan-page';
import { PlansPage } from './features/plans/plans-page';
import { QueuePage } from './features/queue/queue-page';
import { RegisterPage } from './features/register/register-page';
import { makeQueryClient } from './api/queries';
import { SessionProvider } from './session/session';
import { appPages } from './pages';
import { Layout } from './ui/layout';
import { PageTitle } from './ui/page-title';
import { Loading } from './ui/states';

// The charts library is large; only the dashboard needs it.
const DashboardPage = lazy(() => import('./features/dashboard/dashboard-page'));

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('errors.notFoundTitle')}>{t('errors.notFoundTitle')}</PageTitle>
      <p>{t('errors.noSuchPage')}</p>
      <p>
        <Link to="/">{t('errors.backToQueue')}</Link>
      </p>
    </>
  );
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <Routes>
            <Route path={appPages.signIn} element={<SignInPage />} />
            <Route
              element={
                <RequireSession>
                  <Layout />
                </RequireSession>
              }
            >
              <Route path={appPages.queue} element={<QueuePage />} />
              <Route path={appPages.register} element={<RegisterPage />} />
              <Route path={appPages.case} element={<CasePage />} />
              <Route path={appPages.notifications} element={<InboxPage />} />
              <Route path={appPages.audit} element={<AuditPage />} />
              <Route path={appPages.plans} element={<PlansPage />} />
              <Route path={appPages.newPlan} element={<PlanEditorPage />} />
              <Route path={appPages.plan} element={<PlanPage />} />
              <Route path={appPages.editPlan} element={<PlanEditorPage />} />
              <Route
                path={appPages.dashboard}
                element={
                  <Suspense fallback={<Loading />}>
                    <DashboardPage />
                  </Suspense>
                }
              />
              <Route path={appPages.account} element={<AccountPage />} />
              {adminRoutes()}
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
