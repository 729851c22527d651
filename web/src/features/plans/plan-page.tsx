import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can } from '../../../../src/core/policy.js';
import { useQuery } from '@tanstack/react-query';
import { useFormat } from '../../session/formatters';
import { planQuery } from '../../session/plans';
import { useSession } from '../../session/session';
import { PageTitle } from '../../ui/page-title';
import { ErrorState, Loading } from '../../ui/states';
import { CatalogueWaiting } from './catalogue-waiting';
import { PlanDocumentView } from './plan-document';
import { PublishButton } from './publish-button';
import './plans.css';

/** One plan version, readable and printable; admins edit drafts and publish from here. */
export function PlanPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const { user } = useSession();
  const plan = useQuery(planQuery(id));
  const mayWrite = can({ id: user.id, role: user.role, unitId: user.unitId }, 'plan.write');
  if (plan.error) return <ErrorState error={plan.error} />;
  if (!plan.data) return <Loading />;
  const data = plan.data;
  const name = format.text(data.document.name);
  return (
    <>
      <PageTitle
        title={name}
        actions={
          <>
            <button type="button" className="button no-print" onClick={() => window.print()}>
              {t('plan.print')}
            </button>
            {mayWrite && data.status === 'draft' ? (
              <Link className="button no-print" to={`/plans/${data.id}/edit`}>
                {t('plan.edit')}
              </Link>
            ) : null}
            {mayWrite && data.status === 'published' ? (
              <Link className="button no-print" to={`/plans/new?from=${data.id}`}>
                {t('plan.newDraftFrom')}
              </Link>
            ) : null}
          </>
        }
      >
        {name}
      </PageTitle>
      <p className="plan-meta">
        <span className={`badge plan-${data.status}`}>{t(`plan.statusName.${data.status}`)}</span> {t('plan.versionN', { n: data.version })} ·{' '}
        <span className="mono">{data.key}</span>
        {data.publishedAt ? ` · ${t('plan.publishedOn', { when: format.dateTime(data.publishedAt) })}` : ''}
      </p>
      <CatalogueWaiting plan={data} />
      {mayWrite && data.status === 'draft' ? <PublishButton plan={data} /> : null}
      <PlanDocumentView document={data.document} />
    </>
  );
}
