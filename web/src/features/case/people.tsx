import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReceiveTogetherBody, RevealBody } from '../../../../src/contract/case-bodies.js';
import { client, ok } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { useSchemaForm } from '../../forms/use-schema-form';
import { Field } from '../../ui/field';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';

function ReceiveTogetherForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: ReceiveTogetherBody,
    empty: { reason: '' },
    toBody: (values) => ({ reason: values.reason }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/receive-together', { params: { path: { id } }, body })),
    onDone,
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('people.receiveTogetherReason')} required error={form.formState.errors.reason}>
        {(control) => <textarea {...control} autoFocus rows={2} {...form.register('reason')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('common.save')} busy={busy} onCancel={onDone} />
    </form>
  );
}

function ReceiveTogether() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (open) return <ReceiveTogetherForm onDone={() => setOpen(false)} />;
  return (
    <button type="button" className="button" onClick={() => setOpen(true)}>
      {t('people.receiveTogether')}
    </button>
  );
}

type PersonalData = Pick<CaseDetail, 'petitioner' | 'representatives'>;

/** The break-glass form: the reader says why they need the names and contacts; the server records it. */
function RevealForm({ onRevealed, onCancel }: { onRevealed(data: PersonalData): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { detail } = useCase();
  const { form, failure, onSubmit } = useSchemaForm({
    schema: RevealBody,
    defaultValues: { reason: '' },
    toBody: (values: { reason: string }) => ({ reason: values.reason }),
    send: async (body) => onRevealed(await ok(client.POST('/api/v1/cases/{id}/personal-data/reveal', { params: { path: { id: detail.id } }, body }))),
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('people.revealReason')} hint={t('people.revealHint')} required error={form.formState.errors.reason}>
        {(control) => <textarea {...control} autoFocus rows={2} {...form.register('reason')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('people.revealSubmit')} busy={form.formState.isSubmitting} onCancel={onCancel} />
    </form>
  );
}

function Reveal({ onRevealed }: { onRevealed(data: PersonalData): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (open) return <RevealForm onRevealed={onRevealed} onCancel={() => setOpen(false)} />;
  return (
    <button type="button" className="button" onClick={() => setOpen(true)}>
      {t('people.reveal')}
    </button>
  );
}

/**
 * The representatives of a collective visit, or the petitioner of an individual one. The office
 * and the assigned units see names and contacts (each view is logged); other readers see the
 * case without them and may reveal them with a reason, which the auditor is told about.
 */
export function People() {
  const { t } = useTranslation();
  const { detail } = useCase();
  // Revealed names stay on screen until the reader leaves the case; a new case starts hidden again.
  const [revealed, setRevealed] = useState<{ caseId: string; data: PersonalData } | null>(null);
  const shown = revealed?.caseId === detail.id ? revealed.data : detail;
  const withheld = detail.personalData.withheld && shown === detail;
  const collective = detail.kind === 'collective';
  return (
    <section className="card" aria-labelledby="people-heading">
      <h2 id="people-heading">{t(collective ? 'people.representatives' : 'people.petitioner')}</h2>
      {withheld ? <p className="notice notice-info">{t('people.withheld')}</p> : null}
      {collective ? (
        <>
          {shown.representatives.length === 0 ? <p className="muted">{t('people.noRepresentatives')}</p> : null}
          <ol className="people">
            {shown.representatives.map((person) => (
              <li key={person.id}>
                <span className="person-name">{person.name ?? t('people.hiddenName', { position: person.position + 1 })}</span>
                {person.contact ? <span className="person-contact">{person.contact}</span> : null}
              </li>
            ))}
          </ol>
          {detail.receiveTogether ? <p className="notice notice-info">{t('people.receivedTogether')}</p> : null}
          {detail.representatives.length === 0 && !detail.receiveTogether && detail.abilities['case.representatives'] ? <ReceiveTogether /> : null}
        </>
      ) : shown.petitioner ? (
        withheld ? null : (
          <p>
            <span className="person-name">{shown.petitioner.name ?? t('people.unnamed')}</span>
            {shown.petitioner.contact ? <span className="person-contact">{shown.petitioner.contact}</span> : null}
          </p>
        )
      ) : (
        <p className="muted">{t('people.anonymous')}</p>
      )}
      {withheld && detail.personalData.mayReveal ? <Reveal onRevealed={(data) => setRevealed({ caseId: detail.id, data })} /> : null}
      {revealed?.caseId === detail.id ? <p className="notice notice-warning">{t('people.revealedNote')}</p> : null}
      <p className="hint">{t('people.logged')}</p>
    </section>
  );
}
