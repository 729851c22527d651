import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static, TSchema } from 'typebox';
import { CreateUserBody, UpdateUserBody } from '../../../../../src/contract/admin-bodies.js';
import { roles, type Role } from '../../../../../src/core/types.js';
import { client, ok } from '../../../api/client';
import type { User } from '../../../api/types';
import { FormFailure } from '../../../forms/form-failure';
import { useSchemaForm, type SchemaForm } from '../../../forms/use-schema-form';
import { useFormat } from '../../../session/formatters';
import { useSession } from '../../../session/session';
import { Field } from '../../../ui/field';
import { passwordWords } from '../../account/password-words';
import { holdRefusal, refusalText } from '../../account/refusals';

interface Values {
  email: string;
  name: string;
  role: Role;
  unitId: string;
  language: 'zh' | 'en';
  password: string;
}

const common = (values: Values) => ({ name: values.name, role: values.role, unitId: values.unitId || null, language: values.language });
const toNewUser = (values: Values): Static<typeof CreateUserBody> => ({ ...common(values), email: values.email, password: values.password });
const toChanges = (values: Values): Static<typeof UpdateUserBody> => common(values);

interface FormProps {
  onSaved: (user: User) => void;
  onCancel: () => void;
}

/** Adds a user (with a first password they must change) or edits one (name, role, unit, language). */
export function UserForm({ user, ...props }: FormProps & { user?: User }) {
  return user ? <EditUserForm user={user} {...props} /> : <NewUserForm {...props} />;
}

function NewUserForm({ onSaved, onCancel }: FormProps) {
  const create = useMutation({ mutationFn: (body: Static<typeof CreateUserBody>): Promise<User> => ok(client.POST('/api/v1/users', { body })) });
  const schemaForm = useSchemaForm<typeof CreateUserBody, Values>({
    schema: CreateUserBody,
    defaultValues: { email: '', name: '', role: 'unit_officer', unitId: '', language: 'zh', password: '' },
    toBody: toNewUser,
    send: async (body) => {
      try {
        onSaved(await create.mutateAsync(body));
      } catch (caught) {
        // A first password the policy refuses says why (too short, too common…).
        if (!holdRefusal(schemaForm.form, caught, ['password'])) throw caught;
      }
    },
  });
  return <UserFields {...schemaForm} isNew onCancel={onCancel} />;
}

function EditUserForm({ user, onSaved, onCancel }: FormProps & { user: User }) {
  const save = useMutation({
    mutationFn: (body: Static<typeof UpdateUserBody>): Promise<User> => ok(client.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body })),
  });
  const schemaForm = useSchemaForm<typeof UpdateUserBody, Values>({
    schema: UpdateUserBody,
    defaultValues: { email: user.email, name: user.name, role: user.role, unitId: user.unitId ?? '', language: user.language, password: '' },
    toBody: toChanges,
    send: async (body) => onSaved(await save.mutateAsync(body)),
  });
  return <UserFields {...schemaForm} onCancel={onCancel} />;
}

/** The fields of a user, each with its problem beside it. */
function UserFields<S extends TSchema>({
  form,
  failure,
  onSubmit,
  isNew = false,
  onCancel,
}: Pick<SchemaForm<S, Values>, 'form' | 'failure' | 'onSubmit'> & { isNew?: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  const { units } = useSession();
  const format = useFormat();
  const { errors, isSubmitting } = form.formState;
  const role = form.watch('role');

  return (
    <form className="account-form user-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t(isNew ? 'adminUsers.addTitle' : 'adminUsers.editTitle')}>
      {isNew ? (
        <Field label={t('adminUsers.email')} error={errors.email} required>
          {(control) => <input {...control} type="email" autoComplete="off" {...form.register('email')} />}
        </Field>
      ) : null}
      <Field label={t('adminUsers.name')} error={errors.name} required>
        {(control) => <input {...control} {...form.register('name')} />}
      </Field>
      <Field label={t('adminUsers.role')} error={errors.role} required>
        {(control) => (
          <select {...control} {...form.register('role')}>
            {roles.map((choice) => (
              <option key={choice} value={choice}>
                {t(`role.${choice}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('adminUsers.unit')} hint={t('adminUsers.unitHint')} error={errors.unitId} required={role === 'unit_officer'}>
        {(control) => (
          <select {...control} {...form.register('unitId')}>
            <option value="">{t('adminUsers.noUnit')}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {format.unit(unit.id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('adminUsers.language')} error={errors.language} required>
        {(control) => (
          <select {...control} {...form.register('language')}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        )}
      </Field>
      {isNew ? (
        <Field label={t('adminUsers.firstPassword')} hint={t('adminUsers.firstPasswordHint')} error={refusalText(errors.password, (reason) => passwordWords(t, reason))} required>
          {(control) => <input {...control} type="text" autoComplete="off" {...form.register('password')} />}
        </Field>
      ) : null}
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? t('common.saving') : t(isNew ? 'adminUsers.add' : 'common.save')}
        </button>{' '}
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
