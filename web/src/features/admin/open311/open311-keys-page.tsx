import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import type { NewOpen311Key, Open311Key } from '../../../api/types';
import { useResource } from '../../../api/use-resource';
import { useFormat } from '../../../session/formatters';
import { errorFor, Field } from '../../../ui/field';
import { PageTitle } from '../../../ui/page-title';
import { ActionError, Empty, ErrorState, Loading } from '../../../ui/states';

const asApiError = (caught: unknown) => (caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));

/** The keys Open311 clients (a hotline's system, a city app) post service requests with: issue one, shown once; revoke one. */
export function Open311KeysPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const keys = useResource<{ items: Open311Key[] }>('/api/v1/open311/keys');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<NewOpen311Key>();
  const [formError, setFormError] = useState<ApiError>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFormError(undefined);
    try {
      setCreated(await api<NewOpen311Key>('/api/v1/open311/keys', { body: { name } }));
      setName('');
      await keys.reload();
    } catch (caught) {
      setFormError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (key: Open311Key) => {
    setError(undefined);
    try {
      await api(`/api/v1/open311/keys/${key.id}/revoke`, { method: 'POST' });
    } catch (caught) {
      setError(asApiError(caught));
    }
    await keys.reload();
  };

  return (
    <>
      <PageTitle title={t('adminOpen311.title')}>{t('adminOpen311.title')}</PageTitle>
      <p className="muted">{t('adminOpen311.intro')}</p>
      {created ? (
        <div className="admin-secret" role="status">
          <p>{t('adminOpen311.shownOnce', { name: created.name })}</p>
          <code className="mono open311-key">{created.key}</code>
          <p>
            <button type="button" className="button button-quiet" onClick={() => setCreated(undefined)}>
              {t('adminUsers.oneTimeDone')}
            </button>
          </p>
        </div>
      ) : null}
      <form className="admin-form" onSubmit={(event) => void create(event)} noValidate aria-label={t('adminOpen311.create')}>
        <Field label={t('adminOpen311.name')} hint={t('adminOpen311.nameHint')} error={errorFor(formError, 'name')} required>
          {(control) => <input {...control} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <ActionError error={formError && !errorFor(formError, 'name') ? formError : undefined} />
        <p className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('adminOpen311.create')}
          </button>
        </p>
      </form>
      <ActionError error={error} />
      {keys.error ? <ErrorState error={keys.error} retry={() => void keys.reload()} /> : null}
      {!keys.data && keys.loading ? <Loading /> : null}
      {keys.data && keys.data.items.length === 0 ? <Empty>{t('adminOpen311.none')}</Empty> : null}
      {keys.data && keys.data.items.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('adminOpen311.name')}</th>
              <th scope="col">{t('account.created')}</th>
              <th scope="col">{t('account.lastUsed')}</th>
              <th scope="col">{t('adminUsers.status')}</th>
              <th scope="col">{t('adminUsers.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.items.map((key) => (
              <tr key={key.id} className={key.revokedAt ? 'row-inactive' : undefined}>
                <td data-label={t('adminOpen311.name')}>{key.name}</td>
                <td data-label={t('account.created')}>{format.dateTime(key.createdAt)}</td>
                <td data-label={t('account.lastUsed')}>{key.lastUsedAt ? format.dateTime(key.lastUsedAt) : '—'}</td>
                <td data-label={t('adminUsers.status')}>{key.revokedAt ? t('adminOpen311.revokedAt', { time: format.dateTime(key.revokedAt) }) : t('adminUsers.active')}</td>
                <td data-label={t('adminUsers.actions')} className="row-actions">
                  {key.revokedAt ? (
                    '—'
                  ) : (
                    <button type="button" className="button button-quiet" aria-label={t('adminOpen311.revokeOf', { name: key.name })} onClick={() => void revoke(key)}>
                      {t('account.tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
