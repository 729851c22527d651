import { useTranslation } from 'react-i18next';
import { useFormat } from '../../session/formatters';
import { useCurrentPlan } from '../../session/plans';
import { useNow } from '../../session/session';
import { DeadlineBadge } from '../../ui/badges';
import { guardText } from '../../ui/server-text';
import { useCase } from './case-context';
import { ExtensionPanel } from './extension-panel';
import { PausePanel } from './pause-panel';

const clocks = ['accept', 'conclude', 'reviewRequest', 'review'] as const;

/** The facts of the petition as registered. */
export function Summary() {
  const { t } = useTranslation();
  const format = useFormat();
  const plan = useCurrentPlan();
  const { detail } = useCase();
  const category = plan?.document.categories.find((item) => item.code === detail.category);
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t('case.summary')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('case.reference')}</dt>
          <dd className="mono">{detail.reference}</dd>
        </div>
        <div>
          <dt>{t('register.kind')}</dt>
          <dd>
            {t(`kind.${detail.kind}`)}
            {detail.kind === 'collective' && detail.headcount ? ` · ${t('case.people', { count: detail.headcount })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('register.channel')}</dt>
          <dd>{t(`channel.${detail.channel}`)}</dd>
        </div>
        <div>
          <dt>{t('register.category')}</dt>
          <dd>{category ? format.text(category.name) : detail.category}</dd>
        </div>
        <div>
          <dt>{t('case.receivedAt')}</dt>
          <dd>{format.dateTime(detail.receivedAt)}</dd>
        </div>
        {detail.location ? (
          <div>
            <dt>{t('case.location')}</dt>
            <dd>{detail.location}</dd>
          </div>
        ) : null}
      </dl>
      <h3>{t('case.description')}</h3>
      <p className="record-body">{detail.description}</p>
    </section>
  );
}

/**
 * When the petitioner may ask for a review (the server's `review`, the one rule core/stages.ts
 * `reviewWindow` that the portal follows too): until when, not yet, or why not.
 */
function ReviewWindow() {
  const { t } = useTranslation();
  const format = useFormat();
  const { review } = useCase().detail;
  const said = review.possible && review.until
    ? t('deadline.reviewUntil', { until: format.dateTime(review.until) })
    : review.blockedBy === 'noAnswerYet'
      ? t('deadline.reviewNotYetOpen')
      : review.blockedBy
        ? t('deadline.reviewBlocked', { why: guardText(t, review.blockedBy) })
        : null;
  if (said === null) return null;
  return (
    <p className="review-window small">
      <strong>{t('deadline.reviewWindow')}</strong> {said}
    </p>
  );
}

/** The statutory clocks: accept within 15 days, conclude within 60, the review windows. */
export function Deadlines() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const { detail } = useCase();
  const shown = clocks.filter((clock) => detail.deadlines[clock].dueAt !== null);
  return (
    <section className="card" aria-labelledby="deadlines-heading">
      <h2 id="deadlines-heading">{t('deadline.title')}</h2>
      {shown.length === 0 ? <p className="muted">{t('deadline.noClocks')}</p> : null}
      <dl className="clocks">
        {shown.map((clock) => {
          const deadline = detail.deadlines[clock];
          return (
            <div className="clock" key={clock}>
              <dt>{t(`deadline.${clock}`)}</dt>
              <dd>
                <DeadlineBadge deadline={deadline} now={now} />
                <span className="clock-time">
                  {deadline.doneAt
                    ? t('deadline.doneAt', { when: format.dateTime(deadline.doneAt) })
                    : t('deadline.dueAt', { when: format.dateTime(deadline.dueAt ?? '') })}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
      <ReviewWindow />
      <ExtensionPanel />
      <PausePanel />
    </section>
  );
}
