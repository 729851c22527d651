import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { badgeText, unreadFetchLimit } from './unread';
import { useUnreadCount } from './notification-queries';

/** The header's way to the inbox, with the unread count; a new notice is also announced. */
export function NotificationBell() {
  const { t } = useTranslation();
  const count = useUnreadCount();
  const shown = badgeText(count ?? 0);
  const label = !count ? t('notifications.bellNone') : count >= unreadFetchLimit ? t('notifications.bellMany') : t('notifications.bell', { count });
  const previous = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (count === null) return;
    if (previous.current !== null && count > previous.current) setAnnouncement(t('notifications.arrived', { count }));
    previous.current = count;
  }, [count, t]);
  return (
    <>
      <NavLink to="/notifications" className={`bell${shown ? ' bell-unread' : ''}`} aria-label={label} title={label}>
        <svg className="bell-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {shown ? (
          <span className="bell-count" aria-hidden="true">
            {shown}
          </span>
        ) : null}
      </NavLink>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
