import { useTranslation } from 'react-i18next';
import type { Stats } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { useLiveChanges } from '../../live/live';
import { useFormat } from '../../session/formatters';
import { PageTitle } from '../../ui/page-title';
import { ErrorState, Loading } from '../../ui/states';
import { Accountability } from './accountability';
import { StatsSection } from './stats-section';
import './dashboard.css';

/** Charts of the county's caseload and the accountability table, for the office and its leaders. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const stats = useResource<Stats>('/api/v1/stats');
  useLiveChanges(() => void stats.reload(), undefined, 1000);
  return (
    <>
      <PageTitle title={t('dashboard.title')}>{t('dashboard.title')}</PageTitle>
      {stats.data ? <p className="lead">{t('dashboard.generatedAt', { when: format.dateTime(stats.data.generatedAt) })}</p> : null}
      {stats.loading ? <Loading /> : null}
      {stats.error?.status === 404 ? <p className="notice notice-info">{t('dashboard.notYet')}</p> : null}
      {stats.error && stats.error.status !== 404 ? <ErrorState error={stats.error} retry={() => void stats.reload()} /> : null}
      {stats.data ? <StatsSection stats={stats.data} /> : null}
      <Accountability />
    </>
  );
}
