import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Static } from 'typebox';
import type { AuditEntry as AuditEntrySchema, AuditReport as AuditReportSchema } from '../../../../src/api/routes/audit/schemas.js';
import { ApiError, client, ok, query } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Page } from '../../api/types';
import { usersQuery } from '../admin/users/users-query';
import { useFormat } from '../../session/formatters';
import { PageTitle } from '../../ui/page-title';
import { ActionError, Empty, ErrorState, Loading } from '../../ui/states';

type AuditEntry = Static<typeof AuditEntrySchema>;
type AuditReport = Static<typeof AuditReportSchema>;
interface Filters {
  actor: string;
  action: string;
  subject: string;
  from: string;
  to: string;
}

const empty: Filters = { actor: '', action: '', subject: '', from: '', to: '' };
/** A date picked in the browser, as the UTC instant of its local midnight. */
const instant = (date: string) => (date ? new Date(`${date}T00:00:00`).toISOString() : undefined);

/** The filters the server is asked for: only those filled in. */
function auditParams(filters: Filters) {
  return {
    actor: filters.actor || undefined,
    action: filters.action || undefined,
    subject: filters.subject || undefined,
    from: instant(filters.from),
    to: instant(filters.to),
  };
}

/** The log for some filters, newest first, 50 entries a page following the server's cursors. */
function auditQuery(params: ReturnType<typeof auditParams>) {
  return infiniteQueryOptions({
    queryKey: queryKeys.audit(params),
    queryFn: async ({ pageParam, signal }): Promise<Page<AuditEntry>> => {
      const page = await ok(client.GET('/api/v1/audit', { params: { query: { ...params, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } }, signal }));
      // The route answers CSV only when asked for it (the download link), never here.
      if (typeof page === 'string') throw new ApiError(0, 'error', 'The audit log came as CSV.');
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function VerifyResult({ report }: { report: AuditReport }) {
  const { t, i18n } = useTranslation();
  const chain = (name: string | undefined) => t(`audit.chain.${name === 'events' ? 'events' : 'audit'}`);
  return (
    <div className={report.ok ? 'notice notice-ok' : 'notice notice-error'} role="status">
      {report.ok ? (
        <p>{t('audit.ok', { entries: report.audit.entries, events: report.events.entries, checkpoints: report.checkpoints })}</p>
      ) : (
        <>
          <p>{t('audit.broken')}</p>
          <ul>
            {report.problems.map((problem, index) => {
              const key = `audit.problem.${problem.code}`;
              const text = i18n.exists(key)
                ? t(key as 'audit.problem.other', { ...problem, chain: chain(problem.chain) })
                : t('audit.problem.other', { code: problem.code });
              return <li key={index}>{text}</li>;
            })}
          </ul>
        </>
      )}
      {report.audit.pending + report.events.pending > 0 ? <p>{t('audit.waiting', { count: report.audit.pending + report.events.pending })}</p> : null}
      {report.unsigned.audit + report.unsigned.events > 0 ? <p>{t('audit.unsigned', { count: report.unsigned.audit + report.unsigned.events })}</p> : null}
      {report.signaturesChecked ? null : <p>{t('audit.noKey')}</p>}
    </div>
  );
}

/** The audit log for auditors and admins: filters, each entry linked to its case, CSV, and the verify check. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const params = auditParams(filters);
  const log = useInfiniteQuery(auditQuery(params));
  // Checking the chains is asked for, and answers a report; it is not a query kept in the cache.
  const check = useMutation({ mutationFn: (): Promise<AuditReport> => ok(client.POST('/api/v1/audit/verify')) });
  const report = check.data;
  const busy = check.isPending;
  const users = useQuery(usersQuery);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  // A page after the first that failed is said beside the list, which stays.
  const error = check.error ?? (log.data ? (log.error ?? undefined) : undefined);
  const verify = () => check.mutate();
  const field = (name: keyof Filters) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });

  return (
    <>
      <PageTitle title={t('audit.title')}>{t('audit.title')}</PageTitle>
      <p className="lead">{t('audit.lead')}</p>
      <form className="filters" onSubmit={submit}>
        <label>
          {t('audit.actor')}
          <select {...field('actor')}>
            <option value="">—</option>
            {(users.data?.items ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.action')}
          <input {...field('action')} placeholder="case.*" />
        </label>
        <label>
          {t('audit.subject')}
          <input {...field('subject')} />
        </label>
        <label>
          {t('audit.from')}
          <input type="date" {...field('from')} />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" {...field('to')} />
        </label>
        <button type="submit" className="button">
          {t('audit.filter')}
        </button>
        <a className="button button-quiet" href={`/api/v1/audit${query({ ...params, format: 'csv', lang: i18n.language.startsWith('en') ? 'en' : 'zh' })}`} download>
          {t('audit.csv')}
        </a>
        <button type="button" className="button button-quiet" onClick={verify} disabled={busy}>
          {busy ? t('audit.verifying') : t('audit.verify')}
        </button>
      </form>
      {error ? <ActionError error={error} /> : null}
      {report ? <VerifyResult report={report} /> : null}
      {log.error && !log.data ? <ErrorState error={log.error} retry={() => void log.refetch()} /> : null}
      {log.isPending ? <Loading /> : null}
      {log.data && items.length === 0 ? <Empty>{t('audit.none')}</Empty> : null}
      {items.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.time')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.case')}</th>
              <th scope="col">{t('audit.detail')}</th>
              <th scope="col">{t('audit.place')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id}>
                <td data-label={t('audit.time')}>{format.dateTime(entry.at)}</td>
                <td data-label={t('audit.actor')}>{entry.actorName ?? t('audit.system')}</td>
                <td data-label={t('audit.action')} className="mono">
                  {entry.action}
                </td>
                <td data-label={t('audit.case')}>{entry.caseId ? <Link to={`/cases/${encodeURIComponent(entry.caseId)}`}>{entry.caseReference}</Link> : <span className="mono muted small">{entry.subjectId ?? ''}</span>}</td>
                <td data-label={t('audit.detail')} className="mono small">
                  {JSON.stringify(entry.detail)}
                </td>
                <td data-label={t('audit.place')}>{entry.seq ?? <span className="muted">{t('audit.pending')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {log.hasNextPage ? (
        <p>
          <button type="button" className="button button-quiet" onClick={() => void log.fetchNextPage()}>
            {t('audit.more')}
          </button>
        </p>
      ) : null}
    </>
  );
}
