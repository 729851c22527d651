import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can } from '../../../../src/core/policy.js';
import { useQuery } from '@tanstack/react-query';
import { useFormat } from '../../session/formatters';
import { currentPlanSummary, planListQuery } from '../../session/plans';
import { useSession } from '../../session/session';
import { PageTitle } from '../../ui/page-title';
import { ErrorState, Loading } from '../../ui/states';
import './plans.css';

/** Every version of every plan; the current one is what new cases open under. */
export function PlansPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useSession();
  const plans = useQuery(planListQuery);
  const mayWrite = can({ id: user.id, role: user.role, unitId: user.unitId }, 'plan.write');
  const current = plans.data ? currentPlanSummary(plans.data.items) : undefined;
  return (
    <>
      <PageTitle
        title={t('plan.listTitle')}
        actions={
          mayWrite ? (
            <Link className="button button-primary" to={current ? `/plans/new?from=${current.id}` : '/plans/new'}>
              {t('plan.newDraft')}
            </Link>
          ) : null
        }
      >
        {t('plan.listTitle')}
      </PageTitle>
      {plans.error ? <ErrorState error={plans.error} retry={() => void plans.refetch()} /> : null}
      {plans.isPending ? <Loading /> : null}
      {plans.data ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('plan.name')}</th>
              <th scope="col">{t('plan.version')}</th>
              <th scope="col">{t('plan.status')}</th>
              <th scope="col">{t('plan.created')}</th>
              <th scope="col">{t('plan.published')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.data.items.map((plan) => (
              <tr key={plan.id}>
                <td data-label={t('plan.name')}>
                  <Link to={`/plans/${plan.id}`}>{plan.name}</Link> <span className="mono muted small">{plan.key}</span>
                </td>
                <td data-label={t('plan.version')}>{plan.version}</td>
                <td data-label={t('plan.status')}>
                  <span className={`badge plan-${plan.status}`}>{t(`plan.statusName.${plan.status}`)}</span>
                  {plan.id === current?.id ? <span className="badge plan-current">{t('plan.current')}</span> : null}
                </td>
                <td data-label={t('plan.created')}>{format.dateTime(plan.createdAt)}</td>
                <td data-label={t('plan.published')}>{plan.publishedAt ? format.dateTime(plan.publishedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
