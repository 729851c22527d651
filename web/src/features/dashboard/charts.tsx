import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { MouseHandlerDataParam } from 'recharts';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export const palette = { primary: '#1d4f91', secondary: '#2a9d8f', warning: '#b45309', danger: '#b42318', grid: '#d8dee6', text: '#3d4b5c' };

/** Where a chart's bar or point leads: the cases behind it. */
export interface Picked {
  to: string;
}

/** A click on a chart opens the cases behind the bar or point under the pointer. */
export function usePick<T extends Picked>(data: readonly T[]) {
  const navigate = useNavigate();
  return (state: MouseHandlerDataParam) => {
    const index = Number(state.activeTooltipIndex);
    const target = Number.isInteger(index) ? data[index] : undefined;
    if (target) void navigate(target.to);
  };
}

/**
 * A chart with a caption and, for those who cannot see it (or would rather use the keyboard), the
 * same numbers as a table whose row labels open the cases behind them.
 */
export function ChartFigure(props: {
  title: string;
  /** Each row's label may open its cases (`to`), and so may each value (`links`, by column). */
  rows: { label: string; values: number[]; to?: string; links?: (string | undefined)[] }[];
  columns: string[];
  children: ReactNode;
  height?: number;
}) {
  const { t } = useTranslation();
  return (
    <figure className="card chart">
      <figcaption>
        <h2>{props.title}</h2>
      </figcaption>
      {props.rows.length === 0 ? (
        <p className="muted">{t('dashboard.noData')}</p>
      ) : (
        <div className="chart-area" style={{ height: props.height ?? 260 }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            {props.children}
          </ResponsiveContainer>
        </div>
      )}
      {props.rows.length > 0 ? (
        <details className="chart-table">
          <summary>{t('dashboard.asTable')}</summary>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">{props.columns[0]}</th>
                {props.columns.slice(1).map((column) => (
                  <th scope="col" key={column}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.to ? <Link to={row.to}>{row.label}</Link> : row.label}</th>
                  {row.values.map((value, index) => {
                    const link = row.links?.[index];
                    return <td key={index}>{link ? <Link to={link}>{value}</Link> : value}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}

// Charts appear at once: movement adds nothing to a figure officials read, and some people it troubles.
const axis = { stroke: palette.text, fontSize: 12 };

/** One bar per label, vertical or (for long names such as units) horizontal. */
export function CountBars({ data, name, horizontal }: { data: ({ label: string; count: number } & Picked)[]; name: string; horizontal?: boolean }) {
  const pick = usePick(data);
  if (horizontal) {
    return (
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }} onClick={pick} className="chart-clickable">
        <CartesianGrid stroke={palette.grid} horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={axis} />
        <YAxis type="category" dataKey="label" width={150} tick={axis} />
        <Tooltip />
        <Bar dataKey="count" name={name} fill={palette.primary} radius={[0, 3, 3, 0]} isAnimationActive={false} />
      </BarChart>
    );
  }
  return (
    <BarChart data={data} margin={{ left: 0, right: 16, top: 8, bottom: 8 }} onClick={pick} className="chart-clickable">
      <CartesianGrid stroke={palette.grid} vertical={false} />
      <XAxis dataKey="label" tick={axis} interval={0} />
      <YAxis allowDecimals={false} tick={axis} width={36} />
      <Tooltip />
      <Bar dataKey="count" name={name} fill={palette.primary} radius={[3, 3, 0, 0]} isAnimationActive={false} />
    </BarChart>
  );
}

export interface WeekRow extends Picked {
  week: string;
  received: number;
  closed: number;
  missed: number;
  /** The queue of the cases received, and closed, in this week. */
  receivedTo: string;
  closedTo: string;
}

/** Each week's two bars: a click on one opens the cases received, or closed, in that week. */
export function ReceivedClosed({ data, labels }: { data: WeekRow[]; labels: { received: string; closed: string } }) {
  const navigate = useNavigate();
  const open = (key: 'receivedTo' | 'closedTo') => (_bar: unknown, index: number) => {
    const week = data[index];
    if (week) void navigate(week[key]);
  };
  return (
    <BarChart data={data} margin={{ left: 0, right: 16, top: 8, bottom: 8 }} className="chart-clickable">
      <CartesianGrid stroke={palette.grid} vertical={false} />
      <XAxis dataKey="week" tick={axis} />
      <YAxis allowDecimals={false} tick={axis} width={36} />
      <Tooltip />
      <Legend />
      <Bar dataKey="received" name={labels.received} fill={palette.primary} isAnimationActive={false} onClick={open('receivedTo')} />
      <Bar dataKey="closed" name={labels.closed} fill={palette.secondary} isAnimationActive={false} onClick={open('closedTo')} />
    </BarChart>
  );
}

export function MissedOverTime({ data, label }: { data: WeekRow[]; label: string }) {
  return (
    <LineChart data={data} margin={{ left: 0, right: 16, top: 8, bottom: 8 }} onClick={usePick(data)} className="chart-clickable">
      <CartesianGrid stroke={palette.grid} vertical={false} />
      <XAxis dataKey="week" tick={axis} />
      <YAxis allowDecimals={false} tick={axis} width={36} />
      <Tooltip />
      <Line type="linear" dataKey="missed" name={label} stroke={palette.danger} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
    </LineChart>
  );
}
