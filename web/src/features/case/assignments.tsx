import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArriveBody, AssignBody, ProposalBody } from '../../../../src/contract/case-bodies.js';
import { openStages, type AssignmentRole } from '../../../../src/core/types.js';
import { client, ok } from '../../api/client';
import type { Assignment, Deadline } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { useNow, useSession } from '../../session/session';
import { DeadlineBadge } from '../../ui/badges';
import { Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { fromZonedInput, toZonedInput } from '../../ui/time';
import { ObjectControl, ObjectionStatus, RerouteControl } from './assignment-routing';
import { unassignedUnits } from './assignment-state';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { useCaseMutation } from './case-queries';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';

/** One clock: its badge and when it is due or was done. */
export function Clock({ label, deadline }: { label: string; deadline: Deadline }) {
  const format = useFormat();
  const now = useNow();
  const { t } = useTranslation();
  if (deadline.dueAt === null) return null;
  return (
    <div className="clock">
      <dt>{label}</dt>
      <dd>
        <DeadlineBadge deadline={deadline} now={now} />
        <span className="clock-time">
          {deadline.doneAt ? t('deadline.doneAt', { when: format.dateTime(deadline.doneAt) }) : t('deadline.dueAt', { when: format.dateTime(deadline.dueAt) })}
        </span>
      </dd>
    </div>
  );
}

function ProposalForm({ assignment, onDone }: { assignment: Assignment; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: ProposalBody,
    empty: { proposal: '' },
    toBody: (values) => ({ proposal: values.proposal }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/assignments/{assignmentId}/propose', { params: { path: { id, assignmentId: assignment.id } }, body })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('assignments.proposal')} required error={form.formState.errors.proposal}>
        {(control) => <textarea {...control} autoFocus rows={3} {...form.register('proposal')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('assignments.submitProposal')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** The office records the unit's arrival afterwards: when it really arrived (default now). */
function ArrivalForm({ assignment, onDone }: { assignment: Assignment; onDone: () => void }) {
  const { t } = useTranslation();
  const { timeZone, clockOffset } = useSession();
  const [now] = useState(() => toZonedInput(Date.now() + clockOffset, timeZone));
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: ArriveBody,
    empty: { arrivedAt: now },
    toBody: (values) => ({ arrivedAt: fromZonedInput(values.arrivedAt, timeZone) ?? values.arrivedAt }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/assignments/{assignmentId}/arrive', { params: { path: { id, assignmentId: assignment.id } }, body })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('assignments.arrivedAt')} required error={form.formState.errors.arrivedAt} hint={t('assignments.arrivedAtHint', { zone: timeZone })}>
        {(control) => <input {...control} type="datetime-local" autoFocus {...form.register('arrivedAt')} />}
      </Field>
      <SubmitOrCancel label={t('assignments.recordArrival')} busy={busy} onCancel={onDone} />
      <FormFailure failure={failure} problems={form.formState.errors.root} />
    </form>
  );
}

/**
 * What the viewer may record for the unit now (the server's abilities: nothing once the unit's
 * clocks stopped). Someone outside the unit is told, before pressing, that they record for it.
 */
function AssignmentActions({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const acknowledge = useCaseMutation((id) =>
    ok(client.POST('/api/v1/cases/{id}/assignments/{assignmentId}/acknowledge', { params: { path: { id, assignmentId: assignment.id } }, body: {} })),
  );
  const [form, setForm] = useState<'propose' | 'arrive' | null>(null);
  const unit = format.unit(assignment.unitId, assignment.unitName);
  const { abilities } = assignment;
  if (!abilities.acknowledge && !abilities.arrive && !abilities.propose && !acknowledge.error) return null;
  return (
    <>
      {abilities.onBehalf ? <p className="on-behalf small">{t('assignments.onBehalf', { unit })}</p> : null}
      <div className="button-row">
        {abilities.acknowledge ? (
          <button type="button" className="button button-primary" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
            {abilities.onBehalf ? t('assignments.acknowledgeFor', { unit }) : t('assignments.acknowledge')}
            {abilities.onBehalf ? null : <span className="visually-hidden"> ({unit})</span>}
          </button>
        ) : null}
        {abilities.arrive && form !== 'arrive' ? (
          <button type="button" className="button" disabled={acknowledge.isPending} onClick={() => setForm('arrive')}>
            {abilities.onBehalf ? t('assignments.arriveFor', { unit }) : t('assignments.arrive')}
            {abilities.onBehalf ? null : <span className="visually-hidden"> ({unit})</span>}
          </button>
        ) : null}
        {abilities.propose && form !== 'propose' ? (
          <button type="button" className="button" onClick={() => setForm('propose')}>
            {abilities.onBehalf ? t('assignments.proposeFor', { unit }) : t('assignments.propose')}
            {abilities.onBehalf ? null : <span className="visually-hidden"> ({unit})</span>}
          </button>
        ) : null}
      </div>
      {form === 'propose' ? <ProposalForm assignment={assignment} onDone={() => setForm(null)} /> : null}
      {form === 'arrive' ? <ArrivalForm assignment={assignment} onDone={() => setForm(null)} /> : null}
      {form === null ? <ActionError error={acknowledge.error ?? undefined} /> : null}
    </>
  );
}

function AssignForm({ hasLead }: { hasLead: boolean }) {
  const { t } = useTranslation();
  const { units } = useSession();
  const { detail } = useCase();
  const format = useFormat();
  const choices = unassignedUnits(units, detail.assignments);
  const empty: { unitId: string; role: AssignmentRole } = { unitId: '', role: hasLead ? 'assisting' : 'lead' };
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: AssignBody,
    empty,
    toBody: (values) => ({ unitId: values.unitId, role: hasLead ? 'assisting' : values.role }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/assignments', { params: { path: { id } }, body })),
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form assign-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <h3>{t('assignments.assign')}</h3>
      <Field label={t('assignments.unit')} required error={errors.unitId}>
        {(control) => (
          <select {...control} {...form.register('unitId')}>
            <option value="">{t('assignments.chooseUnit')}</option>
            {choices.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {format.unit(unit.id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('assignments.role')} required error={errors.role}>
        {(control) =>
          hasLead ? (
            // The case has its lead unit: the next one assists (shown, not sent from here).
            <select {...control} value="assisting" disabled>
              <option value="assisting">{t('assignmentRole.assisting')}</option>
            </select>
          ) : (
            <select {...control} {...form.register('role')}>
              <option value="lead">{t('assignmentRole.lead')}</option>
              <option value="assisting">{t('assignmentRole.assisting')}</option>
            </select>
          )
        }
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <button type="submit" className="button" disabled={busy}>
        {t('assignments.notify')}
      </button>
    </form>
  );
}

/** A unit the office moved the case away from: greyed, with when, and its objection if it made one. */
function ReleasedAssignment({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="assignment assignment-released">
      <p className="assignment-unit">
        <strong>{format.unit(assignment.unitId, assignment.unitName)}</strong>
        <span className="badge">{t(`assignmentRole.${assignment.role}`)}</span>
        <span className="badge badge-released">{t('assignments.reroutedBadge')}</span>
      </p>
      <p className="small">
        {t('assignments.notifiedAt', { when: format.dateTime(assignment.notifiedAt) })} · {t('assignments.rerouted', { when: format.dateTime(assignment.releasedAt ?? '') })}
      </p>
      <ObjectionStatus assignment={assignment} />
    </li>
  );
}

/** The units on the case, their clocks, and what each can record now; the office reroutes, the unit objects. */
export function Assignments() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const mayAssign = detail.abilities['case.assign'] && openStages.includes(detail.stage);
  // Units still on the case first; those rerouted away follow, kept for the record.
  const active = detail.assignments.filter((item) => item.releasedAt === null);
  const released = detail.assignments.filter((item) => item.releasedAt !== null);
  return (
    <section className="card" aria-labelledby="assignments-heading">
      <h2 id="assignments-heading">{t('assignments.title')}</h2>
      {active.length === 0 ? <p className="muted">{t('assignments.none')}</p> : null}
      <ul className="assignments">
        {active.map((assignment) => (
          <li key={assignment.id} className="assignment">
            <p className="assignment-unit">
              <strong>{format.unit(assignment.unitId, assignment.unitName)}</strong>
              <span className={`badge role-${assignment.role}`}>{t(`assignmentRole.${assignment.role}`)}</span>
            </p>
            <p className="muted small">{t('assignments.notifiedAt', { when: format.dateTime(assignment.notifiedAt) })}</p>
            <dl className="clocks">
              <Clock label={t('deadline.acknowledge')} deadline={assignment.acknowledge} />
              <Clock label={t('deadline.onScene')} deadline={assignment.onScene} />
              <Clock label={t('deadline.proposal')} deadline={assignment.proposal} />
            </dl>
            {assignment.clocksStoppedAt ? (
              <p className="muted small clocks-stopped">{t('assignments.clocksStopped', { when: format.dateTime(assignment.clocksStoppedAt) })}</p>
            ) : null}
            <ObjectionStatus assignment={assignment} />
            <AssignmentActions assignment={assignment} />
            <ObjectControl assignment={assignment} />
            <RerouteControl assignment={assignment} />
          </li>
        ))}
        {released.map((assignment) => (
          <ReleasedAssignment key={assignment.id} assignment={assignment} />
        ))}
      </ul>
      {mayAssign ? <AssignForm hasLead={active.some((item) => item.role === 'lead')} /> : null}
    </section>
  );
}
