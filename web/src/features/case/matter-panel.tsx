import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdoptionBody, ClassBody, FinalityBody, LawfulChannelBody } from '../../../../src/contract/case-bodies.js';
import { adoptions } from '../../../../src/core/matter.js';
import { client, ok } from '../../api/client';
import { FormFailure } from '../../forms/form-failure';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';
import { useFormat } from '../../session/formatters';
import { useCurrentPlan } from '../../session/plans';
import { Field } from '../../ui/field';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';

type Open = 'class' | 'channel' | 'adoption' | 'finality' | null;

/** The office classifies the matter, or changes its class with a reason (the timeline keeps both). */
function ClassForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const plan = useCurrentPlan();
  const { detail } = useCase();
  const changing = detail.matter.class !== null;
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: ClassBody,
    empty: { class: plan?.document.classes?.find((item) => item.code !== detail.matter.class)?.code ?? '', reason: '' },
    toBody: (values) => ({ class: values.class, ...(values.reason.trim() ? { reason: values.reason } : {}) }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/class', { params: { path: { id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('matter.class')} required error={errors.class}>
        {(control) => (
          <select {...control} {...form.register('class')}>
            {(plan?.document.classes ?? []).map((item) => (
              <option key={item.code} value={item.code}>
                {format.text(item.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {changing ? (
        <Field label={t('matter.reason')} required error={errors.reason}>
          {(control) => <textarea {...control} rows={2} {...form.register('reason')} />}
        </Field>
      ) : null}
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={changing ? t('matter.changeSave') : t('matter.classifySave')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** The office records the lawful channel (Art. 31 (1)–(5)): the matter is not worked as a petition. */
function ChannelForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const plan = useCurrentPlan();
  const channels = plan?.document.lawfulChannels ?? [];
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: LawfulChannelBody,
    empty: { channel: channels[0]?.code ?? '', note: '' },
    toBody: (values) => ({ channel: values.channel, ...(values.note.trim() ? { note: values.note } : {}) }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/lawful-channel', { params: { path: { id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  const chosen = channels.find((item) => item.code === form.watch('channel'));
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('matter.lawfulChannel')} required error={errors.channel}>
        {(control) => (
          <select {...control} {...form.register('channel')}>
            {channels.map((item) => (
              <option key={item.code} value={item.code}>
                {t('matter.article', { item: item.article })} · {format.text(item.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {chosen ? <p className="small muted">{format.text(chosen.howTo)}</p> : null}
      <Field label={t('matter.note')} error={errors.note}>
        {(control) => <textarea {...control} rows={2} {...form.register('note')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('matter.channelSave')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** A suggestion's adoption, with a note (Art. 29). */
function AdoptionForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: AdoptionBody,
    empty: { adoption: 'adopted', note: '' },
    toBody: (values) => values,
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/adoption', { params: { path: { id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('matter.adoption')} required error={errors.adoption}>
        {(control) => (
          <select {...control} {...form.register('adoption')}>
            {adoptions.map((value) => (
              <option key={value} value={value}>
                {t(`matter.adoptions.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('matter.note')} required error={errors.note}>
        {(control) => <textarea {...control} rows={2} {...form.register('note')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('matter.adoptionSave')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/** Art. 36: the earlier concluded case whose conclusion stands, by its reference. */
function FinalityForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: FinalityBody,
    empty: { earlierReference: '', note: '' },
    toBody: (values) => ({ earlierReference: values.earlierReference, ...(values.note.trim() ? { note: values.note } : {}) }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/finality', { params: { path: { id } }, body })),
    onDone,
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('matter.earlierReference')} required error={errors.earlierReference} className="field-short">
        {(control) => <input {...control} className="mono" {...form.register('earlierReference')} />}
      </Field>
      <Field label={t('matter.note')} error={errors.note}>
        {(control) => <textarea {...control} rows={2} {...form.register('note')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <SubmitOrCancel label={t('matter.finalitySave')} busy={busy} onCancel={onDone} />
    </form>
  );
}

/**
 * The nature of the matter (Art. 29–31, 36): its class, the lawful channel it belongs to, a
 * suggestion's adoption, the earlier conclusion that stands; the office's forms to record each.
 */
export function MatterPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const plan = useCurrentPlan();
  const { detail } = useCase();
  const [open, setOpen] = useState<Open>(null);
  const { matter } = detail;
  const className = plan?.document.classes?.find((item) => item.code === matter.class);
  const channel = plan?.document.lawfulChannels?.find((item) => item.code === matter.lawfulChannel?.code);
  const discipline = detail.assignments.find((assignment) => assignment.unitId === matter.disciplineUnitId);
  const may = detail.abilities['case.classify'] && detail.stage !== 'closed' && detail.stage !== 'not_accepted';
  const close = () => setOpen(null);
  const button = (which: Exclude<Open, null>, label: string) => (
    <button type="button" className="button button-quiet" onClick={() => setOpen(which)}>
      {label}
    </button>
  );
  return (
    <section className="card" aria-labelledby="matter-heading">
      <h2 id="matter-heading">{t('matter.title')}</h2>
      {matter.accuserMaterialWithheld ? <p className="notice notice-warning">{t('matter.withheld')}</p> : null}
      <dl className="facts">
        <div>
          <dt>{t('matter.class')}</dt>
          <dd id="matter-class">{className ? format.text(className.name) : matter.class ?? t('matter.unclassified')}</dd>
        </div>
        {matter.disciplineUnitId ? (
          <div>
            <dt>{t('matter.disciplineUnit')}</dt>
            <dd>{discipline?.unitName ?? matter.disciplineUnitId}</dd>
          </div>
        ) : null}
        {matter.lawfulChannel ? (
          <div>
            <dt>{t('matter.lawfulChannel')}</dt>
            <dd id="lawful-channel">
              {channel ? `${t('matter.article', { item: channel.article })} · ${format.text(channel.name)}` : matter.lawfulChannel.code}
              {matter.lawfulChannel.at ? ` · ${format.dateTime(matter.lawfulChannel.at)}` : ''}
            </dd>
          </div>
        ) : null}
        {matter.adoption ? (
          <div>
            <dt>{t('matter.adoption')}</dt>
            <dd>
              {t(`matter.adoptions.${matter.adoption.value}`)} · {matter.adoption.note}
            </dd>
          </div>
        ) : null}
        {matter.earlierReference ? (
          <div>
            <dt>{t('matter.earlierReference')}</dt>
            <dd className="mono">{matter.earlierReference}</dd>
          </div>
        ) : null}
      </dl>
      {open === 'class' ? <ClassForm onDone={close} /> : null}
      {open === 'channel' ? <ChannelForm onDone={close} /> : null}
      {open === 'adoption' ? <AdoptionForm onDone={close} /> : null}
      {open === 'finality' ? <FinalityForm onDone={close} /> : null}
      {may && open === null ? (
        <p className="actions">
          {(plan?.document.classes ?? []).length > 0 ? button('class', matter.class === null ? t('matter.classify') : t('matter.change')) : null}
          {(plan?.document.lawfulChannels ?? []).length > 0 && (matter.class === null || matter.class === 'appeal') ? button('channel', t('matter.recordChannel')) : null}
          {matter.class === 'suggestion' ? button('adoption', t('matter.recordAdoption')) : null}
          {button('finality', t('matter.linkEarlier'))}
        </p>
      ) : null}
    </section>
  );
}
