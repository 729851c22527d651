import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import type { Notification } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { useLiveChanges } from '../../live/live';
import { useFormat } from '../../session/formatters';
import { PageTitle } from '../../ui/page-title';
import { ActionError, Empty, ErrorState, Loading } from '../../ui/states';
import { notificationTarget, withRead } from './unread';
import { useUnread } from './unread-count';
import './notifications.css';

/** A click the browser should handle itself: a new tab or window. */
const opensElsewhere = (event: MouseEvent) => event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;

/** The signed-in user's notifications, newest first; opening one marks it read and goes to its case. */
export function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const inbox = useResource<{ items: Notification[] }>('/api/v1/notifications');
  const unread = useUnread();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<string | null>(null);
  useLiveChanges(() => void inbox.reload(), undefined, 300);

  const markRead = async (item: Notification): Promise<boolean> => {
    if (item.readAt !== null) return true;
    setBusy(item.id);
    setError(undefined);
    try {
      await api(`/api/v1/notifications/${encodeURIComponent(item.id)}/read`, { method: 'POST' });
      if (inbox.data) inbox.set({ items: withRead(inbox.data.items, item.id, new Date().toISOString()) });
      void unread.refresh();
      return true;
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const open = async (event: MouseEvent, item: Notification, target: string) => {
    if (opensElsewhere(event)) {
      void markRead(item);
      return;
    }
    event.preventDefault();
    if (await markRead(item)) void navigate(target);
  };

  const items = inbox.data?.items ?? [];
  return (
    <>
      <PageTitle title={t('notifications.title')}>{t('notifications.title')}</PageTitle>
      <p className="lead">{t('notifications.lead')}</p>
      {inbox.error && !inbox.data ? <ErrorState error={inbox.error} retry={() => void inbox.reload()} /> : null}
      {inbox.loading && !inbox.data ? <Loading /> : null}
      <ActionError error={error} />
      {inbox.data && items.length === 0 ? <Empty>{t('notifications.empty')}</Empty> : null}
      {items.length > 0 ? (
        <ul className="inbox">
          {items.map((item) => {
            const target = notificationTarget(item);
            const isUnread = item.readAt === null;
            return (
              <li key={item.id} className={`inbox-item${isUnread ? ' inbox-unread' : ''}`}>
                <p className="inbox-meta">
                  {isUnread ? <span className="badge badge-unread">{t('notifications.unread')}</span> : null}
                  <time dateTime={item.createdAt}>{format.dateTime(item.createdAt)}</time>
                </p>
                <h2 className="inbox-subject">
                  {target ? (
                    <Link to={target} onClick={(event) => void open(event, item, target)}>
                      {item.subject}
                    </Link>
                  ) : (
                    item.subject
                  )}
                </h2>
                <p className="inbox-text">{item.text}</p>
                {isUnread ? (
                  <button type="button" className="button button-quiet inbox-mark" disabled={busy === item.id} onClick={() => void markRead(item)}>
                    {t('notifications.markRead')}
                    <span className="visually-hidden">: {item.subject}</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}
