import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, client, ok, query } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { accountabilityDurations, accountabilityFigures, type AccountabilityFigure, type AccountabilityReport } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { useNow } from '../../session/session';
import { Field } from '../../ui/field';
import { ErrorState, Loading } from '../../ui/states';
import { fromZonedInput, toZonedInput } from '../../ui/time';
import { PersonalChargeSection } from './personal-charge';

type Selection = { unitId: string; figure: AccountabilityFigure };
type UnitRow = AccountabilityReport['units'][number];

const count = (unit: UnitRow, figure: AccountabilityFigure): number => unit[figure];

/** A period of whole days in the jurisdiction's zone: from the first day's start to the last day's end. */
export function period(range: { from: string; to: string }, timeZone: string): { from?: string; to?: string } {
  const from = fromZonedInput(`${range.from}T00:00`, timeZone);
  const end = fromZonedInput(`${range.to}T00:00`, timeZone);
  return {
    ...(from ? { from } : {}),
    ...(end ? { to: new Date(Date.parse(end) + 86_400_000 - 1).toISOString() } : {}),
  };
}

/** A duration in the unit its column names (minutes or days), as the printable report and the CSV give it. */
function Duration({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">—</span>;
  return <>{Math.round(value * 10) / 10}</>;
}

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The period in the address (`?from=&to=`, local days), so a chart's week and a bookmark open the same table. */
function usePeriodParams(fallback: { from: string; to: string }) {
  const [search, setSearch] = useSearchParams();
  const from = search.get('from');
  const to = search.get('to');
  const range = { from: isDay(from) ? from : fallback.from, to: isDay(to) ? to : fallback.to };
  const setRange = (next: { from: string; to: string }) =>
    setSearch(
      (previous) => {
        const updated = new URLSearchParams(previous);
        updated.set('from', next.from);
        updated.set('to', next.to);
        return updated;
      },
      { replace: true },
    );
  return [range, setRange] as const;
}

/** Per unit and period, what it did late or never — each figure opens the cases behind it. */
export function Accountability() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(3_600_000);
  const today = toZonedInput(now, format.timeZone).slice(0, 10);
  const monthAgo = toZonedInput(now - 30 * 86_400_000, format.timeZone).slice(0, 10);
  const [range, setRange] = usePeriodParams({ from: monthAgo, to: today });
  const [draft, setDraft] = useState(range);
  const [selected, setSelected] = useState<Selection>();
  const instants = period(range, format.timeZone);
  const printable = `/reports/accountability${query({ ...instants, lang: format.language })}`;
  const report = useQuery({
    queryKey: queryKeys.accountability(instants.from ?? '', instants.to ?? ''),
    queryFn: async ({ signal }): Promise<AccountabilityReport> => {
      const report = await ok(client.GET('/api/v1/reports/accountability', { params: { query: instants }, signal }));
      // The route answers CSV only when asked for it (the download below), never here.
      if (typeof report === 'string') throw new ApiError(0, 'error', 'The report came as CSV.');
      return report;
    },
  });
  // A week chosen on a chart changes the address; the form follows it.
  const [shownRange, setShownRange] = useState(range);
  if (shownRange.from !== range.from || shownRange.to !== range.to) {
    setShownRange(range);
    setDraft(range);
    setSelected(undefined);
  }

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setSelected(undefined);
    setRange(draft);
  };
  const downloadCsv = async () => {
    // The same report as CSV, asked for by its Accept header.
    const csv = await ok(
      client.GET('/api/v1/reports/accountability', { params: { query: { ...instants, lang: format.language } }, headers: { accept: 'text/csv' }, parseAs: 'blob' }),
    );
    const url = URL.createObjectURL(csv);
    const link = document.createElement('a');
    link.href = url;
    link.download = `accountability-${range.from}-${range.to}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const unitRow = report.data?.units.find((unit) => unit.unitId === selected?.unitId);
  // The report's figures are the schema's (src/contract/reports.ts): a figure the app does not know fails its typecheck.
  const figures = report.data ? accountabilityFigures : [];
  const figureName = (figure: AccountabilityFigure) => t(`accountability.figure.${figure}`);
  const behind = selected && unitRow ? unitRow.cases[selected.figure] : [];

  return (
    <section className="card accountability" id="accountability" aria-labelledby="accountability-heading">
      <h2 id="accountability-heading">{t('accountability.title')}</h2>
      <form className="range" onSubmit={apply}>
        <Field label={t('accountability.from')} required>
          {(control) => <input {...control} type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />}
        </Field>
        <Field label={t('accountability.to')} required>
          {(control) => <input {...control} type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />}
        </Field>
        <button type="submit" className="button">
          {t('accountability.show')}
        </button>
        {report.data ? (
          <>
            <button type="button" className="button button-quiet" onClick={() => void downloadCsv()}>
              {t('accountability.csv')}
            </button>
            <a className="button button-quiet" href={printable} target="_blank" rel="noopener">
              {t('accountability.printable')}
            </a>
          </>
        ) : null}
      </form>
      {report.isPending ? <Loading /> : null}
      {report.error?.status === 404 ? <p className="notice notice-info">{t('dashboard.notYet')}</p> : null}
      {report.error && report.error.status !== 404 ? <ErrorState error={report.error} /> : null}
      {report.data && report.data.units.length === 0 ? <p className="muted">{t('accountability.empty')}</p> : null}
      {report.data && report.data.units.length > 0 ? (
        <div className="table-scroll" tabIndex={0} aria-label={t('accountability.title')}>
          <table className="data-table accountability-table">
            <thead>
              <tr>
                <th scope="col">{t('queue.unit')}</th>
                {figures.map((figure) => (
                  <th scope="col" key={figure}>
                    {figureName(figure)}
                  </th>
                ))}
                {accountabilityDurations.map((duration) => (
                  <th scope="col" key={duration}>
                    {t(`accountability.duration.${duration}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.data.units.map((unit) => (
                <tr key={unit.unitId}>
                  <th scope="row">{format.unit(unit.unitId, unit.unitName)}</th>
                  {figures.map((figure) => {
                    const cases = unit.cases[figure];
                    const isSelected = selected?.unitId === unit.unitId && selected.figure === figure;
                    return (
                      <td key={figure} className={count(unit, figure) > 0 && figure !== 'casesAssigned' ? 'figure-bad' : undefined}>
                        {cases.length > 0 ? (
                          <button
                            type="button"
                            className="link-button"
                            aria-expanded={isSelected}
                            aria-controls="accountability-cases"
                            onClick={() => setSelected(isSelected ? undefined : { unitId: unit.unitId, figure })}
                          >
                            {count(unit, figure)}
                            <span className="visually-hidden"> ({t('accountability.showCases')})</span>
                          </button>
                        ) : (
                          count(unit, figure)
                        )}
                      </td>
                    );
                  })}
                  {accountabilityDurations.map((duration) => (
                    <td key={duration}>
                      <Duration value={unit[duration]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div id="accountability-cases" aria-live="polite">
        {selected && unitRow ? (
          <div className="behind">
            <h3>
              {t('accountability.casesBehind', { unit: format.unit(unitRow.unitId, unitRow.unitName), figure: figureName(selected.figure) })}
            </h3>
            <ul className="case-links">
              {behind.map((item) => (
                <li key={item.id}>
                  <Link to={`/cases/${item.id}`} className="mono">
                    {item.reference}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <PersonalChargeSection from={instants.from} to={instants.to} />
    </section>
  );
}
