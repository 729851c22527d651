import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { CalendarYears } from '../../../api/types';
import { useFormat } from '../../../session/formatters';
import { PageTitle } from '../../../ui/page-title';
import { ActionError, Empty, ErrorState, Loading } from '../../../ui/states';
import { formatDay } from '../../../ui/time';
import { lineOffset, problemsOf, YamlProblems } from '../../plans/yaml-problems';
import { dayRuns, type Day } from './day-runs';

type Year = CalendarYears['years'][number];
type Imported = CalendarYears & { imported: number[] };

const calendarQuery = queryOptions({
  queryKey: queryKeys.calendar,
  queryFn: ({ signal }): Promise<CalendarYears> => ok(client.GET('/api/v1/calendar/years', { signal })),
});

function Runs({ days, empty }: { days: Day[]; empty: string }) {
  const { t } = useTranslation();
  const { language } = useFormat();
  if (days.length === 0) return <p className="muted small">{empty}</p>;
  return (
    <ul className="calendar-days">
      {dayRuns(days).map((run) => (
        <li key={run.from}>
          <span className="calendar-when">
            {run.days === 1 ? formatDay(run.from, language) : t('adminCalendar.range', { from: formatDay(run.from, language), to: formatDay(run.to, language) })}
            {run.days > 1 ? <span className="muted small"> · {t('adminCalendar.days', { count: run.days })}</span> : null}
          </span>
          <span>{run.name}</span>
        </li>
      ))}
    </ul>
  );
}

function YearCard({ year }: { year: Year }) {
  const { t } = useTranslation();
  return (
    <section className="card calendar-year" aria-labelledby={`year-${year.year}`}>
      <h2 id={`year-${year.year}`}>{year.year}</h2>
      <p className="muted small">{t('adminCalendar.summary', { holidays: year.holidays.length, workdays: year.workdays.length })}</p>
      <h3>{t('adminCalendar.holidays')}</h3>
      <Runs days={year.holidays} empty={t('adminCalendar.noHolidays')} />
      <h3>{t('adminCalendar.workdays')}</h3>
      <Runs days={year.workdays} empty={t('adminCalendar.noWorkdays')} />
    </section>
  );
}

/** Adds a year from the State Council's notice: paste or choose the YAML file; problems are listed by line. */
function ImportYear({ onImported }: { onImported: (result: Imported) => void }) {
  const { t } = useTranslation();
  const [source, setSource] = useState('');
  const editor = useRef<HTMLTextAreaElement>(null);
  const send = useMutation({
    mutationFn: (yaml: string): Promise<Imported> =>
      ok(client.POST('/api/v1/calendar/years', { body: yaml, bodySerializer: String, headers: { 'content-type': 'application/yaml' } })),
    onSuccess: (result) => {
      onImported(result);
      setSource('');
    },
  });
  const error = send.error ?? undefined;
  const busy = send.isPending;

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setSource(await file.text());
    send.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(source);
  };
  const goTo = (line: number) => {
    const area = editor.current;
    if (!area) return;
    const start = lineOffset(source, line);
    const end = source.indexOf('\n', start);
    area.focus();
    area.setSelectionRange(start, end === -1 ? source.length : end);
  };
  const problems = problemsOf(error?.details);

  return (
    <form className="admin-form calendar-import" onSubmit={submit} aria-label={t('adminCalendar.importTitle')}>
      <h2>{t('adminCalendar.importTitle')}</h2>
      <p className="muted">{t('adminCalendar.importIntro')}</p>
      <div className="field">
        <label htmlFor="calendar-file">{t('adminCalendar.file')}</label>
        <input id="calendar-file" type="file" accept=".yaml,.yml,application/yaml,text/yaml" onChange={(event) => void choose(event)} />
      </div>
      <div className="field">
        <label htmlFor="calendar-source">{t('adminCalendar.source')}</label>
        <textarea
          id="calendar-source"
          ref={editor}
          className="calendar-source"
          spellCheck={false}
          value={source}
          onChange={(event) => setSource(event.target.value)}
          aria-invalid={problems.length > 0}
        />
      </div>
      {problems.length > 0 ? <YamlProblems problems={problems} onGoTo={goTo} title={t('adminCalendar.problems', { count: problems.length })} /> : <ActionError error={error} />}
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || source.trim() === ''}>
          {busy ? t('common.saving') : t('adminCalendar.import')}
        </button>
      </p>
    </form>
  );
}

/** The holiday calendar working-day deadlines count by: each year it holds, and the import of a new one. */
export function CalendarPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const calendar = useQuery(calendarQuery);
  const [imported, setImported] = useState<number[]>();
  return (
    <>
      <PageTitle title={t('adminCalendar.title')}>{t('adminCalendar.title')}</PageTitle>
      <p className="muted">{t('adminCalendar.intro')}</p>
      {imported ? (
        <p className="notice notice-info" role="status">
          {t('adminCalendar.imported', { years: imported.join(', ') })}
        </p>
      ) : null}
      {calendar.error ? <ErrorState error={calendar.error} retry={() => void calendar.refetch()} /> : null}
      {calendar.isPending ? <Loading /> : null}
      {calendar.data ? (
        <>
          <p>
            {t('adminCalendar.inForce')} <strong>{calendar.data.name}</strong>
          </p>
          {calendar.data.years.length === 0 ? (
            <Empty>{t('adminCalendar.noYears')}</Empty>
          ) : (
            <div className="calendar-years">
              {calendar.data.years.map((year) => (
                <YearCard key={year.year} year={year} />
              ))}
            </div>
          )}
        </>
      ) : null}
      <ImportYear
        onImported={(result) => {
          setImported(result.imported);
          queryClient.setQueryData(calendarQuery.queryKey, { name: result.name, years: result.years });
        }}
      />
    </>
  );
}
