import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { ErrorState } from '../../ui/states';

/**
 * The accountability report's section on cases in personal charge (包案): per leader, the cases,
 * those still open, concluded and of those on time, rated by the petitioner and of those satisfied.
 */
export function PersonalChargeSection({ from, to }: { from: string | undefined; to: string | undefined }) {
  const { t } = useTranslation();
  const instants = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const report = useQuery({
    queryKey: [...queryKeys.personalChargeReport, from ?? '', to ?? ''],
    queryFn: ({ signal }) => ok(client.GET('/api/v1/reports/personal-charge', { params: { query: instants }, signal })),
  });
  const columns = ['cases', 'open', 'concluded', 'concludedOnTime', 'rated', 'satisfied'] as const;
  return (
    <div className="personal-charge" id="personal-charge-report">
      <h3>{t('personalChargeReport.title')}</h3>
      <p className="muted small">{t('personalChargeReport.hint', { rating: report.data?.satisfiedRating ?? 4 })}</p>
      {report.error ? <ErrorState error={report.error} retry={() => void report.refetch()} /> : null}
      {report.data && report.data.leaders.length === 0 ? <p className="muted">{t('personalChargeReport.none')}</p> : null}
      {report.data && report.data.leaders.length > 0 ? (
        <div className="table-scroll" tabIndex={0} aria-label={t('personalChargeReport.title')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('personalChargeReport.leader')}</th>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {t(`personalChargeReport.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.data.leaders.map((leader) => (
                <tr key={leader.leaderId}>
                  <th scope="row">{leader.leaderName}</th>
                  {columns.map((column) => (
                    <td key={column}>{leader[column]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
