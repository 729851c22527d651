import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { caseFlags } from '../../../../src/core/flags.js';
import { can } from '../../../../src/core/policy.js';
import { assignmentRoles, stages, urgencies } from '../../../../src/core/types.js';
import { useSession } from '../../session/session';
import { PageTitle } from '../../ui/page-title';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { QueueFilterBar, type FilterState } from './queue-filters';
import { QueueTable } from './queue-table';
import { oneOf, queueQuery } from './queue-query';
import { isSortOrder } from './sort';
import './queue.css';

const textKeys = ['unit', 'category', 'q', 'receivedFrom', 'receivedTo', 'closedFrom', 'closedTo'] as const;
const filterKeys = [...textKeys, 'stage', 'urgency', 'role', 'flag'] as const;

function readFilters(search: URLSearchParams): FilterState {
  const sort = search.get('sort');
  const state: FilterState = {
    sort: isSortOrder(sort) ? sort : 'newest',
    stage: oneOf([...stages, 'open'], search.get('stage')),
    urgency: oneOf(urgencies, search.get('urgency')),
    role: oneOf(assignmentRoles, search.get('role')),
    flag: oneOf(caseFlags, search.get('flag')),
  };
  for (const key of textKeys) {
    const value = search.get(key);
    if (value) state[key] = value;
  }
  if (search.get('overdue') === 'true') state.overdue = true;
  if (search.get('objection') === 'true') state.objection = true;
  if (search.get('supervised') === 'true') state.supervised = true;
  if (search.get('inCharge') === 'true') state.inCharge = true;
  return state;
}

function writeFilters(state: FilterState): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of filterKeys) {
    const value = state[key];
    if (value) search.set(key, value);
  }
  if (state.overdue) search.set('overdue', 'true');
  if (state.objection) search.set('objection', 'true');
  if (state.supervised) search.set('supervised', 'true');
  if (state.inCharge) search.set('inCharge', 'true');
  if (state.sort !== 'newest') search.set('sort', state.sort);
  return search;
}

/** The case queue: what the office (or a unit) has to work on, filtered, sorted, live. */
export function QueuePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => readFilters(search), [search]);
  // The server sorts: every page comes in the order chosen, over all the cases that match.
  // While other filters load, the cases of the last ones stay on screen. The live stream
  // invalidates the queue (live/live.tsx), which fetches every loaded page again.
  const queue = useInfiniteQuery({ ...queueQuery(filters.sort === 'newest' ? { ...filters, sort: undefined } : filters), placeholderData: keepPreviousData });
  const items = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);
  // Loading is the first page of some filters or the next page; a live refetch is silent.
  const loading = queue.isPending || queue.isPlaceholderData || queue.isFetchingNextPage;
  const onChange = useCallback((next: FilterState) => setSearch(writeFilters(next), { replace: true }), [setSearch]);
  const mayRegister = can({ id: user.id, role: user.role, unitId: user.unitId }, 'case.create');

  return (
    <>
      <PageTitle
        title={t('queue.title')}
        actions={
          mayRegister ? (
            <Link className="button button-primary" to="/cases/new">
              {t('queue.register')}
            </Link>
          ) : null
        }
      >
        {t('queue.title')}
      </PageTitle>
      {user.role === 'unit_officer' ? <p className="lead">{t('queue.unitScope')}</p> : null}
      <QueueFilterBar value={filters} onChange={onChange} />
      <div className="queue-status">
        <p role="status" aria-live="polite">
          {loading && items.length === 0
            ? ''
            : queue.hasNextPage
              ? t('queue.showingMore', { count: items.length })
              : t('queue.showing', { count: items.length })}
        </p>
        <p className="shortcuts" aria-hidden="true">
          {t('queue.shortcuts')}
        </p>
      </div>
      {queue.error ? <ErrorState error={queue.error} retry={() => void queue.refetch()} /> : null}
      {loading && items.length === 0 ? <Loading /> : null}
      {!loading && !queue.error && items.length === 0 ? <Empty>{t('queue.empty')}</Empty> : null}
      {items.length > 0 ? <QueueTable items={items} /> : null}
      {queue.hasNextPage ? (
        <p className="load-more">
          <button type="button" className="button" onClick={() => void queue.fetchNextPage()} disabled={loading}>
            {t('queue.loadMore')}
          </button>
        </p>
      ) : null}
    </>
  );
}
