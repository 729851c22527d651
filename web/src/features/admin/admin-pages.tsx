import type { ReactNode } from 'react';
import type { GlobalAction } from '../../../../src/core/policy.js';
import { CalendarPage } from './calendar/calendar-page';
import { Open311KeysPage } from './open311/open311-keys-page';
import { SettingsPage } from './settings/settings-page';
import { UnitsPage } from './units/units-page';
import { UsersPage } from './users/users-page';
import { WebhooksPage } from './webhooks/webhooks-page';

/** The label keys of the admin pages, under `admin.nav` in the i18n files. */
export type AdminPageLabel = 'users' | 'units' | 'webhooks' | 'calendar' | 'open311' | 'settings';

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
  { path: 'settings', label: 'settings', action: 'settings.manage', element: <SettingsPage /> },
];
