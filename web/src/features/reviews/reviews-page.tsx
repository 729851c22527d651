import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useFormat } from '../../session/formatters';
import { useCurrentPlan } from '../../session/plans';
import { useNow, useSession } from '../../session/session';
import { DeadlineBadge, StageBadge } from '../../ui/badges';
import { PageTitle } from '../../ui/page-title';
import { roundKey } from './round-key';
import { ResourceTable } from '../../ui/resource-table';

type State = 'open' | 'all';

/** The rounds that went to the reader's own petition office; under the cases' key, so a live change to a case fetches it again. */
function reviewsQuery(state: State) {
  return queryOptions({
    queryKey: queryKeys.reviews(state),
    queryFn: ({ signal }) => ok(client.GET('/api/v1/reviews', { params: { query: { state } }, signal })),
  });
}

/**
 * The reviews waiting for this office (复查, 复核; Art. 35–36): the cases whose review went to the
 * reader's petition office, each with its 30-day clock, soonest due first.
 */
export default function ReviewsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const plan = useCurrentPlan();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const state: State = search.get('state') === 'all' ? 'all' : 'open';
  const reviews = useQuery({ ...reviewsQuery(state), enabled: user.unitId !== null });
  const category = (code: string) => {
    const found = plan?.document.categories.find((item) => item.code === code);
    return found ? format.text(found.name) : code;
  };
  return (
    <>
      <PageTitle title={t('reviews.pageTitle')}>{t('reviews.pageTitle')}</PageTitle>
      <p className="lead">{user.unitId ? t('reviews.pageLead', { office: format.unit(user.unitId) }) : t('reviews.noUnit')}</p>
      <div className="range" role="group" aria-label={t('reviews.show')}>
        {(['open', 'all'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            className={`button${choice === state ? '' : ' button-quiet'}`}
            aria-pressed={choice === state}
            onClick={() => setSearch(choice === 'open' ? {} : { state: choice }, { replace: true })}
          >
            {t(`reviews.state.${choice}`)}
          </button>
        ))}
      </div>
      {user.unitId ? (
        <div className="table-scroll">
          <ResourceTable
            query={reviews}
            empty={t(state === 'open' ? 'reviews.noneOpen' : 'reviews.none')}
            columns={[t('case.reference'), t('register.category'), t('reviews.roundColumn'), t('reviews.requestedAt'), t('reviews.clock'), t('queue.stage'), t('reviews.outcome')]}
            row={(item) => (
              <tr key={`${item.caseId}-${item.round}`}>
                <td>
                  <Link className="mono" to={`/cases/${item.caseId}`}>
                    {item.reference}
                  </Link>
                </td>
                <td>{category(item.category)}</td>
                <td>{t(roundKey(item.round))}</td>
                <td>{format.dateTime(item.requestedAt)}</td>
                <td>
                  <DeadlineBadge deadline={item.clock} now={now} />
                  {item.clock.dueAt ? <span className="small"> {t('deadline.dueAt', { when: format.dateTime(item.clock.dueAt) })}</span> : null}
                </td>
                <td>
                  <StageBadge stage={item.stage} />
                </td>
                <td>{item.outcome ? t(`reviews.outcomes.${item.outcome}`) : <span className="muted">—</span>}</td>
              </tr>
            )}
          />
        </div>
      ) : null}
    </>
  );
}
