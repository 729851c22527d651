import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import type { Delivery, NewWebhook, Webhook } from '../../../api/types';
import { useResource } from '../../../api/use-resource';
import { useFormat } from '../../../session/formatters';
import { errorFor, Field } from '../../../ui/field';
import { PageTitle } from '../../../ui/page-title';
import { ActionError, Empty, ErrorState, Loading } from '../../../ui/states';
import { deliveryProblem, deliveryState } from './delivery-text';

const asApiError = (caught: unknown) => (caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));

/** Adds a webhook; its signing secret is handed up to be shown this once. */
function WebhookForm({ onCreated }: { onCreated: (created: NewWebhook) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await api<NewWebhook>('/api/v1/webhooks', { body: { url, description: description || null } }));
      setUrl('');
      setDescription('');
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('adminWebhooks.addTitle')}>
      <h2>{t('adminWebhooks.addTitle')}</h2>
      <Field label={t('adminWebhooks.url')} hint={t('adminWebhooks.urlHint')} error={errorFor(error, 'url')} required>
        {(control) => <input {...control} type="url" inputMode="url" autoComplete="off" value={url} onChange={(event) => setUrl(event.target.value)} />}
      </Field>
      <Field label={t('adminWebhooks.description')} error={errorFor(error, 'description')}>
        {(control) => <input {...control} value={description} onChange={(event) => setDescription(event.target.value)} />}
      </Field>
      <ActionError error={error && !errorFor(error, 'url', 'description') ? error : undefined} />
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('adminWebhooks.add')}
        </button>
      </p>
    </form>
  );
}

/** A webhook's recent deliveries: what was sent, how it stands, why the last attempt failed, when the next is due. */
function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deliveries = useResource<{ items: Delivery[] }>(`/api/v1/webhooks/${webhook.id}/deliveries`);
  return (
    <section className="webhook-deliveries" aria-label={t('adminWebhooks.deliveriesOf', { url: webhook.url })}>
      <h3>
        {t('adminWebhooks.deliveriesOf', { url: webhook.url })}{' '}
        <button type="button" className="button button-quiet" onClick={() => void deliveries.reload()}>
          {t('adminWebhooks.refresh')}
        </button>
      </h3>
      {deliveries.error ? <ErrorState error={deliveries.error} retry={() => void deliveries.reload()} untitled /> : null}
      {!deliveries.data && deliveries.loading ? <Loading /> : null}
      {deliveries.data && deliveries.data.items.length === 0 ? <Empty>{t('adminWebhooks.noDeliveries')}</Empty> : null}
      {deliveries.data && deliveries.data.items.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('adminWebhooks.created')}</th>
              <th scope="col">{t('adminWebhooks.event')}</th>
              <th scope="col">{t('adminWebhooks.status')}</th>
              <th scope="col">{t('adminWebhooks.attempts')}</th>
              <th scope="col">{t('adminWebhooks.lastError')}</th>
              <th scope="col">{t('adminWebhooks.nextAttempt')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.items.map((delivery) => (
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
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** The admin's page of webhooks: add one (its secret shown once), disable, enable, delete, and watch its deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const webhooks = useResource<{ items: Webhook[] }>('/api/v1/webhooks');
  const [created, setCreated] = useState<NewWebhook>();
  const [open, setOpen] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(asApiError(caught));
    }
    await webhooks.reload();
  };
  const setActive = (hook: Webhook, active: boolean) => act(() => api(`/api/v1/webhooks/${hook.id}`, { method: 'PATCH', body: { active } }));
  const remove = (hook: Webhook) =>
    act(async () => {
      setConfirming(undefined);
      if (open === hook.id) setOpen(undefined);
      await api(`/api/v1/webhooks/${hook.id}`, { method: 'DELETE' });
    });

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
      <WebhookForm
        onCreated={(hook) => {
          setCreated(hook);
          void webhooks.reload();
        }}
      />
      <ActionError error={error} />
      {webhooks.error ? <ErrorState error={webhooks.error} retry={() => void webhooks.reload()} /> : null}
      {!webhooks.data && webhooks.loading ? <Loading /> : null}
      {webhooks.data && webhooks.data.items.length === 0 ? <Empty>{t('adminWebhooks.none')}</Empty> : null}
      {webhooks.data && webhooks.data.items.length > 0 ? (
        <table className="data-table webhooks-table">
          <thead>
            <tr>
              <th scope="col">{t('adminWebhooks.url')}</th>
              <th scope="col">{t('adminWebhooks.state')}</th>
              <th scope="col">{t('adminWebhooks.deliveries')}</th>
              <th scope="col">{t('adminUsers.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {webhooks.data.items.map((hook) => (
              <tr key={hook.id} className={hook.disabledAt ? 'row-inactive' : undefined}>
                <td data-label={t('adminWebhooks.url')}>
                  <span className="mono webhook-url">{hook.url}</span>
                  {hook.description ? <div className="muted small">{hook.description}</div> : null}
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
                    aria-label={t(hook.disabledAt ? 'adminWebhooks.enableOf' : 'adminWebhooks.disableOf', { url: hook.url })}
                    onClick={() => void setActive(hook, Boolean(hook.disabledAt))}
                  >
                    {t(hook.disabledAt ? 'adminWebhooks.enable' : 'adminWebhooks.disable')}
                  </button>
                  {confirming === hook.id ? (
                    <span className="confirm-delete" role="group" aria-label={t('adminWebhooks.confirmDelete', { url: hook.url })}>
                      <span className="small">{t('adminWebhooks.confirmDelete', { url: hook.url })}</span>{' '}
                      <button type="button" className="button button-danger" onClick={() => void remove(hook)}>
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
            ))}
          </tbody>
        </table>
      ) : null}
      {shown ? <Deliveries key={shown.id} webhook={shown} /> : null}
    </>
  );
}
