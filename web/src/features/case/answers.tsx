import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnswerBody } from '../../../../src/contract/case-bodies.js';
import { client, ok } from '../../api/client';
import type { FilledTemplate } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { Field } from '../../ui/field';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { hasDraft } from './drafts';
import { KeptDraft } from './kept-draft';

/** The office's response templates for this case's category, filled in for it: one is put into the answer being written. */
function TemplatePicker({ onInsert }: { onInsert: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const { detail } = useCase();
  const [chosen, setChosen] = useState('');
  const templates = useQuery({
    queryKey: ['cases', detail.id, 'response-templates', 'answer'],
    queryFn: ({ signal }): Promise<{ items: FilledTemplate[] }> =>
      ok(client.GET('/api/v1/cases/{id}/response-templates', { params: { path: { id: detail.id }, query: { use: 'answer' } }, signal })),
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

function AnswerForm() {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: AnswerBody,
    empty: { body: '', facts: '', basis: '' },
    kept: { body: 'answer' },
    toBody: (values) => ({ body: values.body, facts: values.facts ?? '', basis: values.basis ?? '' }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/answers', { params: { path: { id } }, body })),
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <TemplatePicker
        onInsert={(text) => {
          const current = form.getValues('body');
          form.setValue('body', current.trim() === '' ? text : `${current}\n${text}`, { shouldDirty: true });
        }}
      />
      <Field label={t('answers.body')} required hint={t('answers.public')} error={form.formState.errors.body}>
        {(control) => <textarea {...control} rows={5} {...form.register('body')} />}
      </Field>
      <Field label={t('answers.facts')} hint={t('answers.opinion')} error={form.formState.errors.facts}>
        {(control) => <textarea {...control} rows={3} {...form.register('facts')} />}
      </Field>
      <Field label={t('answers.basis')} error={form.formState.errors.basis}>
        {(control) => <textarea {...control} rows={2} {...form.register('basis')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('answers.save')}
      </button>
    </form>
  );
}

/** The official written answers (public to the petitioner); given in resolution or review. */
export function Answers() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const mayAnswer = detail.abilities['case.answer'] && (detail.stage === 'resolution' || detail.stage === 'review');
  // An answer being written when someone else moved the case on is kept, not dropped with its form.
  const kept = !mayAnswer && hasDraft(detail.id, 'answer');
  if (detail.answers.length === 0 && !mayAnswer && !kept) return null;
  return (
    <section className="card" aria-labelledby="answers-heading">
      <h2 id="answers-heading">{t('answers.title')}</h2>
      {detail.answers.length === 0 ? <p className="muted">{t('answers.none')}</p> : null}
      {detail.answers.map((answer) => (
        <article key={answer.id} className="record">
          <h3>
            <time dateTime={answer.createdAt}>{format.dateTime(answer.createdAt)}</time>
            {answer.reviewRound > 0 ? <span className="badge">{t('answers.reviewRound', { round: answer.reviewRound })}</span> : null}
          </h3>
          <p className="record-body">{answer.body}</p>
        </article>
      ))}
      {mayAnswer ? <AnswerForm /> : null}
      {kept ? <KeptDraft form="answer" label={t('answers.body')} why={t('drafts.answerGone', { now: t(`stage.${detail.stage}`) })} /> : null}
    </section>
  );
}
