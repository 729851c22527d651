import { useTranslation } from 'react-i18next';
import { openStages } from '../../../../src/core/types.js';
import type { Stats } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { formatDay } from '../../ui/time';
import { ChartFigure, CountBars, MissedOverTime, ReceivedClosed, type WeekRow } from './charts';

/** The county at a glance: open cases by stage and unit, missed deadlines and throughput by week. */
export function StatsSection({ stats }: { stats: Stats }) {
  const { t } = useTranslation();
  const format = useFormat();
  const byStage = openStages.map((stage) => ({ label: t(`stage.${stage}`), count: stats.open.byStage[stage] ?? 0 }));
  const byUnit = stats.open.byUnit.map((row) => ({ label: format.unit(row.unitId, row.unitName), count: row.count }));
  const weeks: WeekRow[] = stats.weekly.map((row) => ({
    week: formatDay(row.weekStart, format.language),
    received: row.received,
    closed: row.closed,
    missed: row.missed,
  }));
  const pressing = (stats.open.byUrgency.major ?? 0) + (stats.open.byUrgency.urgent ?? 0);
  return (
    <>
      <dl className="tiles">
        <div className="tile">
          <dt>{t('dashboard.openTotal')}</dt>
          <dd>{stats.open.total}</dd>
        </div>
        <div className={`tile${stats.overdue.total > 0 ? ' tile-alert' : ''}`}>
          <dt>{t('dashboard.overdueTotal')}</dt>
          <dd>{stats.overdue.total}</dd>
        </div>
        <div className="tile">
          <dt>{t('dashboard.pressing')}</dt>
          <dd>{pressing}</dd>
        </div>
      </dl>
      <div className="chart-grid">
        <ChartFigure title={t('dashboard.byStage')} columns={[t('queue.stage'), t('dashboard.cases')]} rows={byStage.map((row) => ({ label: row.label, values: [row.count] }))}>
          <CountBars data={byStage} name={t('dashboard.cases')} />
        </ChartFigure>
        <ChartFigure
          title={t('dashboard.byUnit')}
          columns={[t('queue.unit'), t('dashboard.cases')]}
          rows={byUnit.map((row) => ({ label: row.label, values: [row.count] }))}
          // Room for a unit's name on two or three lines (English names are long).
          height={Math.max(220, byUnit.length * 52)}
        >
          <CountBars data={byUnit} name={t('dashboard.cases')} horizontal />
        </ChartFigure>
        <ChartFigure title={t('dashboard.missedOverTime')} columns={[t('dashboard.week'), t('dashboard.missed')]} rows={weeks.map((row) => ({ label: row.week, values: [row.missed] }))}>
          <MissedOverTime data={weeks} label={t('dashboard.missed')} />
        </ChartFigure>
        <ChartFigure
          title={t('dashboard.receivedClosed')}
          columns={[t('dashboard.week'), t('dashboard.received'), t('dashboard.closed')]}
          rows={weeks.map((row) => ({ label: row.week, values: [row.received, row.closed] }))}
        >
          <ReceivedClosed data={weeks} labels={{ received: t('dashboard.received'), closed: t('dashboard.closed') }} />
        </ChartFigure>
      </div>
    </>
  );
}
