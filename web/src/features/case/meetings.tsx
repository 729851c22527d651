import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../session/formatters';
import { useSession } from '../../session/session';
import { errorFor, Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { fromZonedInput, toZonedInput } from '../../ui/time';
import { useCase, useCaseAction } from './case-context';
import { hasDraft, useDraft } from './drafts';

function MeetingForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { timeZone, clockOffset } = useSession();
  const action = useCaseAction();
  const { detail } = useCase();
  const [heldAt, setHeldAt] = useState(() => toZonedInput(Date.now() + clockOffset, timeZone));
  const [attendees, setAttendees, clearAttendees] = useDraft(detail.id, 'meeting:attendees');
  const [summary, setSummary, clearSummary] = useDraft(detail.id, 'meeting:summary');
  const [commitments, setCommitments, clearCommitments] = useDraft(detail.id, 'meeting:commitments');
  const clear = () => {
    clearAttendees();
    clearSummary();
    clearCommitments();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      heldAt: fromZonedInput(heldAt, timeZone) ?? heldAt,
      attendees,
      summary,
      commitments: commitments
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    };
    if (await action.run('/meetings', body)) {
      clear();
      onDone();
    }
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="form-grid">
        <Field label={t('meetings.heldAt')} required error={errorFor(action.error, 'heldAt')} hint={t('meetings.zone', { zone: timeZone })}>
          {(control) => <input {...control} type="datetime-local" value={heldAt} onChange={(event) => setHeldAt(event.target.value)} />}
        </Field>
        <Field label={t('meetings.attendees')} required error={errorFor(action.error, 'attendees')}>
          {(control) => <input {...control} value={attendees} onChange={(event) => setAttendees(event.target.value)} />}
        </Field>
      </div>
      <Field label={t('meetings.summary')} required error={errorFor(action.error, 'summary')}>
        {(control) => <textarea {...control} rows={3} value={summary} onChange={(event) => setSummary(event.target.value)} />}
      </Field>
      <Field label={t('meetings.commitments')} hint={t('meetings.commitmentsHint')} error={errorFor(action.error, 'commitments')}>
        {(control) => <textarea {...control} rows={3} value={commitments} onChange={(event) => setCommitments(event.target.value)} />}
      </Field>
      {action.error && !action.error.field ? <ActionError error={action.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('meetings.save')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            clear();
            onDone();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
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
