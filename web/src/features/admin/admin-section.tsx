import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, Route } from 'react-router-dom';
import type { GlobalAction } from '../../../../src/core/policy.js';
import { useSession } from '../../session/session';
import { Loading } from '../../ui/states';
import { adminPages, type AdminPage } from './admin-pages';
import './admin.css';

/** The admin pages the user may open (by the session's abilities, as the server judges them), in the section's order. */
export function visibleAdminPages(abilities: Record<GlobalAction, boolean>): AdminPage[] {
  return adminPages.filter((page) => abilities[page.action]);
}

/** The frame of the admin section: its own navigation beside the page. */
export function AdminSection() {
  const { t } = useTranslation();
  const { abilities } = useSession();
  const pages = visibleAdminPages(abilities);
  return (
    <div className="admin-section">
      <nav className="admin-nav" aria-label={t('admin.navLabel')}>
        <ul>
          {pages.map((page) => (
            <li key={page.path}>
              <NavLink to={`/admin/${page.path}`}>{t(`admin.nav.${page.label}`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-page">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}

/** `/admin` opens the first page the actor may see (the section link only shows when there is one). */
function AdminIndex() {
  const { abilities } = useSession();
  const first = visibleAdminPages(abilities)[0];
  return <Navigate to={first ? `/admin/${first.path}` : '/'} replace />;
}

/** The section's routes, to place inside the signed-in layout's routes. */
export function adminRoutes() {
  return (
    <Route path="admin" element={<AdminSection />}>
      <Route index element={<AdminIndex />} />
      {adminPages.map((page) => (
        <Route key={page.path} path={page.path} element={page.element} />
      ))}
    </Route>
  );
}
