import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Credential } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { ResourceTable } from '../../ui/resource-table';
import { ActionError } from '../../ui/states';

/** A user's sessions or API tokens. */
export function credentialsQuery(userId: string, kind: 'session' | 'token') {
  return queryOptions({
    queryKey: queryKeys.credentials(userId, kind),
    queryFn: ({ signal }): Promise<{ items: Credential[] }> => {
      const path = { params: { path: { id: userId } }, signal };
      return ok(kind === 'session' ? client.GET('/api/v1/users/{id}/sessions', path) : client.GET('/api/v1/users/{id}/tokens', path));
    },
  });
}

/** A user's sessions or tokens, each with a button that ends it at once. */
export function CredentialsList({ userId, kind }: { userId: string; kind: 'session' | 'token' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const list = useQuery(credentialsQuery(userId, kind));
  const end = useMutation({
    mutationFn: (item: Credential) => {
      const path = { params: { path: { id: userId, credentialId: item.id } } };
      return ok(kind === 'session' ? client.DELETE('/api/v1/users/{id}/sessions/{credentialId}', path) : client.DELETE('/api/v1/users/{id}/tokens/{credentialId}', path));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.credentials(userId, kind) }),
  });
  const nameColumn = t(kind === 'session' ? 'account.sessions.where' : 'account.tokens.name');

  return (
    <>
      {list.data && list.data.items.length > 0 ? <ActionError error={end.error ?? undefined} /> : null}
      <ResourceTable
        query={list}
        untitledError
        empty={t(kind === 'session' ? 'account.sessions.none' : 'account.tokens.none')}
        columns={[nameColumn, t('account.created'), t('account.lastUsed'), t('account.expires'), <span className="visually-hidden">{t('account.actions')}</span>]}
        row={(item) => (
          <tr key={item.id}>
            <td data-label={nameColumn}>
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
              <button type="button" className="button button-quiet" onClick={() => end.mutate(item)}>
                {t(kind === 'session' ? 'account.sessions.end' : 'account.tokens.revoke')}
              </button>
            </td>
          </tr>
        )}
      />
    </>
  );
}
