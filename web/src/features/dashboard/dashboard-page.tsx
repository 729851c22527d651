import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { appPages } from '../../pages';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Stats } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { PageTitle } from '../../ui/page-title';
import { ErrorState, Loading } from '../../ui/states';
import { Accountability } from './accountability';
import { Indicators } from './indicators';
import { StatsSection } from './stats-section';
import './dashboard.css';

/** The county's figures; the live stream invalidates `stats` (live/live.tsx), at most about once a second. */
const statsQuery = queryOptions({
  queryKey: queryKeys.stats,
  queryFn: ({ signal }): Promise<Stats> => ok(client.GET('/api/v1/stats', { signal })),
});

/** Charts of the county's caseload, the accountability table and the indicators, for the office and its leaders. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const stats = useQuery(statsQuery);
  return (
    <>
      <PageTitle title={t('dashboard.title')}>{t('dashboard.title')}</PageTitle>
      {stats.data ? <p className="lead">{t('dashboard.generatedAt', { when: format.dateTime(stats.data.generatedAt) })}</p> : null}
      <p>
        <Link to={appPages.annualReport} id="annual-report-link">
          {t('annualReport.link')}
        </Link>
      </p>
      {stats.isPending ? <Loading /> : null}
      {stats.error?.status === 404 ? <p className="notice notice-info">{t('dashboard.notYet')}</p> : null}
      {stats.error && stats.error.status !== 404 ? <ErrorState error={stats.error} retry={() => void stats.refetch()} /> : null}
      {stats.data ? <StatsSection stats={stats.data} /> : null}
      <Accountability />
      <Indicators />
      <p>
        <Link to="/dashboard/recurring-issues">{t('recurring.open')}</Link>
      </p>
    </>
  );
}
