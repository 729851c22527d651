import { useTranslation } from 'react-i18next';
import { NoteBody } from '../../../../src/contract/case-bodies.js';
import { client, ok } from '../../api/client';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { Field } from '../../ui/field';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { eventText } from './event-text';

function NoteForm() {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: NoteBody,
    empty: { body: '' },
    kept: { body: 'note' },
    toBody: (values) => ({ body: values.body }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/notes', { params: { path: { id } }, body })),
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('timeline.addNote')} error={form.formState.errors.body} required>
        {(control) => <textarea {...control} rows={2} {...form.register('body')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <button type="submit" className="button" disabled={busy}>
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
