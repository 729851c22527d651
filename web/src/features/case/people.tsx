import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
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

/** The representatives of a collective visit, or the petitioner of an individual one (personal data: reading it is logged). */
export function People() {
  const { t } = useTranslation();
  const { detail } = useCase();
  const collective = detail.kind === 'collective';
  return (
    <section className="card" aria-labelledby="people-heading">
      <h2 id="people-heading">{t(collective ? 'people.representatives' : 'people.petitioner')}</h2>
      {collective ? (
        <>
          {detail.representatives.length === 0 ? <p className="muted">{t('people.noRepresentatives')}</p> : null}
          <ol className="people">
            {detail.representatives.map((person) => (
              <li key={person.id}>
                <span className="person-name">{person.name}</span>
                {person.contact ? <span className="person-contact">{person.contact}</span> : null}
              </li>
            ))}
          </ol>
          {detail.receiveTogether ? <p className="notice notice-info">{t('people.receivedTogether')}</p> : null}
          {detail.representatives.length === 0 && !detail.receiveTogether && detail.abilities['case.representatives'] ? <ReceiveTogetherForm /> : null}
        </>
      ) : detail.petitioner ? (
        <p>
          <span className="person-name">{detail.petitioner.name ?? t('people.unnamed')}</span>
          {detail.petitioner.contact ? <span className="person-contact">{detail.petitioner.contact}</span> : null}
        </p>
      ) : (
        <p className="muted">{t('people.anonymous')}</p>
      )}
      <p className="hint">{t('people.logged')}</p>
    </section>
  );
}
