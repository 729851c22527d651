import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../../../src/core/types.js';
import { api, ApiError } from '../../../api/client';
import type { TotpPolicy, User } from '../../../api/types';
import { useResource } from '../../../api/use-resource';
import { useFormat } from '../../../session/formatters';
import { useSession } from '../../../session/session';
import { PageTitle } from '../../../ui/page-title';
import { ActionError, ErrorState, Loading } from '../../../ui/states';
import '../../account/account.css';
import { UserForm } from './user-form';

/** Which roles must use a second factor; admins are fixed on while the operator requires it. */
function SecondFactorPolicy() {
  const { t } = useTranslation();
  const policy = useResource<TotpPolicy>('/api/v1/auth/policy');
  const [error, setError] = useState<ApiError>();
  if (!policy.data) return policy.error ? <ErrorState error={policy.error} untitled /> : <Loading />;
  const current = policy.data;
  const toggle = async (role: Role, on: boolean) => {
    setError(undefined);
    const chosen = current.requiredRoles.filter((item) => item !== role && !(item === 'admin' && current.adminsByOperator));
    try {
      policy.set(await api<TotpPolicy>('/api/v1/auth/policy', { method: 'PUT', body: { requiredRoles: on ? [...chosen, role] : chosen } }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    }
  };
  return (
    <fieldset className="totp-policy">
      <legend>{t('adminUsers.totpPolicy')}</legend>
      {roles.map((role) => {
        const fixed = role === 'admin' && current.adminsByOperator;
        return (
          <label key={role} className="checkbox">
            <input type="checkbox" checked={current.requiredRoles.includes(role)} disabled={fixed} onChange={(event) => void toggle(role, event.target.checked)} />{' '}
            {t(`role.${role}`)}
            {fixed ? <span className="muted small"> {t('adminUsers.byOperator')}</span> : null}
          </label>
        );
      })}
      <ActionError error={error} />
    </fieldset>
  );
}

/** The admin's page of staff accounts: add, edit, deactivate, reactivate, reset a password. */
export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user: me } = useSession();
  const users = useResource<{ items: User[] }>('/api/v1/users');
  const [editing, setEditing] = useState<string | null>(null) /* a user's id, or 'new' */;
  const [oneTime, setOneTime] = useState<{ email: string; password: string }>();
  const [error, setError] = useState<ApiError>();

  const act = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
      await users.reload();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    }
  };
  const setActive = (user: User, active: boolean) => act(async () => void (await api(`/api/v1/users/${user.id}`, { method: 'PATCH', body: { active } })));
  const reset = (user: User) =>
    act(async () => {
      const { temporaryPassword } = await api<{ temporaryPassword: string }>(`/api/v1/users/${user.id}/reset-password`, { method: 'POST' });
      setOneTime({ email: user.email, password: temporaryPassword });
    });
  const clearTotp = (user: User) => act(async () => void (await api(`/api/v1/users/${user.id}/totp`, { method: 'DELETE' })));
  const saved = () => {
    setEditing(null);
    void users.reload();
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
      <ActionError error={error} />
      {editing === 'new' ? (
        <UserForm onSaved={saved} onCancel={() => setEditing(null)} />
      ) : (
        <p>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {t('adminUsers.addTitle')}
          </button>
        </p>
      )}
      {users.error ? <ErrorState error={users.error} retry={() => void users.reload()} /> : null}
      {users.data ? (
        <table className="data-table users-table">
          <thead>
            <tr>
              <th scope="col">{t('adminUsers.name')}</th>
              <th scope="col">{t('adminUsers.role')}</th>
              <th scope="col">{t('adminUsers.unit')}</th>
              <th scope="col">{t('adminUsers.status')}</th>
              <th scope="col">{t('adminUsers.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((user) =>
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
                        <button type="button" className="button button-quiet" aria-label={t('adminUsers.resetOf', { name: user.name })} onClick={() => void reset(user)}>
                          {t('adminUsers.reset')}
                        </button>
                        {user.totpEnabled ? (
                          <button type="button" className="button button-quiet" aria-label={t('adminUsers.clearTotpOf', { name: user.name })} onClick={() => void clearTotp(user)}>
                            {t('adminUsers.clearTotp')}
                          </button>
                        ) : null}
                        <button
                          type="button"
                          className="button button-quiet"
                          aria-label={t(user.active ? 'adminUsers.deactivateOf' : 'adminUsers.reactivateOf', { name: user.name })}
                          onClick={() => void setActive(user, !user.active)}
                        >
                          {t(user.active ? 'adminUsers.deactivate' : 'adminUsers.reactivate')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      ) : users.loading ? (
        <Loading />
      ) : null}
      <SecondFactorPolicy />
    </>
  );
}
