import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Static } from 'typebox';
import type { RecurringIssues } from '../../../../src/contract/case-links.js';
import { ApiError, client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useFormat } from '../../session/formatters';
import { useCurrentPlan } from '../../session/plans';
import { useNow, useSession } from '../../session/session';
import { Field } from '../../ui/field';
import { PageTitle } from '../../ui/page-title';
import { ActionError, ErrorState, Loading } from '../../ui/states';
import { fromZonedInput, toZonedInput } from '../../ui/time';
import './dashboard.css';

type Report = Static<typeof RecurringIssues>;
interface Choice {
  from: string;
  to: string;
  category: string;
  area: string;
}

/** The choice as the report's query: whole local days (the last one to its end), and only the filters set. */
function reportQuery(choice: Choice, timeZone: string) {
  const from = fromZonedInput(`${choice.from}T00:00`, timeZone);
  const end = fromZonedInput(`${choice.to}T00:00`, timeZone);
  return {
    ...(from ? { from } : {}),
    ...(end ? { to: new Date(Date.parse(end) + 86_400_000 - 1).toISOString() } : {}),
    ...(choice.category ? { category: choice.category } : {}),
    ...(choice.area ? { area: choice.area } : {}),
  };
}

/**
 * The issues that recur most (每月一题), per category and area, over a period: each issue's cases
 * (linked or merged by the office) with their references, most first; the same as CSV.
 */
export default function RecurringIssuesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const plan = useCurrentPlan();
  const { units } = useSession();
  const now = useNow(3_600_000);
  const [choice, setChoice] = useState<Choice>(() => ({
    from: toZonedInput(now - 30 * 86_400_000, format.timeZone).slice(0, 10),
    to: toZonedInput(now, format.timeZone).slice(0, 10),
    category: '',
    area: '',
  }));
  const [draft, setDraft] = useState(choice);
  const query = reportQuery(choice, format.timeZone);
  const report = useQuery({
    queryKey: queryKeys.recurringIssues(query),
    queryFn: async ({ signal }): Promise<Report> => {
      const answer = await ok(client.GET('/api/v1/reports/recurring-issues', { params: { query }, signal }));
      // The route answers CSV only when asked for it (the download below), never here.
      if (typeof answer === 'string') throw new ApiError(0, 'error', 'The report came as CSV.');
      return answer;
    },
  });
  const [csvError, setCsvError] = useState<ApiError>();
  const downloadCsv = async () => {
    setCsvError(undefined);
    try {
      const csv = await ok(client.GET('/api/v1/reports/recurring-issues', { params: { query: { ...query, lang: format.language } }, headers: { accept: 'text/csv' }, parseAs: 'blob' }));
      const url = URL.createObjectURL(csv);
      const link = document.createElement('a');
      link.href = url;
      link.download = `recurring-issues-${choice.from}-${choice.to}.csv`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      if (error instanceof ApiError) setCsvError(error);
    }
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setChoice(draft);
  };
  const areas = [...units].sort((a, b) => format.unit(a.id).localeCompare(format.unit(b.id), format.language));

  return (
    <>
      <PageTitle title={t('recurring.title')}>{t('recurring.title')}</PageTitle>
      <p className="lead">{t('recurring.lead')}</p>
      <p>
        <Link to="/dashboard">{t('recurring.backToDashboard')}</Link>
      </p>
      <section className="card" aria-labelledby="recurring-choice">
        <h2 id="recurring-choice" className="visually-hidden">
          {t('recurring.choose')}
        </h2>
        <form className="range" onSubmit={apply}>
          <Field label={t('accountability.from')} required>
            {(control) => <input {...control} type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />}
          </Field>
          <Field label={t('accountability.to')} required>
            {(control) => <input {...control} type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />}
          </Field>
          <Field label={t('register.category')}>
            {(control) => (
              <select {...control} value={draft.category} onChange={(event) => setDraft({ ...draft, category: event.target.value })}>
                <option value="">{t('recurring.everyCategory')}</option>
                {(plan?.document.categories ?? []).map((category) => (
                  <option key={category.code} value={category.code}>
                    {format.text(category.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('recurring.area')}>
            {(control) => (
              <select {...control} value={draft.area} onChange={(event) => setDraft({ ...draft, area: event.target.value })}>
                <option value="">{t('recurring.everyArea')}</option>
                {areas.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {format.unit(unit.id)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button">
            {t('accountability.show')}
          </button>
          {report.data ? (
            <button type="button" className="button button-quiet" onClick={() => void downloadCsv()}>
              {t('accountability.csv')}
            </button>
          ) : null}
        </form>
        <ActionError error={csvError} />
      </section>
      {report.isPending ? <Loading /> : null}
      {report.error ? <ErrorState error={report.error} retry={() => void report.refetch()} /> : null}
      {report.data && report.data.groups.length === 0 ? <p className="muted">{t('recurring.none')}</p> : null}
      {report.data?.groups.map((group) => (
        <section className="card" key={`${group.category}-${group.areaUnitId ?? ''}`} aria-label={`${format.text(group.categoryName)} · ${group.areaName ? format.text(group.areaName) : t('recurring.areaUnknown')}`}>
          <h2>
            {format.text(group.categoryName)} · {group.areaName ? format.text(group.areaName) : t('recurring.areaUnknown')}
          </h2>
          <p className="small">{t('recurring.groupCounts', { cases: group.cases, recurring: group.recurringCases })}</p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('recurring.issueCases')}</th>
                <th scope="col">{t('recurring.first')}</th>
                <th scope="col">{t('recurring.last')}</th>
                <th scope="col">{t('recurring.references')}</th>
              </tr>
            </thead>
            <tbody>
              {group.issues.map((issue) => (
                <tr key={issue.references[0]?.id ?? issue.firstReceivedAt}>
                  <td>{issue.cases}</td>
                  <td>{format.date(issue.firstReceivedAt)}</td>
                  <td>{format.date(issue.lastReceivedAt)}</td>
                  <td>
                    <ul className="case-links">
                      {issue.references.map((item) => (
                        <li key={item.id}>
                          <Link className="mono" to={`/cases/${item.id}`}>
                            {item.reference}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
