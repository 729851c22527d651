import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Credential } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { useFormat } from '../../session/formatters';
import { ActionError, Empty, ErrorState, Loading } from '../../ui/states';

/** A user's sessions or tokens, each with a button that ends it at once. */
export function CredentialsList({ userId, kind, reloadKey = 0 }: { userId: string; kind: 'session' | 'token'; reloadKey?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const path = `/api/v1/users/${userId}/${kind}s?v=${reloadKey}`;
  const list = useResource<{ items: Credential[] }>(path);
  const [error, setError] = useState<ApiError>();

  const end = async (item: Credential) => {
    setError(undefined);
    try {
      await api(`/api/v1/users/${userId}/${kind}s/${item.id}`, { method: 'DELETE' });
      await list.reload();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    }
  };

  if (list.error) return <ErrorState error={list.error} retry={() => void list.reload()} untitled />;
  if (!list.data) return <Loading />;
  if (list.data.items.length === 0) return <Empty>{t(kind === 'session' ? 'account.sessions.none' : 'account.tokens.none')}</Empty>;
  return (
    <>
      <ActionError error={error} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t(kind === 'session' ? 'account.sessions.where' : 'account.tokens.name')}</th>
            <th scope="col">{t('account.created')}</th>
            <th scope="col">{t('account.lastUsed')}</th>
            <th scope="col">{t('account.expires')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('account.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.data.items.map((item) => (
            <tr key={item.id}>
              <td data-label={t(kind === 'session' ? 'account.sessions.where' : 'account.tokens.name')}>
                {kind === 'session' ? (
                  <>
                    <span className="mono">{item.client ?? '—'}</span>
                    {item.current ? <span className="badge account-current"> {t('account.sessions.current')}</span> : null}
                    <div className="muted small">{item.userAgent ?? ''}</div>
                  </>
                ) : (
                  item.name
                )}
              </td>
              <td data-label={t('account.created')}>{format.dateTime(item.createdAt)}</td>
              <td data-label={t('account.lastUsed')}>{item.lastUsedAt ? format.dateTime(item.lastUsedAt) : '—'}</td>
              <td data-label={t('account.expires')}>{item.expiresAt ? format.dateTime(item.expiresAt) : '—'}</td>
              <td>
                <button type="button" className="button button-quiet" onClick={() => void end(item)}>
                  {t(kind === 'session' ? 'account.sessions.end' : 'account.tokens.revoke')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
