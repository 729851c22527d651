import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Notification } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { PageTitle } from '../../ui/page-title';
import { ActionError, Empty, ErrorState, Loading } from '../../ui/states';
import { notificationTarget, withRead } from './unread';
import { inboxQuery } from './notification-queries';
import './notifications.css';

/** A click the browser should handle itself: a new tab or window. */
const opensElsewhere = (event: MouseEvent) => event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;

/** The signed-in user's notifications, newest first; opening one marks it read and goes to its case. */
export function InboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  // The live stream invalidates `notifications` (live/live.tsx): a new notice appears by itself.
  const inbox = useQuery(inboxQuery);
  const queryClient = useQueryClient();
  const read = useMutation({
    mutationFn: (item: Notification) => ok(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id: item.id } } })),
    onSuccess: (_answer, item) => {
      // Shown read at once, without fetching the inbox again; the bell counts again.
      queryClient.setQueryData(inboxQuery.queryKey, (previous) => previous && { ...previous, items: withRead(previous.items, item.id, new Date().toISOString()) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.unread });
    },
  });
  const busy = read.isPending ? read.variables.id : null;

  const markRead = async (item: Notification): Promise<boolean> => {
    if (item.readAt !== null) return true;
    try {
      await read.mutateAsync(item);
      return true;
    } catch {
      return false; // shown by ActionError
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
      {inbox.error && !inbox.data ? <ErrorState error={inbox.error} retry={() => void inbox.refetch()} /> : null}
      {inbox.isPending ? <Loading /> : null}
      <ActionError error={read.error ?? undefined} />
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
