import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../src/core/policy.js';
import { openStages } from '../../../../src/core/types.js';
import type { Assignment, Deadline } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { useNow, useSession } from '../../session/session';
import { DeadlineBadge } from '../../ui/badges';
import { errorFor, Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { ObjectControl, ObjectionStatus, RerouteControl } from './assignment-routing';
import { unassignedUnits } from './assignment-state';
import { useCase, useCaseAction } from './case-context';

function Clock({ label, deadline }: { label: string; deadline: Deadline }) {
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
  const action = useCaseAction();
  const [proposal, setProposal] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(`/assignments/${assignment.id}/propose`, { proposal })) onDone();
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('assignments.proposal')} required error={errorFor(action.error, 'proposal')}>
        {(control) => <textarea {...control} autoFocus rows={3} value={proposal} onChange={(event) => setProposal(event.target.value)} />}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('assignments.submitProposal')}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** What the assigned unit (or the office) can record now: acknowledged, on scene, proposal. */
function AssignmentActions({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const action = useCaseAction();
  const [proposing, setProposing] = useState(false);
  const unit = format.unit(assignment.unitId, assignment.unitName);
  const path = `/assignments/${assignment.id}`;
  const owed = assignment.acknowledge.doneAt === null || (assignment.onScene.dueAt !== null && assignment.onScene.doneAt === null) || assignment.proposal.doneAt === null;
  if (!owed && !action.error) return null;
  return (
    <>
      <div className="button-row">
        {assignment.acknowledge.doneAt === null ? (
          <button type="button" className="button button-primary" disabled={action.busy} onClick={() => void action.run(`${path}/acknowledge`)}>
            {t('assignments.acknowledge')}
            <span className="visually-hidden"> ({unit})</span>
          </button>
        ) : null}
        {assignment.onScene.dueAt !== null && assignment.onScene.doneAt === null ? (
          <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(`${path}/arrive`)}>
            {t('assignments.arrive')}
            <span className="visually-hidden"> ({unit})</span>
          </button>
        ) : null}
        {assignment.proposal.doneAt === null && !proposing ? (
          <button type="button" className="button" onClick={() => setProposing(true)}>
            {t('assignments.propose')}
            <span className="visually-hidden"> ({unit})</span>
          </button>
        ) : null}
      </div>
      {proposing ? <ProposalForm assignment={assignment} onDone={() => setProposing(false)} /> : null}
      <ActionError error={action.error} />
    </>
  );
}

function AssignForm({ hasLead }: { hasLead: boolean }) {
  const { t } = useTranslation();
  const { units } = useSession();
  const { detail } = useCase();
  const format = useFormat();
  const action = useCaseAction();
  const choices = unassignedUnits(units, detail.assignments);
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<'lead' | 'assisting'>(hasLead ? 'assisting' : 'lead');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run('/assignments', { unitId, role: hasLead ? 'assisting' : role })) setUnitId('');
  };
  return (
    <form className="inline-form assign-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{t('assignments.assign')}</h3>
      <Field label={t('assignments.unit')} required error={errorFor(action.error, 'unitId')}>
        {(control) => (
          <select {...control} value={unitId} onChange={(event) => setUnitId(event.target.value)}>
            <option value="">{t('assignments.chooseUnit')}</option>
            {choices.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {format.unit(unit.id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('assignments.role')} required error={errorFor(action.error, 'role')}>
        {(control) => (
          <select {...control} value={hasLead ? 'assisting' : role} disabled={hasLead} onChange={(event) => setRole(event.target.value as 'lead' | 'assisting')}>
            <option value="lead">{t('assignmentRole.lead')}</option>
            <option value="assisting">{t('assignmentRole.assisting')}</option>
          </select>
        )}
      </Field>
      {action.error && !action.error.field ? <ActionError error={action.error} /> : null}
      <button type="submit" className="button" disabled={action.busy}>
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
  const { user } = useSession();
  const { detail } = useCase();
  const actor = { id: user.id, role: user.role, unitId: user.unitId };
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
            <ObjectionStatus assignment={assignment} />
            {can(actor, 'assignment.acknowledge', { type: 'assignment', unitId: assignment.unitId }) ? <AssignmentActions assignment={assignment} /> : null}
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
