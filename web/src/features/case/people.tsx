import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { errorFor, Field } from '../../ui/field';
import { ActionError } from '../../ui/states';
import { useCase, useCaseAction } from './case-context';

function ReceiveTogetherForm() {
  const { t } = useTranslation();
  const action = useCaseAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run('/receive-together', { reason })) setOpen(false);
  };
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('people.receiveTogether')}
      </button>
    );
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('people.receiveTogetherReason')} required error={errorFor(action.error, 'reason')}>
        {(control) => <textarea {...control} autoFocus rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      {action.error && !action.error.field ? <ActionError error={action.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

type PersonalData = Pick<CaseDetail, 'petitioner' | 'representatives'>;

/** The break-glass form: the reader says why they need the names and contacts; the server records it. */
function RevealForm({ onRevealed }: { onRevealed(data: PersonalData): void }) {
  const { t } = useTranslation();
  const { detail } = useCase();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onRevealed(await api<PersonalData>(`/api/v1/cases/${encodeURIComponent(detail.id)}/personal-data/reveal`, { body: { reason } }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('people.reveal')}
      </button>
    );
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('people.revealReason')} hint={t('people.revealHint')} required error={error?.field === 'reason' ? t('people.revealReasonShort') : undefined}>
        {(control) => <textarea {...control} autoFocus rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      {error && error.field !== 'reason' ? <ActionError error={error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('people.revealSubmit')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
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
          {detail.representatives.length === 0 && !detail.receiveTogether && detail.abilities['case.representatives'] ? <ReceiveTogetherForm /> : null}
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
      {withheld && detail.personalData.mayReveal ? <RevealForm onRevealed={(data) => setRevealed({ caseId: detail.id, data })} /> : null}
      {revealed?.caseId === detail.id ? <p className="notice notice-warning">{t('people.revealedNote')}</p> : null}
      <p className="hint">{t('people.logged')}</p>
    </section>
  );
}
