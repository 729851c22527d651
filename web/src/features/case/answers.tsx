import { useTranslation } from 'react-i18next';
import { AnswerBody } from '../../../../src/contract/case-bodies.js';
import { client, ok } from '../../api/client';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { Field } from '../../ui/field';
import { roundKey } from '../reviews/round-key';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { hasDraft } from './drafts';
import { KeptDraft } from './kept-draft';
import { TemplatePicker, withTemplate } from './template-picker';

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
        use="answer"
        onInsert={(text) => form.setValue('body', withTemplate(form.getValues('body'), text), { shouldDirty: true })}
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
            {answer.reviewRound > 0 ? <span className="badge">{t(roundKey(answer.reviewRound))}</span> : null}
          </h3>
          <p className="record-body">{answer.body}</p>
        </article>
      ))}
      {mayAnswer ? <AnswerForm /> : null}
      {kept ? <KeptDraft form="answer" label={t('answers.body')} why={t('drafts.answerGone', { now: t(`stage.${detail.stage}`) })} /> : null}
    </section>
  );
}
