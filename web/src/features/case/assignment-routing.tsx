import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assignment } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { useNow, useSession } from '../../session/session';
import { errorFor, Field } from '../../ui/field';
import { timeLeftInWords } from '../../ui/time';
import { ActionError } from '../../ui/states';
import { objectionWindow, unassignedUnits } from './assignment-state';
import { useCase, useCaseAction } from './case-context';

/** The unit's window to say the case is outside its remit, or the objection it made. */
export function ObjectionStatus({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const objection = objectionWindow(assignment, now);
  if (objection.state === 'none') return null;
  if (objection.state === 'objected') {
    return (
      <div className="objection objection-made">
        <p className="objection-title">{t('assignments.objected', { when: format.dateTime(objection.at) })}</p>
        {objection.reason ? <p className="record-body">{objection.reason}</p> : null}
      </div>
    );
  }
  // A released assignment's window no longer matters: the case is with another unit.
  if (assignment.releasedAt !== null) return null;
  return (
    <p className="muted small objection-window">
      {objection.state === 'open'
        ? t('assignments.objectionOpen', { when: format.dateTime(objection.dueAt), left: timeLeftInWords(t, objection.dueAt, now) })
        : t('assignments.objectionClosed', { when: format.dateTime(objection.dueAt) })}
    </p>
  );
}

/** An officer of the assigned unit says, with a reason, that the case is outside its remit. */
export function ObjectControl({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const now = useNow();
  const format = useFormat();
  const action = useCaseAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  // The server says who may object (core/policy.ts); the window closing while the page is open hides it too.
  if (!assignment.abilities.object || objectionWindow(assignment, now).state !== 'open') return null;
  const unit = format.unit(assignment.unitId, assignment.unitName);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(`/assignments/${assignment.id}/object`, { reason })) {
      setOpen(false);
      setReason('');
    }
  };
  if (!open) {
    return (
      <div className="button-row">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t('assignments.object')}
          <span className="visually-hidden"> ({unit})</span>
        </button>
      </div>
    );
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <p className="hint">{t('assignments.objectionHint')}</p>
      <Field label={t('assignments.objectReason')} required error={errorFor(action.error, 'reason')}>
        {(control) => <textarea {...control} autoFocus rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      {action.error && action.error.field !== 'reason' ? <ActionError error={action.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('assignments.submitObjection')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The office moves an assignment to another unit, e.g. after the unit objected; the clocks carry on. */
export function RerouteControl({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const { units } = useSession();
  const { detail } = useCase();
  const format = useFormat();
  const action = useCaseAction();
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState('');
  if (!assignment.abilities.reroute) return null;
  const unit = format.unit(assignment.unitId, assignment.unitName);
  const choices = unassignedUnits(units, detail.assignments);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(`/assignments/${assignment.id}/reroute`, { unitId })) setOpen(false);
  };
  if (!open) {
    return (
      <div className="button-row">
        <button
          type="button"
          className={`button${assignment.objection.at ? ' button-primary' : ' button-quiet'}`}
          onClick={() => setOpen(true)}
        >
          {t('assignments.reroute')}
          <span className="visually-hidden"> ({unit})</span>
        </button>
      </div>
    );
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <p className="hint">{t('assignments.rerouteHint', { unit })}</p>
      {choices.length === 0 ? <p className="muted">{t('assignments.noOtherUnits')}</p> : null}
      <Field label={t('assignments.rerouteUnit')} required error={errorFor(action.error, 'unitId')}>
        {(control) => (
          <select {...control} autoFocus value={unitId} onChange={(event) => setUnitId(event.target.value)}>
            <option value="">{t('assignments.chooseUnit')}</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {format.unit(choice.id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {action.error && action.error.field !== 'unitId' ? <ActionError error={action.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('assignments.submitReroute')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
