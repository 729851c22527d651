import { lazy, type ReactNode } from 'react';
import type { GlobalAction } from '../../../../src/core/policy.js';

// Each page loads when first opened (the section's Suspense shows it loading).
const UsersPage = lazy(() => import('./users/users-page').then((page) => ({ default: page.UsersPage })));
const UnitsPage = lazy(() => import('./units/units-page').then((page) => ({ default: page.UnitsPage })));
const WebhooksPage = lazy(() => import('./webhooks/webhooks-page').then((page) => ({ default: page.WebhooksPage })));
const CalendarPage = lazy(() => import('./calendar/calendar-page').then((page) => ({ default: page.CalendarPage })));
const Open311KeysPage = lazy(() => import('./open311/open311-keys-page').then((page) => ({ default: page.Open311KeysPage })));
const TemplatesPage = lazy(() => import('./templates/templates-page').then((page) => ({ default: page.TemplatesPage })));
const CataloguePage = lazy(() => import('./catalogue/catalogue-page').then((page) => ({ default: page.CataloguePage })));
const ReceptionDaysPage = lazy(() => import('./receptions/receptions-page').then((page) => ({ default: page.ReceptionDaysPage })));
const SettingsPage = lazy(() => import('./settings/settings-page').then((page) => ({ default: page.SettingsPage })));

/** The label keys of the admin pages, under `admin.nav` in the i18n files. */
export type AdminPageLabel = 'users' | 'units' | 'webhooks' | 'calendar' | 'open311' | 'templates' | 'catalogue' | 'receptions' | 'settings';

/**
 * One page of the admin section: its path under `/admin/`, its label, the action that shows it,
 * and the page itself. A feature adds its page here and nowhere else: the section's navigation,
 * its routes and the header link all come from this list.
 */
export interface AdminPage {
  path: string;
  label: AdminPageLabel;
  action: GlobalAction;
  element: ReactNode;
}

export const adminPages: readonly AdminPage[] = [
  { path: 'users', label: 'users', action: 'user.update', element: <UsersPage /> },
  { path: 'units', label: 'units', action: 'unit.update', element: <UnitsPage /> },
  { path: 'webhooks', label: 'webhooks', action: 'settings.manage', element: <WebhooksPage /> },
  { path: 'calendar', label: 'calendar', action: 'settings.manage', element: <CalendarPage /> },
  { path: 'open311', label: 'open311', action: 'open311.keys', element: <Open311KeysPage /> },
  { path: 'templates', label: 'templates', action: 'template.manage', element: <TemplatesPage /> },
  { path: 'catalogue', label: 'catalogue', action: 'plan.write', element: <CataloguePage /> },
  { path: 'receptions', label: 'receptions', action: 'reception.manage', element: <ReceptionDaysPage /> },
  { path: 'settings', label: 'settings', action: 'settings.manage', element: <SettingsPage /> },
];
