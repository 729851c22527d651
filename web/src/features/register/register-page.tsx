import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { caseKinds, channels, urgencies, type Channel } from '../../../../src/core/types.js';
import { api, ApiError } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { useCurrentPlan } from '../../session/plans';
import { useSession } from '../../session/session';
import { errorFor, Field } from '../../ui/field';
import { PageTitle } from '../../ui/page-title';
import { errorText } from '../../ui/server-text';
import { caseBody, emptyDraft, type CaseDraft } from './draft';
import { RepresentativesFields } from './representatives-fields';
import './register.css';

/** Everything the field errors can name; anything else is shown above the form. */
const knownFields = ['kind', 'channel', 'urgency', 'category', 'title', 'description', 'location', 'headcount', 'representatives', 'receiveTogether', 'petitioner', 'receivedAt'];

/** Registering a petition at the counter: one screen, the server's own messages beside each field. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { user, timeZone } = useSession();
  const format = useFormat();
  const plan = useCurrentPlan();
  const navigate = useNavigate();
  // A unit officer reports a forming grievance in their own area; everything else is the office's.
  const unitOnly = user.role === 'unit_officer';
  const [draft, setDraft] = useState<CaseDraft>(() => emptyDraft(unitOnly ? 'unit_report' : 'visit'));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const { sentIndex } = caseBody(draft, timeZone);
  const set = (patch: Partial<CaseDraft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const collective = draft.kind === 'collective';

  useEffect(() => {
    if (error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-error')?.focus();
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api<CaseDetail>('/api/v1/cases', { body: caseBody(draft, timeZone).body });
      void navigate(`/cases/${created.id}`, { state: { registered: created.reference } });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
      setBusy(false);
    }
  };
  const general = error && !knownFields.some((field) => errorFor(error, field)) ? error : undefined;
  // Open311 requests arrive through their own API, never at the counter.
  const availableChannels: readonly Channel[] = unitOnly ? ['unit_report'] : channels.filter((channel) => channel !== 'open311');

  return (
    <>
      <PageTitle title={t('register.title')}>{t('register.title')}</PageTitle>
      <p className="lead">{t(unitOnly ? 'register.unitLead' : 'register.lead')}</p>
      <form ref={form} className="register" onSubmit={(event) => void submit(event)} noValidate>
        {general ? (
          <p className="form-error" role="alert" tabIndex={-1}>
            {errorText(t, general)}
          </p>
        ) : null}
        <section className="card form-section">
          <h2>{t('register.petition')}</h2>
          <fieldset className="choice">
            <legend>{t('register.kind')}</legend>
            {caseKinds.map((kind) => (
              <label key={kind} className="choice-option">
                <input type="radio" name="kind" value={kind} checked={draft.kind === kind} onChange={() => set({ kind })} />
                {t(`kind.${kind}`)}
              </label>
            ))}
          </fieldset>
          <div className="form-grid">
            <Field label={t('register.channel')} required error={errorFor(error, 'channel')}>
              {(control) => (
                <select {...control} value={draft.channel} disabled={unitOnly} onChange={(event) => set({ channel: event.target.value as Channel })}>
                  {availableChannels.map((channel) => (
                    <option key={channel} value={channel}>
                      {t(`channel.${channel}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('register.category')} required error={errorFor(error, 'category')}>
              {(control) => (
                <select {...control} value={draft.category} onChange={(event) => set({ category: event.target.value })}>
                  <option value="">{t('register.chooseCategory')}</option>
                  {(plan?.document.categories ?? []).map((category) => (
                    <option key={category.code} value={category.code}>
                      {format.text(category.name)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <fieldset className="choice">
            <legend>{t('register.urgency')}</legend>
            {urgencies.map((urgency) => (
              <label key={urgency} className={`choice-option urgency-choice-${urgency}`}>
                <input type="radio" name="urgency" value={urgency} checked={draft.urgency === urgency} onChange={() => set({ urgency })} />
                {t(`urgency.${urgency}`)}
              </label>
            ))}
          </fieldset>
          {draft.channel === 'letter' || draft.channel === 'phone' || draft.channel === 'online' ? (
            <Field label={t('register.receivedAt')} hint={t('register.receivedAtHint', { zone: timeZone })} error={errorFor(error, 'receivedAt')}>
              {(control) => (
                <input {...control} type="datetime-local" value={draft.receivedAt} onChange={(event) => set({ receivedAt: event.target.value })} />
              )}
            </Field>
          ) : null}
        </section>

        <section className="card form-section">
          <h2>{t('register.matter')}</h2>
          <Field label={t('case.title')} required error={errorFor(error, 'title')} hint={t('register.titleHint')}>
            {(control) => <input {...control} value={draft.title} maxLength={200} onChange={(event) => set({ title: event.target.value })} />}
          </Field>
          <Field label={t('case.description')} required error={errorFor(error, 'description')}>
            {(control) => <textarea {...control} rows={4} value={draft.description} onChange={(event) => set({ description: event.target.value })} />}
          </Field>
          <Field label={t('case.location')} error={errorFor(error, 'location')} hint={t('register.locationHint')}>
            {(control) => <input {...control} value={draft.location} onChange={(event) => set({ location: event.target.value })} />}
          </Field>
        </section>

        {collective ? (
          <section className="card form-section">
            <h2>{t('register.group')}</h2>
            <Field label={t('case.headcount')} error={errorFor(error, 'headcount')} className="field-short">
              {(control) => (
                <input {...control} type="number" min={2} inputMode="numeric" value={draft.headcount} onChange={(event) => set({ headcount: event.target.value })} />
              )}
            </Field>
            <RepresentativesFields value={draft.representatives} onChange={(representatives) => set({ representatives })} error={error} sentIndex={sentIndex} />
            <label className="check">
              <input type="checkbox" checked={draft.receiveTogether} onChange={(event) => set({ receiveTogether: event.target.checked })} />
              {t('register.receiveTogether')}
            </label>
          </section>
        ) : (
          <section className="card form-section">
            <h2>{t('register.petitioner')}</h2>
            <p className="hint">{t('register.petitionerHint')}</p>
            <div className="form-grid">
              <Field label={t('register.petitionerName')} error={errorFor(error, 'petitioner.name')}>
                {(control) => <input {...control} value={draft.petitionerName} onChange={(event) => set({ petitionerName: event.target.value })} />}
              </Field>
              <Field label={t('register.petitionerContact')} error={errorFor(error, 'petitioner.contact')}>
                {(control) => (
                  <input {...control} type="tel" value={draft.petitionerContact} onChange={(event) => set({ petitionerContact: event.target.value })} />
                )}
              </Field>
            </div>
          </section>
        )}

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('register.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
