import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { OpenCaseBody } from '../../../../src/contract/case-bodies.js';
import { caseKinds, channels, urgencies, type Channel } from '../../../../src/core/types.js';
import { ApiError, client, ok } from '../../api/client';
import { checkChosenFiles, type FileProblem } from '../attachments/file-check';
import { FilePicker } from '../attachments/file-picker';
import { uploadToCase } from '../attachments/upload';
import { FormFailure } from '../../forms/form-failure';
import { useSchemaForm } from '../../forms/use-schema-form';
import { useFormat } from '../../session/formatters';
import { useCurrentPlan } from '../../session/plans';
import { useSession } from '../../session/session';
import { Field } from '../../ui/field';
import { PageTitle } from '../../ui/page-title';
import { caseBody, draftField, emptyDraft, type CaseDraft, type OpenCase } from './draft';
import type { Registered } from './registered';
import { RepresentativesFields } from './representatives-fields';
import './register.css';

/** Registering a petition at the counter: one screen, every field's problem beside it at once. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { user, timeZone } = useSession();
  const format = useFormat();
  const plan = useCurrentPlan();
  const navigate = useNavigate();
  // A unit officer reports a forming grievance in their own area; everything else is the office's.
  const unitOnly = user.role === 'unit_officer';
  const toBody = useCallback((draft: CaseDraft) => caseBody(draft, timeZone), [timeZone]);
  // A letter arrives on paper and is scanned: its scan and any photos go with the registration.
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState<FileProblem[]>([]);
  const [internal, setInternal] = useState(false);
  const choose = useCallback((chosen: File[]) => {
    setFiles(chosen);
    setFileProblems([]);
    void checkChosenFiles(chosen, {}).then(setFileProblems);
  }, []);
  const send = useCallback(
    async (body: OpenCase) => {
      // A file that is not what it says is said before the case is opened, so nothing is half-registered.
      const problems = await checkChosenFiles(files, {});
      setFileProblems(problems);
      if (problems.length > 0) {
        document.querySelector<HTMLInputElement>('.register input[type=file]')?.focus();
        return;
      }
      const created = await ok(client.POST('/api/v1/cases', { body }));
      const state: Registered = { registered: created.reference, received: [] };
      if (files.length > 0) {
        try {
          state.received = await uploadToCase(created.id, files, internal, crypto.randomUUID());
        } catch (caught) {
          // The case stands (the letter was received); the case page says which files were not taken and why.
          const error = caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught));
          state.notReceived = { names: files.map((file) => file.name), failure: { code: error.code, message: error.message, field: error.field, details: error.details } };
        }
      }
      void navigate(`/cases/${created.id}`, { state });
    },
    [navigate, files, internal],
  );
  const { form, failure, onSubmit } = useSchemaForm({
    schema: OpenCaseBody,
    defaultValues: emptyDraft(unitOnly ? 'unit_report' : 'visit'),
    toBody,
    fieldOf: draftField,
    send,
  });
  const { register, watch, formState } = form;
  const errors = formState.errors;
  const kind = watch('kind');
  const channel = watch('channel');
  // Open311 requests arrive through their own API, never at the counter.
  const availableChannels: readonly Channel[] = unitOnly ? ['unit_report'] : channels.filter((candidate) => candidate !== 'open311');

  return (
    <>
      <PageTitle title={t('register.title')}>{t('register.title')}</PageTitle>
      <p className="lead">{t(unitOnly ? 'register.unitLead' : 'register.lead')}</p>
      <form className="register" onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormFailure failure={failure} problems={errors.root} />
        <section className="card form-section">
          <h2>{t('register.petition')}</h2>
          <fieldset className="choice">
            <legend>{t('register.kind')}</legend>
            {caseKinds.map((value) => (
              <label key={value} className="choice-option">
                <input type="radio" value={value} {...register('kind')} />
                {t(`kind.${value}`)}
              </label>
            ))}
          </fieldset>
          <div className="form-grid">
            <Field label={t('register.channel')} required error={errors.channel}>
              {(control) =>
                unitOnly ? (
                  // Shown, not sent from here: a disabled control's value is not part of the form.
                  <select {...control} disabled value="unit_report">
                    <option value="unit_report">{t('channel.unit_report')}</option>
                  </select>
                ) : (
                  <select {...control} {...register('channel')}>
                    {availableChannels.map((value) => (
                      <option key={value} value={value}>
                        {t(`channel.${value}`)}
                      </option>
                    ))}
                  </select>
                )
              }
            </Field>
            <Field label={t('register.category')} required error={errors.category}>
              {(control) => (
                <select {...control} {...register('category')}>
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
            {urgencies.map((value) => (
              <label key={value} className={`choice-option urgency-choice-${value}`}>
                <input type="radio" value={value} {...register('urgency')} />
                {t(`urgency.${value}`)}
              </label>
            ))}
          </fieldset>
          {channel === 'letter' || channel === 'phone' || channel === 'online' ? (
            <Field label={t('register.receivedAt')} hint={t('register.receivedAtHint', { zone: timeZone })} error={errors.receivedAt}>
              {(control) => <input {...control} type="datetime-local" {...register('receivedAt')} />}
            </Field>
          ) : null}
        </section>

        <section className="card form-section">
          <h2>{t('register.matter')}</h2>
          <Field label={t('case.title')} required error={errors.title} hint={t('register.titleHint')}>
            {(control) => <input {...control} maxLength={200} {...register('title')} />}
          </Field>
          <Field label={t('case.description')} required error={errors.description}>
            {(control) => <textarea {...control} rows={4} {...register('description')} />}
          </Field>
          <Field label={t('case.location')} error={errors.location} hint={t('register.locationHint')}>
            {(control) => <input {...control} {...register('location')} />}
          </Field>
        </section>

        {kind === 'collective' ? (
          <section className="card form-section">
            <h2>{t('register.group')}</h2>
            <Field label={t('case.headcount')} error={errors.headcount} className="field-short">
              {(control) => <input {...control} type="number" min={2} inputMode="numeric" {...register('headcount')} />}
            </Field>
            <RepresentativesFields form={form} />
            <label className="check">
              <input type="checkbox" {...register('receiveTogether')} />
              {t('register.receiveTogether')}
            </label>
          </section>
        ) : (
          <section className="card form-section">
            <h2>{t('register.petitioner')}</h2>
            <p className="hint">{t('register.petitionerHint')}</p>
            <div className="form-grid">
              <Field label={t('register.petitionerName')} error={errors.petitionerName}>
                {(control) => <input {...control} {...register('petitionerName')} />}
              </Field>
              <Field label={t('register.petitionerContact')} error={errors.petitionerContact}>
                {(control) => <input {...control} type="tel" {...register('petitionerContact')} />}
              </Field>
            </div>
          </section>
        )}

        <section className="card form-section">
          <h2>{t('attachments.registerTitle')}</h2>
          <FilePicker
            label={t('attachments.registerLabel')}
            hint={t('attachments.registerHint')}
            files={files}
            onChoose={choose}
            problems={fileProblems}
            disabled={formState.isSubmitting}
          />
          {files.length > 0 ? (
            <label className="check">
              <input type="checkbox" checked={internal} onChange={(event) => setInternal(event.currentTarget.checked)} />
              {t('attachments.internalChoice')}
            </label>
          ) : null}
        </section>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('common.saving') : t('register.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
