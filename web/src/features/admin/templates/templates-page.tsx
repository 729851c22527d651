import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { NewResponseTemplateBody } from '../../../../../src/contract/response-templates.js';
import { responseTemplatePlaceholders, responseTemplateUses } from '../../../../../src/core/response-templates.js';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { ResponseTemplate } from '../../../api/types';
import { FormFailure } from '../../../forms/form-failure';
import { useSchemaForm } from '../../../forms/use-schema-form';
import { useFormat } from '../../../session/formatters';
import { useCurrentPlan } from '../../../session/plans';
import { Field } from '../../../ui/field';
import { PageTitle } from '../../../ui/page-title';
import { ResourceTable } from '../../../ui/resource-table';
import { ActionError } from '../../../ui/states';

const templatesQuery = queryOptions({
  queryKey: queryKeys.responseTemplates,
  queryFn: ({ signal }): Promise<{ items: ResponseTemplate[] }> => ok(client.GET('/api/v1/response-templates', { params: { query: { all: true } }, signal })),
});

type Values = { name: string; use: Static<typeof NewResponseTemplateBody>['use']; category: string; body: { zh: string; en: string } };
const empty: Values = { name: '', use: 'answer', category: '', body: { zh: '', en: '' } };
const toBody = (values: Values): Static<typeof NewResponseTemplateBody> => ({ name: values.name, use: values.use, category: values.category === '' ? null : values.category, body: values.body });

/** The office's response templates (答复模板): texts per category and use, with placeholders, chosen when an answer is written. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const plan = useCurrentPlan();
  const queryClient = useQueryClient();
  const templates = useQuery(templatesQuery);
  const categories = plan?.document.categories ?? [];
  const categoryName = (code: string | null) => (code === null ? t('adminTemplates.everyCategory') : format.text(categories.find((item) => item.code === code)?.name ?? { zh: code, en: code }));
  const create = useMutation({
    mutationFn: (body: Static<typeof NewResponseTemplateBody>) => ok(client.POST('/api/v1/response-templates', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.responseTemplates }),
  });
  const { form, failure, onSubmit } = useSchemaForm({
    schema: NewResponseTemplateBody,
    defaultValues: empty,
    toBody,
    send: async (body) => {
      await create.mutateAsync(body);
      form.reset(empty);
    },
  });
  const toggle = useMutation({
    mutationFn: (template: ResponseTemplate) => ok(client.PATCH('/api/v1/response-templates/{id}', { params: { path: { id: template.id } }, body: { active: !template.active } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.responseTemplates }),
  });
  const busy = form.formState.isSubmitting;
  const errors = form.formState.errors;
  return (
    <>
      <PageTitle title={t('adminTemplates.title')}>{t('adminTemplates.title')}</PageTitle>
      <p className="muted">{t('adminTemplates.intro', { placeholders: responseTemplatePlaceholders.map((name) => `{{${name}}}`).join(' ') })}</p>
      <form className="admin-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('adminTemplates.create')}>
        <Field label={t('adminTemplates.name')} error={errors.name} required>
          {(control) => <input {...control} autoComplete="off" {...form.register('name')} />}
        </Field>
        <Field label={t('adminTemplates.use')} error={errors.use} required>
          {(control) => (
            <select {...control} {...form.register('use')}>
              {responseTemplateUses.map((use) => (
                <option key={use} value={use}>
                  {t(`adminTemplates.uses.${use}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('register.category')} error={errors.category}>
          {(control) => (
            <select {...control} {...form.register('category')}>
              <option value="">{t('adminTemplates.everyCategory')}</option>
              {categories.map((item) => (
                <option key={item.code} value={item.code}>
                  {format.text(item.name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('adminTemplates.bodyZh')} error={errors.body?.zh} required>
          {(control) => <textarea {...control} rows={4} lang="zh" {...form.register('body.zh')} />}
        </Field>
        <Field label={t('adminTemplates.bodyEn')} error={errors.body?.en} required>
          {(control) => <textarea {...control} rows={4} lang="en" {...form.register('body.en')} />}
        </Field>
        <FormFailure failure={failure} problems={errors.root} />
        <p className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('adminTemplates.create')}
          </button>
        </p>
      </form>
      <ActionError error={toggle.error ?? undefined} />
      <ResourceTable
        query={templates}
        empty={t('adminTemplates.none')}
        columns={[t('adminTemplates.name'), t('adminTemplates.use'), t('register.category'), t('adminTemplates.text'), t('adminUsers.status'), t('adminUsers.actions')]}
        row={(template) => (
          <tr key={template.id} className={template.active ? undefined : 'row-inactive'}>
            <td data-label={t('adminTemplates.name')}>{template.name}</td>
            <td data-label={t('adminTemplates.use')}>{t(`adminTemplates.uses.${template.use}`)}</td>
            <td data-label={t('register.category')}>{categoryName(template.category)}</td>
            <td data-label={t('adminTemplates.text')} className="record-body">
              {format.text(template.body)}
            </td>
            <td data-label={t('adminUsers.status')}>{template.active ? t('adminUsers.active') : t('adminTemplates.inactive')}</td>
            <td data-label={t('adminUsers.actions')} className="row-actions">
              <button type="button" className="button button-quiet" onClick={() => toggle.mutate(template)}>
                {template.active ? t('adminTemplates.deactivate') : t('adminTemplates.reactivate')}
              </button>
            </td>
          </tr>
        )}
      />
    </>
  );
}
