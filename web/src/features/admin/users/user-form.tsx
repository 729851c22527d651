import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../../../src/core/types.js';
import { client, ok } from '../../../api/client';
import type { User } from '../../../api/types';
import { useFormat } from '../../../session/formatters';
import { useSession } from '../../../session/session';
import { Field } from '../../../ui/field';
import { ActionError } from '../../../ui/states';
import { passwordError } from '../../account/password-words';

interface Draft {
  email: string;
  name: string;
  role: Role;
  unitId: string;
  language: 'zh' | 'en';
  password: string;
}

/** Adds a user (with a first password they must change) or edits one (name, role, unit, language). */
export function UserForm({ user, onSaved, onCancel }: { user?: User; onSaved: (user: User) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { units } = useSession();
  const format = useFormat();
  const [draft, setDraft] = useState<Draft>({
    email: user?.email ?? '',
    name: user?.name ?? '',
    role: user?.role ?? 'unit_officer',
    unitId: user?.unitId ?? '',
    language: user?.language ?? 'zh',
    password: '',
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const save = useMutation({
    mutationFn: (): Promise<User> => {
      const common = { name: draft.name, role: draft.role, unitId: draft.unitId || null, language: draft.language };
      return user
        ? ok(client.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: common }))
        : ok(client.POST('/api/v1/users', { body: { ...common, email: draft.email, password: draft.password } }));
    },
    onSuccess: onSaved,
  });
  const error = save.error ?? undefined;
  const busy = save.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const errorOn = (field: string) => (error?.field === field ? (field === 'password' ? passwordError(t, error) : error.message) : undefined);
  const shownFields = ['email', 'name', 'role', 'unitId', 'language', 'password'];

  return (
    <form className="account-form user-form" onSubmit={submit} noValidate aria-label={t(user ? 'adminUsers.editTitle' : 'adminUsers.addTitle')}>
      {user ? null : (
        <Field label={t('adminUsers.email')} error={errorOn('email')} required>
          {(control) => <input {...control} type="email" autoComplete="off" value={draft.email} onChange={(event) => set('email', event.target.value)} />}
        </Field>
      )}
      <Field label={t('adminUsers.name')} error={errorOn('name')} required>
        {(control) => <input {...control} value={draft.name} onChange={(event) => set('name', event.target.value)} />}
      </Field>
      <Field label={t('adminUsers.role')} error={errorOn('role')} required>
        {(control) => (
          <select {...control} value={draft.role} onChange={(event) => set('role', event.target.value as Role)}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('adminUsers.unit')} hint={t('adminUsers.unitHint')} error={errorOn('unitId')} required={draft.role === 'unit_officer'}>
        {(control) => (
          <select {...control} value={draft.unitId} onChange={(event) => set('unitId', event.target.value)}>
            <option value="">{t('adminUsers.noUnit')}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {format.unit(unit.id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('adminUsers.language')} error={errorOn('language')} required>
        {(control) => (
          <select {...control} value={draft.language} onChange={(event) => set('language', event.target.value as 'zh' | 'en')}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        )}
      </Field>
      {user ? null : (
        <Field label={t('adminUsers.firstPassword')} hint={t('adminUsers.firstPasswordHint')} error={errorOn('password')} required>
          {(control) => <input {...control} type="text" autoComplete="off" value={draft.password} onChange={(event) => set('password', event.target.value)} />}
        </Field>
      )}
      <ActionError error={error && !shownFields.includes(error.field ?? '') ? error : undefined} />
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t(user ? 'common.save' : 'adminUsers.add')}
        </button>{' '}
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
