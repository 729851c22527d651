import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { indicatorNames, type IndicatorName, type IndicatorPart, type IndicatorsReport } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { useNow } from '../../session/session';
import { Field } from '../../ui/field';
import { ErrorState, Loading } from '../../ui/states';
import { toZonedInput } from '../../ui/time';
import { period } from './accountability';

type Row = IndicatorsReport['total'];
type Figure = Row['figures'][IndicatorName];
/** The figure whose cases are open: a unit's (or, unitId null, the total's) indicator. */
type Selection = { unitId: string | null; unitName: string; indicator: IndicatorName };

/** One figure: its rate and counts, or "too few cases" with the counts, or "not recorded yet"; a button opening its cases. */
function FigureCell({ figure, selected, onSelect }: { figure: Figure; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  if (figure.code === 'not_recorded') return <td className="muted">{t('indicators.notRecorded')}</td>;
  const counts = t('indicators.counts', { numerator: figure.numerator, denominator: figure.denominator });
  return (
    <td className={figure.code === 'below_minimum' ? 'figure-few' : undefined}>
      <button type="button" className="link-button" aria-expanded={selected} aria-controls="indicator-cases" onClick={onSelect}>
        <span className="figure-rate">{figure.rate === null ? t('indicators.tooFew') : t('indicators.rate', { rate: (figure.rate * 100).toFixed(1) })}</span>
        <span className="figure-counts">{counts}</span>
        <span className="visually-hidden"> ({t('indicators.showCases')})</span>
      </button>
    </td>
  );
}

/** One list behind a figure (its numerator's or its denominator's cases), a page at a time, each case a link. */
function CaseList({ selection, part, instants }: { selection: Selection; part: IndicatorPart; instants: { from?: string; to?: string } }) {
  const { t } = useTranslation();
  const params = {
    ...instants,
    indicator: selection.indicator,
    part,
    ...(selection.unitId ? { unit: selection.unitId } : {}),
  };
  const cases = useInfiniteQuery({
    queryKey: queryKeys.indicatorCases(params),
    queryFn: ({ pageParam, signal }) =>
      ok(client.GET('/api/v1/reports/indicators/cases', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];
  const count = cases.data?.pages[0]?.count ?? 0;
  return (
    <div className="indicator-part">
      <h4>{t(`indicators.${part}`, { count })}</h4>
      {cases.isPending ? <Loading /> : null}
      {cases.error ? <ErrorState error={cases.error} /> : null}
      {cases.data && items.length === 0 ? <p className="muted">{t('indicators.none')}</p> : null}
      <ul className="case-links">
        {items.map((item, index) => (
          // A commitment's case stands once per commitment, so the same case may come twice.
          <li key={`${index}-${item.id}`}>
            <Link to={`/cases/${item.id}`} className="mono">
              {item.reference}
            </Link>
          </li>
        ))}
      </ul>
      {cases.hasNextPage ? (
        <button type="button" className="button button-quiet" disabled={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()}>
          {t('indicators.more')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * The indicators per lead unit and for every case, over a period of local days: each with its
 * definition beside its name, each figure opening the cases it counts and the cases it counts
 * them out of, and no rate over fewer cases than the plan's minimum.
 */
export function Indicators() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(3_600_000);
  const today = toZonedInput(now, format.timeZone).slice(0, 10);
  const monthAgo = toZonedInput(now - 30 * 86_400_000, format.timeZone).slice(0, 10);
  const [range, setRange] = useState({ from: monthAgo, to: today });
  const [draft, setDraft] = useState(range);
  const [selected, setSelected] = useState<Selection>();
  const instants = period(range, format.timeZone);
  const report = useQuery({
    queryKey: queryKeys.indicators(instants.from ?? '', instants.to ?? ''),
    queryFn: async ({ signal }): Promise<IndicatorsReport> => {
      const body = await ok(client.GET('/api/v1/reports/indicators', { params: { query: instants }, signal }));
      // The route answers CSV only when asked for it (the download below), never here.
      if (typeof body === 'string') throw new ApiError(0, 'error', 'The indicators came as CSV.');
      return body;
    },
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setSelected(undefined);
    setRange(draft);
  };
  const downloadCsv = async () => {
    const csv = await ok(
      client.GET('/api/v1/reports/indicators', { params: { query: { ...instants, lang: format.language } }, headers: { accept: 'text/csv' }, parseAs: 'blob' }),
    );
    const url = URL.createObjectURL(csv);
    const link = document.createElement('a');
    link.href = url;
    link.download = `indicators-${range.from}-${range.to}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const rows: { row: Row; name: string }[] = report.data
    ? [{ row: report.data.total, name: t('indicators.total') }, ...report.data.units.map((row) => ({ row, name: format.unit(row.unitId ?? '', row.unitName ?? '') }))]
    : [];
  const isSelected = (row: Row, indicator: IndicatorName) => selected?.unitId === row.unitId && selected.indicator === indicator;

  return (
    <section className="card indicators" id="indicators" aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">{t('indicators.title')}</h2>
      <form className="range" onSubmit={apply}>
        <Field label={t('indicators.from')} required>
          {(control) => <input {...control} type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />}
        </Field>
        <Field label={t('indicators.to')} required>
          {(control) => <input {...control} type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />}
        </Field>
        <button type="submit" className="button">
          {t('indicators.show')}
        </button>
        {report.data ? (
          <button type="button" className="button button-quiet" onClick={() => void downloadCsv()}>
            {t('indicators.csv')}
          </button>
        ) : null}
      </form>
      {report.isPending ? <Loading /> : null}
      {report.error ? <ErrorState error={report.error} retry={() => void report.refetch()} /> : null}
      {report.data ? <p className="muted">{t('indicators.lead', { minimum: report.data.minimumCases })}</p> : null}
      {report.data && report.data.units.length === 0 && report.data.total.figures.onTimeConclusion.denominator === 0 && report.data.total.figures.timelyAcceptance.denominator === 0 ? (
        <p className="muted">{t('indicators.empty')}</p>
      ) : null}
      {report.data ? (
        <div className="table-scroll" tabIndex={0} aria-label={t('indicators.title')}>
          <table className="data-table indicators-table">
            <thead>
              <tr>
                <th scope="col">{t('indicators.unit')}</th>
                {indicatorNames.map((indicator) => (
                  <th scope="col" key={indicator}>
                    <span className="indicator-name">{t(`indicators.name.${indicator}`)}</span>
                    <small className="indicator-definition">{t(`indicators.definition.${indicator}`)}</small>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ row, name }) => (
                <tr key={row.unitId ?? 'total'} className={row.unitId === null ? 'indicators-total' : undefined}>
                  <th scope="row">{name}</th>
                  {indicatorNames.map((indicator) => (
                    <FigureCell
                      key={indicator}
                      figure={row.figures[indicator]}
                      selected={isSelected(row, indicator)}
                      onSelect={() => setSelected(isSelected(row, indicator) ? undefined : { unitId: row.unitId, unitName: name, indicator })}
                    />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div id="indicator-cases" aria-live="polite">
        {selected ? (
          <div className="behind">
            <h3>{t('indicators.casesBehind', { unit: selected.unitName, indicator: t(`indicators.name.${selected.indicator}`) })}</h3>
            <p className="muted">{t(`indicators.definition.${selected.indicator}`)}</p>
            <div className="indicator-parts">
              <CaseList selection={selected} part="numerator" instants={instants} />
              <CaseList selection={selected} part="denominator" instants={instants} />
            </div>
            <button type="button" className="button button-quiet" onClick={() => setSelected(undefined)}>
              {t('indicators.close')}
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
