import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoutingChangeBody } from '../../../../src/contract/routing.js';
import { openStages } from '../../../../src/core/types.js';
import { client, ok } from '../../api/client';
import type { RoutingProposal } from '../../api/types';
import { AssistingUnits } from '../../forms/assisting-units';
import { FormFailure } from '../../forms/form-failure';
import type { FieldOf } from '../../forms/schema-resolver';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';
import { useFormat } from '../../session/formatters';
import { useSession } from '../../session/session';
import { Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { useCaseMutation } from './case-queries';
import { routingQuery, useRefreshRouting } from './routing-queries';

type ChangeValues = { leadUnitId: string; assistingUnitIds: string[] };

// A problem of one assisting unit (`assistingUnitIds[1]`) shows on the group of boxes.
const changeField: FieldOf<ChangeValues> = (path) => (path.startsWith('assistingUnitIds') ? 'assistingUnitIds' : path.startsWith('leadUnitId') ? 'leadUnitId' : undefined);

/** The units named, in the reader's language, or "none". */
function UnitList({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (ids.length === 0) return <>{t('routing.noAssisting')}</>;
  return <>{ids.map((id) => format.unit(id, id)).join(t('routing.listSeparator'))}</>;
}

/** The office chooses other units than the catalogue proposed: a lead, and assisting units if any. */
function ChangeForm({ proposal, onDone }: { proposal: RoutingProposal; onDone: () => void }) {
  const { t } = useTranslation();
  const { units } = useSession();
  const format = useFormat();
  const refresh = useRefreshRouting(proposal.caseId);
  const active = units.filter((unit) => unit.active);
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: RoutingChangeBody,
    empty: { leadUnitId: proposal.leadUnitId, assistingUnitIds: [...proposal.assistingUnitIds] },
    toBody: (values) => ({ decision: 'change' as const, leadUnitId: values.leadUnitId, assistingUnitIds: values.assistingUnitIds.filter((id) => id !== values.leadUnitId) }),
    fieldOf: changeField,
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/routing', { params: { path: { id } }, body })),
    onDone: () => {
      refresh();
      onDone();
    },
  });
  const errors = form.formState.errors;
  const lead = form.watch('leadUnitId');
  const assisting = form.watch('assistingUnitIds');
  const toggle = (id: string, on: boolean) =>
    form.setValue('assistingUnitIds', on ? [...assisting, id] : assisting.filter((item) => item !== id), { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('routing.change')}>
      <Field label={t('routing.lead')} required error={errors.leadUnitId}>
        {(control) => (
          <select {...control} autoFocus {...form.register('leadUnitId')}>
            <option value="">{t('assignments.chooseUnit')}</option>
            {active.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {format.unit(unit.id)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <AssistingUnits legend={t('routing.assisting')} units={active} leadUnitId={lead} chosen={assisting} onToggle={toggle} error={errors.assistingUnitIds} />
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('routing.saveChange')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/**
 * The routing catalogue's proposal (派单目录), made when the case was registered by any door
 * (counter, portal, Open311): the lead and assisting units for its category and area. The office
 * confirms it with one action, or chooses other units; either assigns and notifies them at once.
 */
export function RoutingPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const read = useQuery(routingQuery(detail.id));
  const refresh = useRefreshRouting(detail.id);
  const confirm = useCaseMutation(() => ok(client.POST('/api/v1/cases/{id}/routing', { params: { path: { id: detail.id } }, body: { decision: 'confirm' } })));
  const [changing, setChanging] = useState(false);
  const proposal = read.data;
  if (!proposal) return null;
  const decided = proposal.decidedAt !== null;
  const mayDecide = !decided && detail.abilities['case.assign'] && openStages.includes(detail.stage);
  return (
    <section className="card routing-panel" aria-labelledby="routing-heading">
      <h2 id="routing-heading">{t('routing.title')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('routing.lead')}</dt>
          <dd>{format.unit(proposal.leadUnitId, proposal.leadUnitId)}</dd>
        </div>
        <div>
          <dt>{t('routing.assisting')}</dt>
          <dd>
            <UnitList ids={proposal.assistingUnitIds} />
          </dd>
        </div>
        {proposal.areaUnitId ? (
          <div>
            <dt>{t('routing.area')}</dt>
            <dd>{format.unit(proposal.areaUnitId, proposal.areaUnitId)}</dd>
          </div>
        ) : null}
      </dl>
      {proposal.status === 'proposed' ? <p className="muted small">{t('routing.pending', { when: format.dateTime(proposal.proposedAt) })}</p> : null}
      {proposal.status === 'confirmed' ? <p className="notice notice-success">{t('routing.confirmed', { when: format.dateTime(proposal.decidedAt ?? '') })}</p> : null}
      {proposal.status === 'changed' ? (
        <p className="notice notice-info">
          {t('routing.changed', { when: format.dateTime(proposal.decidedAt ?? ''), lead: format.unit(proposal.finalLeadUnitId, proposal.finalLeadUnitId ?? '') })}{' '}
          {proposal.finalAssistingUnitIds.length > 0 ? (
            <>
              {t('routing.changedAssisting')} <UnitList ids={proposal.finalAssistingUnitIds} />
            </>
          ) : null}
        </p>
      ) : null}
      {mayDecide && changing ? <ChangeForm proposal={proposal} onDone={() => setChanging(false)} /> : null}
      {mayDecide && !changing ? (
        <div className="button-row">
          <button type="button" className="button button-primary" disabled={confirm.isPending} onClick={() => confirm.mutate(undefined, { onSuccess: refresh })}>
            {t('routing.confirm')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setChanging(true)}>
            {t('routing.change')}
          </button>
        </div>
      ) : null}
      {!changing ? <ActionError error={confirm.error ?? undefined} /> : null}
    </section>
  );
}
