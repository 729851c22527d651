import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Static } from 'typebox';
import type { AuditEntry as AuditEntrySchema, AuditReport as AuditReportSchema } from '../../../../src/api/routes/audit/schemas.js';
import { api, ApiError, query } from '../../api/client';
import type { Page } from '../../api/types';
import { useResource } from '../../api/use-resource';
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
const instant = (date: string) => (date ? new Date(`${date}T00:00:00`).toISOString() : '');

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
  const params = { actor: filters.actor, action: filters.action, subject: filters.subject, from: instant(filters.from), to: instant(filters.to) };
  const first = useResource<Page<AuditEntry>>(`/api/v1/audit${query({ ...params, limit: 50 })}`);
  const [more, setMore] = useState<{ items: AuditEntry[]; nextCursor: string | null } | null>(null);
  const [report, setReport] = useState<AuditReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const users = useResource<{ items: { id: string; name: string }[] }>('/api/v1/users');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMore(null);
    setFilters(draft);
  };
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await api<Page<AuditEntry>>(`/api/v1/audit${query({ ...params, limit: 50, cursor: nextCursor })}`);
      setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    }
  };
  const verify = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setReport(await api<AuditReport>('/api/v1/audit/verify', { method: 'POST' }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    } finally {
      setBusy(false);
    }
  };
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
        <button type="button" className="button button-quiet" onClick={() => void verify()} disabled={busy}>
          {busy ? t('audit.verifying') : t('audit.verify')}
        </button>
      </form>
      {error ? <ActionError error={error} /> : null}
      {report ? <VerifyResult report={report} /> : null}
      {first.error && !first.data ? <ErrorState error={first.error} retry={() => void first.reload()} /> : null}
      {first.loading ? <Loading /> : null}
      {first.data && items.length === 0 ? <Empty>{t('audit.none')}</Empty> : null}
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
      {nextCursor ? (
        <p>
          <button type="button" className="button button-quiet" onClick={() => void loadMore()}>
            {t('audit.more')}
          </button>
        </p>
      ) : null}
    </>
  );
}
