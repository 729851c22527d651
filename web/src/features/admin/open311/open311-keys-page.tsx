import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { CreateOpen311KeyBody } from '../../../../../src/contract/admin-bodies.js';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { NewOpen311Key, Open311Key } from '../../../api/types';
import { FormFailure } from '../../../forms/form-failure';
import { useSchemaForm } from '../../../forms/use-schema-form';
import { useFormat } from '../../../session/formatters';
import { Field } from '../../../ui/field';
import { PageTitle } from '../../../ui/page-title';
import { ResourceTable } from '../../../ui/resource-table';
import { ActionError } from '../../../ui/states';

const keysQuery = queryOptions({
  queryKey: queryKeys.open311Keys,
  queryFn: ({ signal }): Promise<{ items: Open311Key[] }> => ok(client.GET('/api/v1/open311/keys', { signal })),
});

const toBody = (values: { name: string }): Static<typeof CreateOpen311KeyBody> => ({ name: values.name });

/** The keys Open311 clients (a hotline's system, a city app) post service requests with: issue one, shown once; revoke one. */
export function Open311KeysPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const keys = useQuery(keysQuery);
  const [created, setCreated] = useState<NewOpen311Key>();
  const issue = useMutation({
    mutationFn: (body: Static<typeof CreateOpen311KeyBody>): Promise<NewOpen311Key> => ok(client.POST('/api/v1/open311/keys', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.open311Keys }),
  });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: CreateOpen311KeyBody,
    defaultValues: { name: '' },
    toBody,
    send: async (body) => {
      setCreated(await issue.mutateAsync(body));
      form.reset({ name: '' });
    },
  });
  const revoke = useMutation({
    mutationFn: (key: Open311Key) => ok(client.POST('/api/v1/open311/keys/{id}/revoke', { params: { path: { id: key.id } } })),
    // Whether it worked or not (revoked meanwhile elsewhere), the list shows how the keys stand.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.open311Keys }),
  });
  const busy = form.formState.isSubmitting;

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
      <form className="admin-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('adminOpen311.create')}>
        <Field label={t('adminOpen311.name')} hint={t('adminOpen311.nameHint')} error={form.formState.errors.name} required>
          {(control) => <input {...control} autoComplete="off" {...form.register('name')} />}
        </Field>
        <FormFailure failure={failure} problems={form.formState.errors.root} />
        <p className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('adminOpen311.create')}
          </button>
        </p>
      </form>
      <ActionError error={revoke.error ?? undefined} />
      <ResourceTable
        query={keys}
        empty={t('adminOpen311.none')}
        columns={[t('adminOpen311.name'), t('account.created'), t('account.lastUsed'), t('adminUsers.status'), t('adminUsers.actions')]}
        row={(key) => (
          <tr key={key.id} className={key.revokedAt ? 'row-inactive' : undefined}>
            <td data-label={t('adminOpen311.name')}>{key.name}</td>
            <td data-label={t('account.created')}>{format.dateTime(key.createdAt)}</td>
            <td data-label={t('account.lastUsed')}>{key.lastUsedAt ? format.dateTime(key.lastUsedAt) : '—'}</td>
            <td data-label={t('adminUsers.status')}>{key.revokedAt ? t('adminOpen311.revokedAt', { time: format.dateTime(key.revokedAt) }) : t('adminUsers.active')}</td>
            <td data-label={t('adminUsers.actions')} className="row-actions">
              {key.revokedAt ? (
                '—'
              ) : (
                <button type="button" className="button button-quiet" aria-label={t('adminOpen311.revokeOf', { name: key.name })} onClick={() => revoke.mutate(key)}>
                  {t('account.tokens.revoke')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}
