import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ObjectionBody, RerouteBody } from '../../../../src/contract/case-bodies.js';
import { client, ok } from '../../api/client';
import type { Assignment } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { useNow, useSession } from '../../session/session';
import { Field } from '../../ui/field';
import { timeLeftInWords } from '../../ui/time';
import { objectionWindow, unassignedUnits } from './assignment-state';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';

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

function ObjectForm({ assignment, onDone }: { assignment: Assignment; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: ObjectionBody,
    empty: { reason: '' },
    toBody: (values) => ({ reason: values.reason }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/assignments/{assignmentId}/object', { params: { path: { id, assignmentId: assignment.id } }, body })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <p className="hint">{t('assignments.objectionHint')}</p>
      <Field label={t('assignments.objectReason')} required error={form.formState.errors.reason}>
        {(control) => <textarea {...control} autoFocus rows={3} {...form.register('reason')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('assignments.submitObjection')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** An officer of the assigned unit says, with a reason, that the case is outside its remit. */
export function ObjectControl({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const now = useNow();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  // The server says who may object (core/policy.ts); the window closing while the page is open hides it too.
  if (!assignment.abilities.object || objectionWindow(assignment, now).state !== 'open') return null;
  const unit = format.unit(assignment.unitId, assignment.unitName);
  if (open) return <ObjectForm assignment={assignment} onDone={() => setOpen(false)} />;
  return (
    <div className="button-row">
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('assignments.object')}
        <span className="visually-hidden"> ({unit})</span>
      </button>
    </div>
  );
}

function RerouteForm({ assignment, unit, onDone }: { assignment: Assignment; unit: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { units } = useSession();
  const { detail } = useCase();
  const format = useFormat();
  const choices = unassignedUnits(units, detail.assignments);
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: RerouteBody,
    empty: { unitId: '' },
    toBody: (values) => ({ unitId: values.unitId }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/assignments/{assignmentId}/reroute', { params: { path: { id, assignmentId: assignment.id } }, body })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <p className="hint">{t('assignments.rerouteHint', { unit })}</p>
      {choices.length === 0 ? <p className="muted">{t('assignments.noOtherUnits')}</p> : null}
      <Field label={t('assignments.rerouteUnit')} required error={form.formState.errors.unitId}>
        {(control) => (
          <select {...control} autoFocus {...form.register('unitId')}>
            <option value="">{t('assignments.chooseUnit')}</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {format.unit(choice.id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('assignments.submitReroute')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** The office moves an assignment to another unit, e.g. after the unit objected; the clocks carry on. */
export function RerouteControl({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  if (!assignment.abilities.reroute) return null;
  const unit = format.unit(assignment.unitId, assignment.unitName);
  if (open) return <RerouteForm assignment={assignment} unit={unit} onDone={() => setOpen(false)} />;
  return (
    <div className="button-row">
      <button type="button" className={`button${assignment.objection.at ? ' button-primary' : ' button-quiet'}`} onClick={() => setOpen(true)}>
        {t('assignments.reroute')}
        <span className="visually-hidden"> ({unit})</span>
      </button>
    </div>
  );
}
