import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseFlags } from '../../../../src/core/flags.js';
import { assignmentRoles, stages, urgencies } from '../../../../src/core/types.js';
import { useFormat } from '../../session/formatters';
import { useCurrentPlan } from '../../session/plans';
import { useSession } from '../../session/session';
import { oneOf, type QueueFilters } from './queue-query';
import { isSortOrder, sortOrders, type SortOrder } from './sort';

export interface FilterState extends QueueFilters {
  sort: SortOrder;
}

/** The queue's filters; every change is applied at once (text search when typing pauses). */
export function QueueFilterBar({ value, onChange }: { value: FilterState; onChange: (next: FilterState) => void }) {
  const { t } = useTranslation();
  const { user, units } = useSession();
  const format = useFormat();
  const plan = useCurrentPlan();
  const [text, setText] = useState(value.q ?? '');
  // The box follows the search in force when that changes from outside (back, a link, clearing).
  const [shownQ, setShownQ] = useState(value.q);
  if (shownQ !== value.q) {
    setShownQ(value.q);
    setText(value.q ?? '');
  }
  // Typing applies once it pauses; any other change meanwhile restarts the wait with the new filters.
  useEffect(() => {
    if (text === (value.q ?? '')) return;
    const timer = setTimeout(() => onChange({ ...value, q: text.trim() || undefined }), 400);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);

  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch });
  const periods = datePeriods(value);
  const active = Boolean(
    value.stage || value.urgency || value.unit || value.role || value.category || value.overdue || value.supervised || value.inCharge || value.q || value.objection || value.flag || periods.length > 0,
  );
  // One choice of what needs a look: a unit's open objection, or one of the flags.
  const attention = value.objection ? 'objection' : value.flag ? `flag:${value.flag}` : '';
  const setAttention = (choice: string) =>
    set({ objection: choice === 'objection' || undefined, flag: choice.startsWith('flag:') ? oneOf(caseFlags, choice.slice('flag:'.length)) : undefined });

  return (
    <form className="filters" role="search" aria-label={t('queue.filters')} onSubmit={(event) => event.preventDefault()}>
      <div className="filter filter-search">
        <label htmlFor="queue-q">{t('queue.search')}</label>
        <input
          id="queue-q"
          type="search"
          value={text}
          placeholder={t('queue.searchHint')}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onChange({ ...value, q: text.trim() || undefined });
          }}
        />
      </div>
      <div className="filter">
        <label htmlFor="queue-stage">{t('queue.stage')}</label>
        <select id="queue-stage" value={value.stage ?? ''} onChange={(event) => set({ stage: oneOf([...stages, 'open'], event.target.value) })}>
          <option value="">{t('queue.any')}</option>
          <option value="open">{t('queue.anyOpen')}</option>
          {stages.map((stage) => (
            <option key={stage} value={stage}>
              {t(`stage.${stage}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="queue-urgency">{t('queue.urgency')}</label>
        <select id="queue-urgency" value={value.urgency ?? ''} onChange={(event) => set({ urgency: oneOf(urgencies, event.target.value) })}>
          <option value="">{t('queue.any')}</option>
          {urgencies.map((urgency) => (
            <option key={urgency} value={urgency}>
              {t(`urgency.${urgency}`)}
            </option>
          ))}
        </select>
      </div>
      {user.role === 'unit_officer' ? null : (
        <div className="filter">
          <label htmlFor="queue-unit">{t('queue.unit')}</label>
          <select
            id="queue-unit"
            value={value.unit ?? ''}
            onChange={(event) => set({ unit: event.target.value || undefined, ...(event.target.value ? {} : { role: undefined }) })}
          >
            <option value="">{t('queue.any')}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {format.unit(unit.id)}
              </option>
            ))}
          </select>
        </div>
      )}
      {value.unit || user.role === 'unit_officer' ? (
        <div className="filter">
          <label htmlFor="queue-role">{t('queue.unitRole')}</label>
          <select id="queue-role" value={value.role ?? ''} onChange={(event) => set({ role: oneOf(assignmentRoles, event.target.value) })}>
            <option value="">{t('queue.any')}</option>
            {assignmentRoles.map((role) => (
              <option key={role} value={role}>
                {t(`assignmentRole.${role}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="filter">
        <label htmlFor="queue-category">{t('queue.category')}</label>
        <select id="queue-category" value={value.category ?? ''} onChange={(event) => set({ category: event.target.value || undefined })}>
          <option value="">{t('queue.any')}</option>
          {(plan?.document.categories ?? []).map((category) => (
            <option key={category.code} value={category.code}>
              {format.text(category.name)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="queue-attention">{t('queue.attention')}</label>
        <select id="queue-attention" value={attention} onChange={(event) => setAttention(event.target.value)}>
          <option value="">{t('queue.any')}</option>
          <option value="objection">{t('queue.objected')}</option>
          {caseFlags.map((flag) => (
            <option key={flag} value={`flag:${flag}`}>
              {t(`flag.${flag}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="queue-sort">{t('queue.sort')}</label>
        <select id="queue-sort" value={value.sort} onChange={(event) => set({ sort: isSortOrder(event.target.value) ? event.target.value : value.sort })}>
          {sortOrders.map((order) => (
            <option key={order} value={order}>
              {t(`queue.sortBy.${order}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter filter-check">
        <input id="queue-overdue" type="checkbox" checked={Boolean(value.overdue)} onChange={(event) => set({ overdue: event.target.checked || undefined })} />
        <label htmlFor="queue-overdue">{t('queue.overdueOnly')}</label>
      </div>
      <div className="filter filter-check">
        <input id="queue-supervised" type="checkbox" checked={Boolean(value.supervised)} onChange={(event) => set({ supervised: event.target.checked || undefined })} />
        <label htmlFor="queue-supervised">{t('queue.supervisedOnly')}</label>
      </div>
      {user.role === 'leader' ? (
        <div className="filter filter-check">
          <input id="queue-in-charge" type="checkbox" checked={Boolean(value.inCharge)} onChange={(event) => set({ inCharge: event.target.checked || undefined })} />
          <label htmlFor="queue-in-charge">{t('queue.inChargeOnly')}</label>
        </div>
      ) : null}
      {periods.map((period) => (
        <p className="filter filter-period" key={period.kind} id={`queue-${period.kind}-period`}>
          <span>
            {t(`queue.period.${period.kind}`, {
              from: period.from ? format.date(period.from) : '…',
              // The end is exclusive: the last day shown is the one before it.
              to: period.to ? format.date(new Date(Date.parse(period.to) - 1).toISOString()) : '…',
            })}
          </span>
          <button type="button" className="button button-quiet" onClick={() => set(period.kind === 'received' ? { receivedFrom: undefined, receivedTo: undefined } : { closedFrom: undefined, closedTo: undefined })}>
            {t('queue.period.clear')}
          </button>
        </p>
      ))}
      {active ? (
        <button
          type="button"
          className="button button-quiet filter-clear"
          onClick={() => {
            // Text typed but not yet applied would otherwise be applied after the filters were cleared.
            setText('');
            onChange({ sort: value.sort });
          }}
        >
          {t('queue.clear')}
        </button>
      ) : null}
    </form>
  );
}

/** The time filters in force (set from the dashboard's weekly chart), each shown with a way to clear it. */
function datePeriods(value: QueueFilters): { kind: 'received' | 'closed'; from?: string; to?: string }[] {
  const periods: { kind: 'received' | 'closed'; from?: string; to?: string }[] = [];
  if (value.receivedFrom || value.receivedTo) periods.push({ kind: 'received', from: value.receivedFrom, to: value.receivedTo });
  if (value.closedFrom || value.closedTo) periods.push({ kind: 'closed', from: value.closedFrom, to: value.closedTo });
  return periods;
}
