import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { can } from '../../../../src/core/policy.js';
import { useLiveChanges } from '../../live/live';
import { useSession } from '../../session/session';
import { PageTitle } from '../../ui/page-title';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { QueueFilterBar, type FilterState } from './queue-filters';
import { QueueTable } from './queue-table';
import { isSortOrder } from './sort';
import { useQueue } from './use-queue';
import './queue.css';

const filterKeys = ['stage', 'urgency', 'unit', 'role', 'category', 'q', 'flag', 'receivedFrom', 'receivedTo', 'closedFrom', 'closedTo'] as const;

function readFilters(search: URLSearchParams): FilterState {
  const state: FilterState = { sort: isSortOrder(search.get('sort')) ? (search.get('sort') as FilterState['sort']) : 'newest' };
  for (const key of filterKeys) {
    const value = search.get(key);
    if (value) state[key] = value;
  }
  if (search.get('overdue') === 'true') state.overdue = true;
  if (search.get('objection') === 'true') state.objection = true;
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
  const queue = useQueue(filters.sort === 'newest' ? { ...filters, sort: undefined } : filters);
  const items = queue.items;
  const onChange = useCallback((next: FilterState) => setSearch(writeFilters(next), { replace: true }), [setSearch]);
  useLiveChanges(() => void queue.reload());
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
          {queue.loading && queue.items.length === 0
            ? ''
            : queue.nextCursor
              ? t('queue.showingMore', { count: items.length })
              : t('queue.showing', { count: items.length })}
        </p>
        <p className="shortcuts" aria-hidden="true">
          {t('queue.shortcuts')}
        </p>
      </div>
      {queue.error ? <ErrorState error={queue.error} retry={() => void queue.reload()} /> : null}
      {queue.loading && queue.items.length === 0 ? <Loading /> : null}
      {!queue.loading && !queue.error && items.length === 0 ? <Empty>{t('queue.empty')}</Empty> : null}
      {items.length > 0 ? <QueueTable items={items} /> : null}
      {queue.nextCursor ? (
        <p className="load-more">
          <button type="button" className="button" onClick={() => void queue.loadMore()} disabled={queue.loading}>
            {t('queue.loadMore')}
          </button>
        </p>
      ) : null}
    </>
  );
}
