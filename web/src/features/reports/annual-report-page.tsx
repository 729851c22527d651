import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { client, ok, query, type ApiError } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { AnnualReport } from '../../api/types';
import { appPages } from '../../pages';
import { useFormat } from '../../session/formatters';
import { useNow } from '../../session/session';
import { Field } from '../../ui/field';
import { PageTitle } from '../../ui/page-title';
import { ErrorState, Loading } from '../../ui/states';
import { toZonedInput } from '../../ui/time';
import { problemsOf } from '../../../../src/contract/problems.js';
import { annualSections, type AnnualWords, type FigureTable } from './annual-sections';
import './annual-report.css';

/** The year refused, in the user's words: not begun yet (with the latest year), too early, or not a year. */
function yearProblem(t: TFunction, error: ApiError | null): string | undefined {
  if (error?.field !== 'year') return undefined;
  const [problem] = problemsOf(error.details);
  const params = problem?.params ?? {};
  const said = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? String(value) : '');
  if (problem?.code === 'in_future') return t('annualReport.yearNotBegun', { year: said(params.year), latest: said(params.latest) });
  if (problem?.code === 'too_small') return t('annualReport.yearTooEarly', { min: said(params.min) });
  return t('annualReport.yearInvalid');
}

function Table({ table }: { table: FigureTable }) {
  return (
    <div className="table-wrap">
      <table className="figures" data-table={table.key}>
        {table.caption ? <caption>{table.caption}</caption> : null}
        <thead>
          <tr>
            {table.columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) =>
                column === 0 ? (
                  <th key={column} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={column}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every section of the report, as the PDF prints them, named in the user's language. */
function ReportBody({ report }: { report: AnnualReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = t('annualReport', { returnObjects: true }) as unknown as AnnualWords;
  const units = new Map(report.units.map((unit) => [unit.id, format.language === 'en' && unit.nameEn ? unit.nameEn : unit.name]));
  const categories = new Map(report.categories.map((category) => [category.code, format.text(category.name)]));
  const sections = annualSections(
    report,
    words,
    { unit: (id) => units.get(id) ?? format.unit(id, id), category: (code) => categories.get(code) ?? code },
    format.language,
  );
  return (
    <article className="annual-report" aria-labelledby="annual-report-title">
      <header className="annual-head">
        <h2 id="annual-report-title">{t('annualReport.title', { year: report.year })}</h2>
        {report.complete ? null : <p id="so-far">{t('annualReport.soFar', { date: format.date(report.asOf) })}</p>}
        <p>{t('annualReport.generated', { date: format.date(report.generatedAt) })}</p>
      </header>
      {sections.map((section) => (
        <section key={section.key} className="annual-section" data-section={section.key} aria-labelledby={`section-${section.key}`}>
          <h3 id={`section-${section.key}`}>{section.heading}</h3>
          {section.tables.map((table) => (
            <Table key={table.key} table={table} />
          ))}
        </section>
      ))}
      <p className="hint annual-note">{t('annualReport.note')}</p>
    </article>
  );
}

/**
 * The annual report (Art. 41) for the office, leaders and auditors: choose a year (the address keeps
 * it, `?year=`), read every section, print the page (its print stylesheet leaves the app's frame
 * out) or download the PDF in either language.
 */
export default function AnnualReportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(3_600_000);
  const thisYear = toZonedInput(now, format.timeZone).slice(0, 4);
  const [search, setSearch] = useSearchParams();
  const year = search.get('year') ?? thisYear;
  const [draft, setDraft] = useState(year);
  const [shownYear, setShownYear] = useState(year);
  // The address changed (back, a link): the field follows it.
  if (shownYear !== year) {
    setShownYear(year);
    setDraft(year);
  }
  const report = useQuery({
    queryKey: queryKeys.annualReport(year),
    queryFn: ({ signal }): Promise<AnnualReport> => ok(client.GET('/api/v1/reports/annual', { params: { query: { year } }, signal })),
  });
  const problem = yearProblem(t, report.error);
  const pdf = (lang: 'zh' | 'en') => `/api/v1/reports/annual.pdf${query({ year, lang })}`;
  const choose = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ year: draft.trim() });
  };
  return (
    <div className="annual-page">
      <PageTitle title={t('annualReport.pageTitle')}>{t('annualReport.pageTitle')}</PageTitle>
      <p className="lead no-print">{t('annualReport.intro')}</p>
      <p className="no-print">
        <Link to={appPages.dashboard}>{t('dashboard.title')}</Link>
      </p>
      <form className="annual-year no-print" onSubmit={choose} noValidate>
        <Field label={t('annualReport.year')} hint={t('annualReport.yearHint')} error={problem} required>
          {(control) => (
            <input {...control} type="number" name="year" inputMode="numeric" min={1990} step={1} value={draft} onChange={(event) => setDraft(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button">
          {t('annualReport.show')}
        </button>
      </form>
      {report.isPending ? <Loading /> : null}
      {report.error && !problem ? <ErrorState error={report.error} retry={() => void report.refetch()} /> : null}
      {report.data ? (
        <>
          <p className="annual-actions no-print">
            <button type="button" className="button" onClick={() => window.print()}>
              {t('annualReport.print')}
            </button>
            <a className="button button-quiet" href={pdf('zh')} download hrefLang="zh" id="pdf-zh">
              {t('annualReport.pdfZh')}
            </a>
            <a className="button button-quiet" href={pdf('en')} download hrefLang="en" id="pdf-en">
              {t('annualReport.pdfEn')}
            </a>
          </p>
          <ReportBody report={report.data} />
        </>
      ) : null}
    </div>
  );
}
