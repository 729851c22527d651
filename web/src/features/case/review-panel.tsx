import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ReviewBodyBody, ReviewOutcomeBody } from '../../../../src/contract/reviews.js';
import { reviewOutcomes } from '../../../../src/core/reviews.js';
import { client, ok } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { useNow } from '../../session/session';
import { DeadlineBadge } from '../../ui/badges';
import { Field } from '../../ui/field';
import { roundKey } from '../reviews/round-key';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';

type Round = CaseDetail['reviews'][number];

/** The review body's conclusion on the round, once its written answer is given: upheld, changed or revoked, with a note. */
function OutcomeForm() {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: ReviewOutcomeBody,
    empty: { outcome: '', note: '' },
    kept: { note: 'review:note' },
    toBody: (values) => ({ outcome: values.outcome, ...(values.note?.trim() ? { note: values.note } : {}) }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/review/outcome', { params: { path: { id } }, body })),
  });
  const errors = form.formState.errors;
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('reviews.outcome')} required error={errors.outcome}>
        {(control) => (
          <select {...control} {...form.register('outcome')}>
            <option value="">{t('reviews.chooseOutcome')}</option>
            {reviewOutcomes.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`reviews.outcomes.${outcome}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('reviews.note')} error={errors.note}>
        {(control) => <textarea {...control} rows={2} {...form.register('note')} />}
      </Field>
      <FormFailure failure={failure} problems={errors.root} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('reviews.recordOutcome')}
      </button>
    </form>
  );
}

/** The name of the review body outside the system (a deployment without the level above), recorded so its request can be printed. */
function OutsideBodyForm({ named }: { named: string | null }) {
  const { t } = useTranslation();
  const { form, failure, onSubmit, busy } = useCaseForm({
    schema: ReviewBodyBody,
    empty: { name: named ?? '' },
    toBody: (values) => ({ name: values.name }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/review/body', { params: { path: { id } }, body })),
  });
  return (
    <form className="inline-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <Field label={t('reviews.outsideName')} hint={t('reviews.outsideHint')} required error={form.formState.errors.name}>
        {(control) => <input {...control} type="text" {...form.register('name')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <button type="submit" className="button" disabled={busy}>
        {t(named ? 'reviews.renameOutside' : 'reviews.recordOutside')}
      </button>
    </form>
  );
}

function bodyName(t: TFunction, round: Round, language: 'zh' | 'en'): string {
  if (!round.body.inSystem) return round.body.name ?? t('reviews.outsideUnnamed');
  return (language === 'en' ? round.body.nameEn : null) ?? round.body.name ?? '—';
}

/** One round: who answered, the body above it went to, its 30-day clock, its conclusion; for the latest, what the reader may do on it. */
function RoundRecord({ round, latest }: { round: Round; latest: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const { detail } = useCase();
  const may = latest && detail.abilities['case.review'] && round.outcome === null;
  const answered = detail.answers.some((answer) => answer.reviewRound === round.round);
  const answeredBy = (format.language === 'en' ? round.answeredBy.nameEn : null) ?? round.answeredBy.name ?? t('reviews.thisJurisdiction');
  return (
    <article className="record review-round" data-round={round.round}>
      <h3>
        {t(roundKey(round.round))} <DeadlineBadge deadline={round.clock} now={now} />
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('reviews.requestedAt')}</dt>
          <dd>{format.dateTime(round.requestedAt)}</dd>
        </div>
        <div>
          <dt>{t('reviews.answeredBy')}</dt>
          <dd>{answeredBy}</dd>
        </div>
        <div>
          <dt>{t('reviews.body')}</dt>
          <dd>
            {bodyName(t, round, format.language)}
            {round.body.inSystem ? null : <span className="badge">{t('reviews.outside')}</span>}
          </dd>
        </div>
        {round.clock.dueAt ? (
          <div>
            <dt>{t('reviews.clock')}</dt>
            <dd>
              {round.clock.doneAt ? t('deadline.doneAt', { when: format.dateTime(round.clock.doneAt) }) : t('deadline.dueAt', { when: format.dateTime(round.clock.dueAt) })}
            </dd>
          </div>
        ) : null}
        {round.outcome ? (
          <div>
            <dt>{t('reviews.outcome')}</dt>
            <dd>
              <strong>{t(`reviews.outcomes.${round.outcome}`)}</strong>
              {round.outcomeAt ? ` · ${format.dateTime(round.outcomeAt)}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="small">
        <strong>{t('reviews.reason')}</strong> {round.reason}
      </p>
      {round.outcomeNote ? <p className="record-body">{round.outcomeNote}</p> : null}
      {!round.body.inSystem && round.body.name ? (
        <p className="actions">
          {(['zh', 'en'] as const).map((lang) => (
            <a
              key={lang}
              className="button button-quiet"
              href={`/api/v1/cases/${encodeURIComponent(detail.id)}/reviews/${round.round}/request.pdf?lang=${lang}`}
              download
            >
              {t(lang === 'zh' ? 'reviews.requestPdfZh' : 'reviews.requestPdfEn')}
            </a>
          ))}
        </p>
      ) : null}
      {latest && detail.abilities['case.review'] && !round.body.inSystem && round.outcome === null ? <OutsideBodyForm named={round.body.name} /> : null}
      {may && !answered ? <p className="muted small">{t('reviews.answerFirst')}</p> : null}
      {may && answered ? <OutcomeForm /> : null}
    </article>
  );
}

/**
 * Review by the body above (复查, 复核; Art. 35–36): each round, the office it went to or the body
 * outside the system, its clock, its conclusion; why the reader may not handle the round under way
 * (recusal, another body's); the second review's conclusion as final.
 */
export function ReviewPanel() {
  const { t } = useTranslation();
  const { detail } = useCase();
  if (detail.reviews.length === 0) return null;
  const second = detail.reviews.find((round) => round.round === 2);
  return (
    <section className="card review-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('reviews.title')}</h2>
      {detail.reviewHandling ? (
        <p className="notice notice-warning" role="note">
          {t(`errors.reason.${detail.reviewHandling}`)}
        </p>
      ) : null}
      {detail.reviews.map((round) => (
        <RoundRecord key={round.round} round={round} latest={round.round === detail.reviewCount} />
      ))}
      {second?.outcome ? <p className="notice notice-info">{t('reviews.final', { outcome: t(`reviews.outcomes.${second.outcome}`) })}</p> : null}
    </section>
  );
}
