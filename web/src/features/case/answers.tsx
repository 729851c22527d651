import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../session/formatters';
import { errorFor, Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { useCase, useCaseAction } from './case-context';

function AnswerForm() {
  const { t } = useTranslation();
  const action = useCaseAction();
  const [body, setBody] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run('/answers', { body })) setBody('');
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('answers.body')} required hint={t('answers.public')} error={errorFor(action.error, 'body')}>
        {(control) => <textarea {...control} rows={5} value={body} onChange={(event) => setBody(event.target.value)} />}
      </Field>
      {action.error && !action.error.field ? <ActionError error={action.error} /> : null}
      <button type="submit" className="button button-primary" disabled={action.busy}>
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
  if (detail.answers.length === 0 && !mayAnswer) return null;
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
    </section>
  );
}
