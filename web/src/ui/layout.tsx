import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { visibleAdminPages } from '../features/admin/admin-section';
import { NotificationBell } from '../features/notifications/bell';
import { useLiveStatus } from '../live/live';
import { useFormat } from '../session/formatters';
import { useAuth, useSession } from '../session/session';
import { LanguageSwitch } from './language-switch';
import { Loading } from './states';

/** The frame of every signed-in page: the header with role-aware navigation, the page, the footer. */
export function Layout() {
  const { t } = useTranslation();
  const { user, timeZone, abilities } = useSession();
  const { signOut } = useAuth();
  const format = useFormat();
  const live = useLiveStatus();
  // Each link shows by what the server says the user may open (the session's abilities, core/policy.ts).
  const links = [
    { to: '/', label: t('nav.queue'), show: abilities['case.list'], end: true },
    { to: '/cases/new', label: t('nav.register'), show: abilities['case.create'], end: true },
    // The reviews that went to the reader's own petition office (a user of no unit has none).
    { to: '/reviews', label: t('nav.reviews'), show: abilities['case.list'] && user.unitId !== null, end: false },
    // The office's call-backs due after its answers (回访).
    { to: '/callbacks', label: t('nav.callbacks'), show: abilities['callback.list'], end: false },
    // Unit officers see their own cases; the county-wide figures are for the office and its leaders.
    { to: '/dashboard', label: t('nav.dashboard'), show: abilities['report.read'], end: false },
    { to: '/plans', label: t('nav.plans'), show: abilities['plan.read'], end: false },
    { to: '/audit', label: t('nav.audit'), show: abilities['audit.read'], end: false },
    { to: '/admin', label: t('nav.admin'), show: visibleAdminPages(abilities).length > 0, end: false },
  ].filter((link) => link.show);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link className="brand" to="/">
            <span className="brand-mark" aria-hidden="true">
              R
            </span>
            <span className="brand-name">{t('app.name')}</span>
          </Link>
          <div className="header-tools">
            <span className={`live-dot${live ? ' live-on' : ''}`} title={t(live ? 'live.on' : 'live.off')}>
              <span className="visually-hidden">{t(live ? 'live.on' : 'live.off')}</span>
            </span>
            <Link className="who" to="/account" title={t('nav.account')}>
              <span className="who-name">{user.name}</span>
              <span className="who-role">
                {t(`role.${user.role}`)}
                {user.unitId ? ` · ${format.unit(user.unitId)}` : ''}
              </span>
              <span className="visually-hidden"> · {t('nav.account')}</span>
            </Link>
            <NotificationBell />
            <LanguageSwitch />
            <button type="button" className="button button-quiet header-button" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
        <nav className="main-nav" aria-label={t('nav.label')}>
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="page">
        {/* Most pages load when first opened (app.tsx): the header stays while one does. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('app.timesIn', { zone: timeZone })}</p>
        <p>
          <a href="/api/docs">{t('app.apiDocs')}</a>
        </p>
      </footer>
    </>
  );
}
