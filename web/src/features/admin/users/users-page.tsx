import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../../../src/core/types.js';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { TotpPolicy, User } from '../../../api/types';
import { useFormat } from '../../../session/formatters';
import { useSession } from '../../../session/session';
import { PageTitle } from '../../../ui/page-title';
import { ResourceTable } from '../../../ui/resource-table';
import { ActionError, ErrorState, Loading } from '../../../ui/states';
import '../../account/account.css';
import { UserForm } from './user-form';
import { usersQuery } from './users-query';

const policyQuery = queryOptions({
  queryKey: queryKeys.totpPolicy,
  queryFn: ({ signal }): Promise<TotpPolicy> => ok(client.GET('/api/v1/auth/policy', { signal })),
});

/** What an admin does to an account from its row. */
type Change = 'activate' | 'deactivate' | 'reset' | 'clearTotp';

/** Which roles must use a second factor; admins are fixed on while the operator requires it. */
function SecondFactorPolicy() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const policy = useQuery(policyQuery);
  const save = useMutation({
    mutationFn: (requiredRoles: Role[]): Promise<TotpPolicy> => ok(client.PUT('/api/v1/auth/policy', { body: { requiredRoles } })),
    onSuccess: (saved) => queryClient.setQueryData(policyQuery.queryKey, saved),
  });
  if (!policy.data) return policy.error ? <ErrorState error={policy.error} untitled /> : <Loading />;
  const current = policy.data;
  const toggle = (role: Role, on: boolean) => {
    const chosen = current.requiredRoles.filter((item) => item !== role && !(item === 'admin' && current.adminsByOperator));
    save.mutate(on ? [...chosen, role] : chosen);
  };
  return (
    <fieldset className="totp-policy">
      <legend>{t('adminUsers.totpPolicy')}</legend>
      {roles.map((role) => {
        const fixed = role === 'admin' && current.adminsByOperator;
        return (
          <label key={role} className="checkbox">
            <input type="checkbox" checked={current.requiredRoles.includes(role)} disabled={fixed} onChange={(event) => toggle(role, event.target.checked)} />{' '}
            {t(`role.${role}`)}
            {fixed ? <span className="muted small"> {t('adminUsers.byOperator')}</span> : null}
          </label>
        );
      })}
      <ActionError error={save.error ?? undefined} />
    </fieldset>
  );
}

/** The admin's page of staff accounts: add, edit, deactivate, reactivate, reset a password. */
export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user: me } = useSession();
  const queryClient = useQueryClient();
  const users = useQuery(usersQuery);
  const [editing, setEditing] = useState<string | null>(null) /* a user's id, or 'new' */;
  const [oneTime, setOneTime] = useState<{ email: string; password: string }>();
  const reload = () => queryClient.invalidateQueries({ queryKey: queryKeys.users });
  const change = useMutation({
    /** Answers the temporary password after a reset, to be shown once. */
    mutationFn: async ({ user, to }: { user: User; to: Change }): Promise<string | undefined> => {
      const path = { params: { path: { id: user.id } } };
      if (to === 'reset') return (await ok(client.POST('/api/v1/users/{id}/reset-password', path))).temporaryPassword;
      if (to === 'clearTotp') await ok(client.DELETE('/api/v1/users/{id}/totp', path));
      else await ok(client.PATCH('/api/v1/users/{id}', { ...path, body: { active: to === 'activate' } }));
      return undefined;
    },
    onSuccess: (password, { user }) => {
      if (password) setOneTime({ email: user.email, password });
      return reload();
    },
  });
  const act = (user: User, to: Change) => change.mutate({ user, to });
  const saved = () => {
    setEditing(null);
    void reload();
  };

  return (
    <>
      <PageTitle title={t('adminUsers.title')}>{t('adminUsers.title')}</PageTitle>
      <p className="muted">{t('adminUsers.intro')}</p>
      {oneTime ? (
        <div className="notice notice-info one-time" role="status">
          <p>{t('adminUsers.oneTime', { email: oneTime.email })}</p>
          <code className="mono token-secret">{oneTime.password}</code>
          <p>
            <button type="button" className="button button-quiet" onClick={() => setOneTime(undefined)}>
              {t('adminUsers.oneTimeDone')}
            </button>
          </p>
        </div>
      ) : null}
      <ActionError error={change.error ?? undefined} />
      {editing === 'new' ? (
        <UserForm onSaved={saved} onCancel={() => setEditing(null)} />
      ) : (
        <p>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {t('adminUsers.addTitle')}
          </button>
        </p>
      )}
      <ResourceTable
        query={users}
        className="data-table users-table"
        columns={[t('adminUsers.name'), t('adminUsers.role'), t('adminUsers.unit'), t('adminUsers.status'), t('adminUsers.actions')]}
        row={(user) =>
          editing === user.id ? (
            <tr key={user.id}>
              <td colSpan={5}>
                <UserForm user={user} onSaved={saved} onCancel={() => setEditing(null)} />
              </td>
            </tr>
          ) : (
            <tr key={user.id} className={user.active ? undefined : 'row-inactive'}>
              <td data-label={t('adminUsers.name')}>
                {user.name}
                <div className="muted small">{user.email}</div>
              </td>
              <td data-label={t('adminUsers.role')}>{t(`role.${user.role}`)}</td>
              <td data-label={t('adminUsers.unit')}>{user.unitId ? format.unit(user.unitId) : '—'}</td>
              <td data-label={t('adminUsers.status')}>
                {t(user.active ? 'adminUsers.active' : 'adminUsers.inactive')}
                <div className="muted small">
                  {t(user.totpEnabled ? 'adminUsers.totpOn' : 'adminUsers.totpOff')}
                  {user.mustChangePassword ? ` · ${t('adminUsers.mustChange')}` : ''}
                </div>
              </td>
              <td data-label={t('adminUsers.actions')} className="row-actions">
                <button type="button" className="button button-quiet" aria-label={t('adminUsers.editOf', { name: user.name })} onClick={() => setEditing(user.id)}>
                  {t('adminUsers.edit')}
                </button>
                {user.id === me.id ? null : (
                  <>
                    <button type="button" className="button button-quiet" aria-label={t('adminUsers.resetOf', { name: user.name })} onClick={() => act(user, 'reset')}>
                      {t('adminUsers.reset')}
                    </button>
                    {user.totpEnabled ? (
                      <button type="button" className="button button-quiet" aria-label={t('adminUsers.clearTotpOf', { name: user.name })} onClick={() => act(user, 'clearTotp')}>
                        {t('adminUsers.clearTotp')}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-label={t(user.active ? 'adminUsers.deactivateOf' : 'adminUsers.reactivateOf', { name: user.name })}
                      onClick={() => act(user, user.active ? 'deactivate' : 'activate')}
                    >
                      {t(user.active ? 'adminUsers.deactivate' : 'adminUsers.reactivate')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          )
        }
      />
      <SecondFactorPolicy />
    </>
  );
}
