import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { Delivery, NewWebhook, Webhook } from '../../../api/types';
import { useFormat } from '../../../session/formatters';
import { PageTitle } from '../../../ui/page-title';
import { ResourceTable } from '../../../ui/resource-table';
import { ActionError } from '../../../ui/states';
import { deliveryProblem, deliveryState } from './delivery-text';
import { TopicsText } from './topic-picker';
import { TopicsEditor } from './topics-editor';
import { WebhookForm } from './webhook-form';

const webhooksQuery = queryOptions({
  queryKey: queryKeys.webhooks,
  queryFn: ({ signal }): Promise<{ items: Webhook[] }> => ok(client.GET('/api/v1/webhooks', { signal })),
});

function deliveriesQuery(id: string) {
  return queryOptions({
    queryKey: queryKeys.webhookDeliveries(id),
    queryFn: ({ signal }): Promise<{ items: Delivery[] }> => ok(client.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id } }, signal })),
  });
}

/** What an admin does to a webhook from its row. */
type Change = 'enable' | 'disable' | 'delete';

/** A webhook's recent deliveries: what was sent, how it stands, why the last attempt failed, when the next is due. */
function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deliveries = useQuery(deliveriesQuery(webhook.id));
  return (
    <section className="webhook-deliveries" aria-label={t('adminWebhooks.deliveriesOf', { url: webhook.url })}>
      <h3>
        {t('adminWebhooks.deliveriesOf', { url: webhook.url })}{' '}
        <button type="button" className="button button-quiet" onClick={() => void deliveries.refetch()}>
          {t('adminWebhooks.refresh')}
        </button>
      </h3>
      <ResourceTable
        query={deliveries}
        untitledError
        empty={t('adminWebhooks.noDeliveries')}
        columns={[
          t('adminWebhooks.created'),
          t('adminWebhooks.event'),
          t('adminWebhooks.status'),
          t('adminWebhooks.attempts'),
          t('adminWebhooks.lastError'),
          t('adminWebhooks.nextAttempt'),
        ]}
        row={(delivery) => (
          <tr key={delivery.id} className={delivery.lastErrorCode ? 'row-problem' : undefined}>
            <td data-label={t('adminWebhooks.created')}>{format.dateTime(delivery.createdAt)}</td>
            <td data-label={t('adminWebhooks.event')} className="mono">
              {delivery.template}
            </td>
            <td data-label={t('adminWebhooks.status')}>{deliveryState(t, delivery)}</td>
            <td data-label={t('adminWebhooks.attempts')}>{delivery.attempts}</td>
            <td data-label={t('adminWebhooks.lastError')}>
              {delivery.lastErrorCode ? (
                <>
                  {deliveryProblem(t, delivery)}
                  {delivery.lastError ? <div className="muted small mono">{delivery.lastError}</div> : null}
                </>
              ) : (
                '—'
              )}
            </td>
            <td data-label={t('adminWebhooks.nextAttempt')}>{delivery.nextAttemptAt ? format.dateTime(delivery.nextAttemptAt) : '—'}</td>
          </tr>
        )}
      />
    </section>
  );
}

/** The admin's page of webhooks: add one (its secret shown once) for all notices or some topics, change its topics, disable, enable, delete, and watch its deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const webhooks = useQuery(webhooksQuery);
  const [created, setCreated] = useState<NewWebhook>();
  const [open, setOpen] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [editing, setEditing] = useState<string>();
  const change = useMutation({
    mutationFn: ({ hook, to }: { hook: Webhook; to: Change }) => {
      const path = { params: { path: { id: hook.id } } };
      return to === 'delete' ? ok(client.DELETE('/api/v1/webhooks/{id}', path)) : ok(client.PATCH('/api/v1/webhooks/{id}', { ...path, body: { active: to === 'enable' } }));
    },
    // Whether it worked or not, the list shows how the webhooks now stand.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
  const setActive = (hook: Webhook, active: boolean) => change.mutate({ hook, to: active ? 'enable' : 'disable' });
  const remove = (hook: Webhook) => {
    setConfirming(undefined);
    if (open === hook.id) setOpen(undefined);
    change.mutate({ hook, to: 'delete' });
  };

  const shown = webhooks.data?.items.find((hook) => hook.id === open);
  return (
    <>
      <PageTitle title={t('adminWebhooks.title')}>{t('adminWebhooks.title')}</PageTitle>
      <p className="muted">{t('adminWebhooks.intro')}</p>
      {created ? (
        <div className="admin-secret" role="status">
          <p>{t('adminWebhooks.secretOnce', { url: created.url })}</p>
          <code className="mono webhook-secret">{created.secret}</code>
          <p>
            <button type="button" className="button button-quiet" onClick={() => setCreated(undefined)}>
              {t('adminUsers.oneTimeDone')}
            </button>
          </p>
        </div>
      ) : null}
      <WebhookForm onCreated={setCreated} />
      <ActionError error={change.error ?? undefined} />
      <ResourceTable
        query={webhooks}
        className="data-table webhooks-table"
        empty={t('adminWebhooks.none')}
        columns={[t('adminWebhooks.url'), t('adminWebhooks.state'), t('adminWebhooks.deliveries'), t('adminUsers.actions')]}
        row={(hook) => (
          <tr key={hook.id} className={hook.disabledAt ? 'row-inactive' : undefined}>
            <td data-label={t('adminWebhooks.url')}>
              <span className="mono webhook-url">{hook.url}</span>
              {hook.description ? <div className="muted small">{hook.description}</div> : null}
              <div className="small">
                {t('adminWebhooks.topicsLabel')} <TopicsText topics={hook.topics} />
              </div>
              {editing === hook.id ? <TopicsEditor hook={hook} onDone={() => setEditing(undefined)} /> : null}
            </td>
            <td data-label={t('adminWebhooks.state')}>
              {hook.disabledAt ? t('adminWebhooks.disabledSince', { time: format.dateTime(hook.disabledAt) }) : t('adminWebhooks.enabled')}
            </td>
            <td data-label={t('adminWebhooks.deliveries')}>
              <div>{t('adminWebhooks.counts', { pending: hook.pending, failed: hook.failed })}</div>
              <div className="muted small">{hook.lastSentAt ? t('adminWebhooks.lastSent', { time: format.dateTime(hook.lastSentAt) }) : t('adminWebhooks.neverSent')}</div>
            </td>
            <td data-label={t('adminUsers.actions')} className="row-actions">
              <button
                type="button"
                className="button button-quiet"
                aria-expanded={open === hook.id}
                aria-label={t('adminWebhooks.showDeliveriesOf', { url: hook.url })}
                onClick={() => setOpen(open === hook.id ? undefined : hook.id)}
              >
                {t('adminWebhooks.showDeliveries')}
              </button>
              <button
                type="button"
                className="button button-quiet"
                aria-expanded={editing === hook.id}
                aria-label={t('adminWebhooks.editTopicsOf', { url: hook.url })}
                onClick={() => setEditing(editing === hook.id ? undefined : hook.id)}
              >
                {t('adminWebhooks.editTopics')}
              </button>
              <button
                type="button"
                className="button button-quiet"
                aria-label={t(hook.disabledAt ? 'adminWebhooks.enableOf' : 'adminWebhooks.disableOf', { url: hook.url })}
                onClick={() => setActive(hook, Boolean(hook.disabledAt))}
              >
                {t(hook.disabledAt ? 'adminWebhooks.enable' : 'adminWebhooks.disable')}
              </button>
              {confirming === hook.id ? (
                <span className="confirm-delete" role="group" aria-label={t('adminWebhooks.confirmDelete', { url: hook.url })}>
                  <span className="small">{t('adminWebhooks.confirmDelete', { url: hook.url })}</span>{' '}
                  <button type="button" className="button button-danger" onClick={() => remove(hook)}>
                    {t('adminWebhooks.deleteConfirm')}
                  </button>{' '}
                  <button type="button" className="button button-quiet" onClick={() => setConfirming(undefined)}>
                    {t('common.cancel')}
                  </button>
                </span>
              ) : (
                <button type="button" className="button button-quiet" aria-label={t('adminWebhooks.deleteOf', { url: hook.url })} onClick={() => setConfirming(hook.id)}>
                  {t('adminWebhooks.delete')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
      {shown ? <Deliveries key={shown.id} webhook={shown} /> : null}
    </>
  );
}
