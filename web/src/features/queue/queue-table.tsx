import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CaseSummary } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { useCurrentPlan } from '../../session/plans';
import { useNow } from '../../session/session';
import { DeadlineBadge, FlagBadges, nextOwed, StageBadge, UrgencyBadge } from '../../ui/badges';

/** Typing in a field must never move the selection. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

/**
 * The queue as a table (cards on a phone). `j`/`k` or the arrow keys move through the cases,
 * Enter opens the one selected.
 */
export function QueueTable({ items }: { items: CaseSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const navigate = useNavigate();
  const plan = useCurrentPlan();
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const [selected, setSelected] = useState(-1);
  const categories = new Map((plan?.document.categories ?? []).map((category) => [category.code, format.text(category.name)]));

  const select = (index: number) => {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setSelected(next);
    const link = links.current[next];
    link?.focus();
    link?.closest('tr')?.scrollIntoView({ block: 'nearest' });
  };

  // Registered afresh each render, so the keys always act on the current selection and items.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target) || items.length === 0) return;
      if (event.key === 'j') select(selected + 1);
      else if (event.key === 'k') select(selected - 1);
      else if (event.key === 'Enter' && selected >= 0 && document.activeElement === document.body) {
        const item = items[selected];
        if (item) void navigate(`/cases/${item.id}`);
      } else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const onArrows = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    select(selected + (event.key === 'ArrowDown' ? 1 : -1));
  };

  return (
    <table className="queue" onKeyDown={onArrows}>
      <caption className="visually-hidden">{t('queue.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('case.reference')}</th>
          <th scope="col">{t('case.title')}</th>
          <th scope="col">{t('queue.stage')}</th>
          <th scope="col">{t('queue.urgency')}</th>
          <th scope="col">{t('queue.category')}</th>
          <th scope="col">{t('case.receivedAt')}</th>
          <th scope="col">{t('queue.nextDeadline')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, index) => {
          const owed = nextOwed(item);
          return (
            <tr key={item.id} className={index === selected ? 'selected' : undefined} aria-current={index === selected ? 'true' : undefined}>
              <td className="mono" data-label={t('case.reference')}>
                {item.reference}
              </td>
              <td className="queue-title">
                <Link
                  to={`/cases/${item.id}`}
                  ref={(element) => {
                    links.current[index] = element;
                  }}
                  onFocus={() => setSelected(index)}
                >
                  {item.titleWithheld ? <em>{t('matter.titleWithheld')}</em> : item.title}
                </Link>
                {item.flags.length > 0 || item.openObjection ? (
                  <span className="queue-flags">
                    <FlagBadges flags={item.flags} />
                    {item.openObjection ? (
                      <span className="badge flag flag-objection">
                        <span aria-hidden="true">⚑ </span>
                        {t('queue.objected')}
                      </span>
                    ) : null}
                  </span>
                ) : null}
                <span className="queue-meta">
                  {t(`kind.${item.kind}`)}
                  {item.kind === 'collective' && item.headcount ? ` · ${t('case.people', { count: item.headcount })}` : ''}
                  {item.location ? ` · ${item.location}` : ''}
                </span>
              </td>
              <td data-label={t('queue.stage')}>
                <StageBadge stage={item.stage} />
              </td>
              <td data-label={t('queue.urgency')}>
                <UrgencyBadge urgency={item.urgency} />
              </td>
              <td data-label={t('queue.category')}>{categories.get(item.category) ?? item.category}</td>
              <td data-label={t('case.receivedAt')}>{format.dateTime(item.receivedAt)}</td>
              <td data-label={t('queue.nextDeadline')}>
                {owed ? (
                  <span className="deadline-cell">
                    <span className="deadline-name">{t(`deadline.${owed.clock}`)}</span>
                    <DeadlineBadge deadline={owed.deadline} now={now} />
                  </span>
                ) : (
                  <span className="muted">{t('deadline.none')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
