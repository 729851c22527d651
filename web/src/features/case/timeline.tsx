import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../session/formatters';
import { Field, errorFor } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { useCase, useCaseAction } from './case-context';
import { useDraft } from './drafts';
import { eventText } from './event-text';

function NoteForm() {
  const { t } = useTranslation();
  const action = useCaseAction();
  const { detail } = useCase();
  const [body, setBody, clearBody] = useDraft(detail.id, 'note');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run('/notes', { body })) clearBody();
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('timeline.addNote')} error={errorFor(action.error, 'body')} required>
        {(control) => <textarea {...control} rows={2} value={body} onChange={(event) => setBody(event.target.value)} />}
      </Field>
      {action.error && !action.error.field ? <ActionError error={action.error} /> : null}
      <button type="submit" className="button" disabled={action.busy}>
        {t('timeline.saveNote')}
      </button>
    </form>
  );
}

/** The full timeline, oldest first, as the office will read it when accounting for the case. */
export function Timeline() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail, events } = useCase();
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timeline.title')}</h2>
      <ol className="timeline">
        {events.map((event) => {
          const said = eventText(t, event, format.unit, format.text, format.dateTime);
          return (
            <li key={event.id} className={`timeline-item type-${event.type.replace(/\W/g, '-')}`}>
              <p className="timeline-when">
                <time dateTime={event.at}>{format.dateTime(event.at)}</time>
                {event.actorName ? <span className="timeline-who"> · {event.actorName}</span> : null}
              </p>
              <p className="timeline-what">
                {said.title}
                {said.late ? <span className="badge deadline-missed">{t('deadline.late')}</span> : null}
              </p>
              {said.body ? <p className="timeline-body">{said.body}</p> : null}
            </li>
          );
        })}
      </ol>
      {detail.abilities['case.note'] ? <NoteForm /> : null}
    </section>
  );
}
