import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { adminRoutes } from './features/admin/admin-section';
import { RequireSession } from './features/auth/require-session';
import { SignInPage } from './features/auth/sign-in-page';
import { QueuePage } from './features/queue/queue-page';
import { makeQueryClient } from './api/queries';
import { SessionProvider } from './session/session';
import { appPages } from './pages';
import { Layout } from './ui/layout';
import { PageTitle } from './ui/page-title';

// The sign-in page and the queue (where everyone starts) come with the app; every other page is
// fetched when first opened (the layout's Suspense shows it loading), so the forms and the server's
// schemas they check, and the dashboard's charts, load only for the pages that use them.
const RegisterPage = lazy(() => import('./features/register/register-page').then((page) => ({ default: page.RegisterPage })));
const CasePage = lazy(() => import('./features/case/case-page').then((page) => ({ default: page.CasePage })));
const InboxPage = lazy(() => import('./features/notifications/inbox-page').then((page) => ({ default: page.InboxPage })));
const AuditPage = lazy(() => import('./features/audit/audit-page').then((page) => ({ default: page.AuditPage })));
const PlansPage = lazy(() => import('./features/plans/plans-page').then((page) => ({ default: page.PlansPage })));
const PlanPage = lazy(() => import('./features/plans/plan-page').then((page) => ({ default: page.PlanPage })));
const PlanEditorPage = lazy(() => import('./features/plans/plan-editor-page').then((page) => ({ default: page.PlanEditorPage })));
const AccountPage = lazy(() => import('./features/account/account-page').then((page) => ({ default: page.AccountPage })));
const DashboardPage = lazy(() => import('./features/dashboard/dashboard-page'));
const ReviewsPage = lazy(() => import('./features/reviews/reviews-page'));
const RecurringIssuesPage = lazy(() => import('./features/dashboard/recurring-issues-page'));
const CallbacksPage = lazy(() => import('./features/callbacks/callbacks-page'));
const AnnualReportPage = lazy(() => import('./features/reports/annual-report-page'));

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
              <Route path={appPages.dashboard} element={<DashboardPage />} />
              <Route path={appPages.reviews} element={<ReviewsPage />} />
              <Route path={appPages.recurringIssues} element={<RecurringIssuesPage />} />
              <Route path={appPages.callbacks} element={<CallbacksPage />} />
              <Route path={appPages.annualReport} element={<AnnualReportPage />} />
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
