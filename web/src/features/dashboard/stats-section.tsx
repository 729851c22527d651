import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { openStages } from '../../../../src/core/types.js';
import { query } from '../../api/client';
import type { Stats } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { formatDay, fromZonedInput } from '../../ui/time';
import { ChartFigure, CountBars, MissedOverTime, ReceivedClosed, type WeekRow } from './charts';

/** The queue showing the cases behind a figure (the URL parameters the queue reads). */
export const queueOf = (params: Record<string, string | boolean>) => `/${query(params)}`;

/** The UTC instants a local week (from its Monday, `YYYY-MM-DD`) starts and ends at in the jurisdiction's zone. */
export function weekBounds(weekStart: string, timeZone: string): { from: string; to: string } {
  const [year, month, day] = weekStart.split('-').map(Number);
  const next = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 7)).toISOString().slice(0, 10);
  return { from: fromZonedInput(`${weekStart}T00:00`, timeZone) ?? '', to: fromZonedInput(`${next}T00:00`, timeZone) ?? '' };
}

/** The accountability table for one local week (Monday to Sunday), where each miss names its cases. */
export function weekOf(weekStart: string): string {
  const [year, month, day] = weekStart.split('-').map(Number);
  const end = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 6)).toISOString().slice(0, 10);
  return `/dashboard${query({ from: weekStart, to: end })}#accountability`;
}

/** The county at a glance: open cases by stage and unit, missed deadlines and throughput by week; each figure opens its cases. */
export function StatsSection({ stats }: { stats: Stats }) {
  const { t } = useTranslation();
  const format = useFormat();
  const byStage = openStages.map((stage) => ({ label: t(`stage.${stage}`), count: stats.open.byStage[stage] ?? 0, to: queueOf({ stage }) }));
  const byUnit = stats.open.byUnit.map((row) => ({
    label: format.unit(row.unitId, row.unitName),
    count: row.count,
    to: queueOf({ stage: 'open', unit: row.unitId, role: 'lead' }),
  }));
  const weeks: WeekRow[] = stats.weekly.map((row) => {
    const { from, to } = weekBounds(row.weekStart, format.timeZone);
    return {
      week: formatDay(row.weekStart, format.language),
      received: row.received,
      closed: row.closed,
      missed: row.missed,
      to: weekOf(row.weekStart),
      receivedTo: queueOf({ receivedFrom: from, receivedTo: to }),
      closedTo: queueOf({ closedFrom: from, closedTo: to }),
    };
  });
  const major = stats.open.byUrgency.major ?? 0;
  const urgent = stats.open.byUrgency.urgent ?? 0;
  return (
    <>
      <ul className="tiles">
        <li className="tile">
          <Link to={queueOf({ stage: 'open' })} className="tile-link">
            <span className="tile-label">{t('dashboard.openTotal')}</span>
            <span className="tile-value">{stats.open.total}</span>
          </Link>
        </li>
        <li className={`tile${stats.overdue.total > 0 ? ' tile-alert' : ''}`}>
          <Link to={queueOf({ overdue: true })} className="tile-link">
            <span className="tile-label">{t('dashboard.overdueTotal')}</span>
            <span className="tile-value">{stats.overdue.total}</span>
          </Link>
        </li>
        <li className="tile">
          <span className="tile-label">{t('dashboard.pressing')}</span>
          <span className="tile-value">{major + urgent}</span>
          <span className="tile-parts">
            <Link to={queueOf({ stage: 'open', urgency: 'major' })}>{t('dashboard.urgencyCount', { urgency: t('urgency.major'), count: major })}</Link>
            <Link to={queueOf({ stage: 'open', urgency: 'urgent' })}>{t('dashboard.urgencyCount', { urgency: t('urgency.urgent'), count: urgent })}</Link>
          </span>
        </li>
        <li className="tile tile-supervised">
          <Link to={queueOf({ supervised: true })} className="tile-link">
            <span className="tile-label">{t('dashboard.supervisedTotal')}</span>
            <span className="tile-value">{stats.supervised.total}</span>
            <span className="tile-parts">{t('dashboard.listedCount', { count: stats.supervised.listed })}</span>
          </Link>
        </li>
      </ul>
      <p className="muted small">{t('dashboard.clickThrough')}</p>
      <div className="chart-grid">
        <ChartFigure title={t('dashboard.byStage')} columns={[t('queue.stage'), t('dashboard.cases')]} rows={byStage.map((row) => ({ label: row.label, values: [row.count], to: row.to }))}>
          <CountBars data={byStage} name={t('dashboard.cases')} />
        </ChartFigure>
        <ChartFigure
          title={t('dashboard.byUnit')}
          columns={[t('queue.unit'), t('dashboard.cases')]}
          rows={byUnit.map((row) => ({ label: row.label, values: [row.count], to: row.to }))}
          // Room for a unit's name on two or three lines (English names are long).
          height={Math.max(220, byUnit.length * 52)}
        >
          <CountBars data={byUnit} name={t('dashboard.cases')} horizontal />
        </ChartFigure>
        <ChartFigure
          title={t('dashboard.missedOverTime')}
          columns={[t('dashboard.week'), t('dashboard.missed')]}
          rows={weeks.map((row) => ({ label: row.week, values: [row.missed], to: row.to }))}
        >
          <MissedOverTime data={weeks} label={t('dashboard.missed')} />
        </ChartFigure>
        <ChartFigure
          title={t('dashboard.receivedClosed')}
          columns={[t('dashboard.week'), t('dashboard.received'), t('dashboard.closed')]}
          rows={weeks.map((row) => ({ label: row.week, values: [row.received, row.closed], links: [row.receivedTo, row.closedTo] }))}
        >
          <ReceivedClosed data={weeks} labels={{ received: t('dashboard.received'), closed: t('dashboard.closed') }} />
        </ChartFigure>
      </div>
    </>
  );
}
