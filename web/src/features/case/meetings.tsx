import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MeetingBody } from '../../../../src/contract/case-bodies.js';
import { client, ok } from '../../api/client';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { useSession } from '../../session/session';
import { Field } from '../../ui/field';
import { fromZonedInput, toZonedInput } from '../../ui/time';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { hasDraft, writeDraft } from './drafts';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';

const kept = { attendees: 'meeting:attendees', summary: 'meeting:summary', commitments: 'meeting:commitments' } as const;

function MeetingForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { timeZone, clockOffset } = useSession();
  const { detail } = useCase();
  const [now] = useState(() => toZonedInput(Date.now() + clockOffset, timeZone));
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: MeetingBody,
    empty: { heldAt: now, attendees: '', summary: '', commitments: '' },
    kept,
    toBody: (values) => ({
      heldAt: fromZonedInput(values.heldAt, timeZone) ?? values.heldAt,
      attendees: values.attendees,
      summary: values.summary,
      commitments: values.commitments
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/meetings', { params: { path: { id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  const cancel = () => {
    for (const draft of Object.values(kept)) writeDraft(detail.id, draft, '');
    onDone();
  };
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <div className="form-grid">
        <Field label={t('meetings.heldAt')} required error={errors.heldAt} hint={t('meetings.zone', { zone: timeZone })}>
          {(control) => <input {...control} type="datetime-local" {...form.register('heldAt')} />}
        </Field>
        <Field label={t('meetings.attendees')} required error={errors.attendees}>
          {(control) => <input {...control} {...form.register('attendees')} />}
        </Field>
      </div>
      <Field label={t('meetings.summary')} required error={errors.summary}>
        {(control) => <textarea {...control} rows={3} {...form.register('summary')} />}
      </Field>
      <Field label={t('meetings.commitments')} hint={t('meetings.commitmentsHint')} error={errors.commitments}>
        {(control) => <textarea {...control} rows={3} {...form.register('commitments')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('meetings.save')} busy={busy} onCancel={cancel} />
    </form>
  );
}

/** Meetings with the representatives: when, who, what was said, what was promised. */
export function Meetings() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const [adding, setAdding] = useState(() => ['attendees', 'summary', 'commitments'].some((field) => hasDraft(detail.id, `meeting:${field}`)));
  if (detail.meetings.length === 0 && !detail.abilities['case.meet']) return null;
  return (
    <section className="card" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">{t('meetings.title')}</h2>
      {detail.meetings.length === 0 ? <p className="muted">{t('meetings.none')}</p> : null}
      {detail.meetings.map((meeting) => (
        <article key={meeting.id} className="record">
          <h3>
            <time dateTime={meeting.heldAt}>{format.dateTime(meeting.heldAt)}</time>
          </h3>
          <p className="muted small">
            {t('meetings.attendedBy', { who: meeting.attendees })}
          </p>
          <p className="record-body">{meeting.summary}</p>
          {meeting.commitments.length > 0 ? (
            <>
              <h4>{t('meetings.commitmentsMade')}</h4>
              <ul className="plain-list">
                {meeting.commitments.map((commitment, index) => (
                  <li key={index}>{commitment}</li>
                ))}
              </ul>
            </>
          ) : null}
        </article>
      ))}
      {detail.abilities['case.meet'] ? (
        adding ? (
          <MeetingForm onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            {t('meetings.add')}
          </button>
        )
      ) : null}
    </section>
  );
}
