import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseTemplateUse } from '../../../../src/core/response-templates.js';
import { client, ok } from '../../api/client';
import type { FilledTemplate } from '../../api/types';
import { Field } from '../../ui/field';
import { useCase } from './case-context';

/** A text with a template's text added: the template alone in an empty field, else on a new line after what is there. */
export function withTemplate(current: string, text: string): string {
  return current.trim() === '' ? text : `${current}\n${text}`;
}

/** The office's response templates for one use that serve this case's category, filled in for it: one is put into the text being written. */
export function TemplatePicker({ use, onInsert }: { use: ResponseTemplateUse; onInsert: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const { detail } = useCase();
  const [chosen, setChosen] = useState('');
  const templates = useQuery({
    queryKey: ['cases', detail.id, 'response-templates', use],
    queryFn: ({ signal }): Promise<{ items: FilledTemplate[] }> =>
      ok(client.GET('/api/v1/cases/{id}/response-templates', { params: { path: { id: detail.id }, query: { use } }, signal })),
  });
  const items = templates.data?.items ?? [];
  if (items.length === 0) return null;
  const template = items.find((item) => item.id === chosen);
  return (
    <div className="template-picker">
      <Field label={t('adminTemplates.pick')}>
        {(control) => (
          <select {...control} value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">{t('adminTemplates.pickNone')}</option>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="button" className="button button-quiet" disabled={!template} onClick={() => template && onInsert(i18n.language.startsWith('en') ? template.text.en : template.text.zh)}>
        {t('adminTemplates.insert')}
      </button>
    </div>
  );
}
