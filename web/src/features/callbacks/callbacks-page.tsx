import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useFormat } from '../../session/formatters';
import { StageBadge } from '../../ui/badges';
import { PageTitle } from '../../ui/page-title';
import { ResourceTable } from '../../ui/resource-table';

/** The call-backs due, soonest first (the first 200); under the cases' key, so a live change to a case fetches it again. */
function callbacksDueQuery() {
  return queryOptions({
    queryKey: queryKeys.callbacksDue,
    queryFn: ({ signal }) => ok(client.GET('/api/v1/callbacks/due', { params: { query: { limit: 200 } }, signal })),
  });
}

/** The office's list of call-backs due (回访): each answered case, or reported rework, waiting for its call. */
export default function CallbacksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const due = useQuery(callbacksDueQuery());
  return (
    <>
      <PageTitle title={t('callbacks.pageTitle')}>{t('callbacks.pageTitle')}</PageTitle>
      <p className="lead">{t('callbacks.pageLead')}</p>
      <div className="table-scroll">
        <ResourceTable
          query={due}
          empty={t('callbacks.noneDue')}
          columns={[t('case.reference'), t('callbacks.caseTitle'), t('callbacks.leadUnit'), t('callbacks.after'), t('callbacks.dueColumn'), t('queue.stage')]}
          row={(item) => (
            <tr key={item.callbackId}>
              <td>
                <Link className="mono" to={`/cases/${item.caseId}`}>
                  {item.reference}
                </Link>
              </td>
              <td>{item.title}</td>
              <td>{item.leadUnitId ? format.unit(item.leadUnitId, item.leadUnitName ?? '') : <span className="muted">—</span>}</td>
              <td>{t(item.afterRework ? 'callbacks.afterRework' : 'callbacks.afterAnswer')}</td>
              <td>
                {format.dateTime(item.dueAt)} {item.overdue ? <span className="badge deadline-missed">{t('deadline.missed')}</span> : null}
              </td>
              <td>
                <StageBadge stage={item.stage} />
              </td>
            </tr>
          )}
        />
      </div>
    </>
  );
}
