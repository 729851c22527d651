import type { Notification } from '../../api/types';

/** How many unread notifications the bell asks for; one more than it ever shows as a number. */
export const unreadFetchLimit = 100;
const shownMax = 99;

/** The bell's badge: nothing when all is read, the count up to 99, then "99+". */
export function badgeText(count: number): string | null {
  if (count <= 0) return null;
  return count > shownMax ? `${shownMax}+` : String(count);
}

/** The list after one notification was read at `at`, so the screen need not wait for a reload. */
export function withRead(items: readonly Notification[], id: string, at: string): Notification[] {
  return items.map((item) => (item.id === id && item.readAt === null ? { ...item, readAt: at } : item));
}

/** Where opening a notification leads: its case, when it is about one. */
export function notificationTarget(item: Pick<Notification, 'caseId'>): string | null {
  return item.caseId ? `/cases/${encodeURIComponent(item.caseId)}` : null;
}
