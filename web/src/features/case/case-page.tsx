import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useLiveChanges } from '../../live/live';
import { FlagBadges, StageBadge, UrgencyBadge } from '../../ui/badges';
import { PageTitle } from '../../ui/page-title';
import { ErrorState, errorTitleKey, Loading } from '../../ui/states';
import { Answers } from './answers';
import { Assignments } from './assignments';
import { CaseContext, type CaseState } from './case-context';
import { FlagsPanel } from './flags-panel';
import { Meetings } from './meetings';
import { Moves } from './moves';
import { People } from './people';
import { StagePanel } from './stage-panel';
import { Deadlines, Summary } from './summary';
import { Timeline } from './timeline';
import { useCaseData } from './use-case-data';
import type { CaseEvent } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { useSession } from '../../session/session';
import { anyDraft } from './drafts';
import { eventText } from './event-text';
import './case.css';

/** One case, everything on it, kept current as others work on it. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [registered, setRegistered] = useState((location.state as { registered?: string } | null)?.registered);
  // Said once: a reload or the way back to this page does not say it again.
  useEffect(() => {
    if (location.state) void navigate(location.pathname, { replace: true, state: null });
  }, [location, navigate]);
  const data = useCaseData(id);
  const { user } = useSession();
  const format = useFormat();
  // What others did since this page opened: said with who did it, never by dropping what is being typed.
  const [byOthers, setByOthers] = useState<CaseEvent[]>([]);
  const seen = useRef<{ caseId: string; ids: Set<number> } | null>(null);
  useEffect(() => {
    if (!data.detail || data.detail.id !== id) return;
    if (seen.current?.caseId !== id) {
      seen.current = { caseId: id, ids: new Set(data.events.map((event) => event.id)) };
      setByOthers([]);
      return;
    }
    const ids = seen.current.ids;
    const arrived = data.events.filter((event) => !ids.has(event.id));
    for (const event of arrived) ids.add(event.id);
    const others = arrived.filter((event) => event.actorId !== user.id);
    if (others.length > 0) setByOthers((previous) => [...previous, ...others].slice(-5));
  }, [data.detail, data.events, id, user.id]);

  useLiveChanges(() => void data.reload(), id);

  const { apply } = data;
  const state = useMemo<CaseState | null>(
    () =>
      data.detail
        ? {
            detail: data.detail,
            events: data.events,
            apply: (updated) => {
              setRegistered(undefined);
              apply(updated);
            },
          }
        : null,
    [data.detail, data.events, apply],
  );

  if (data.error && !data.detail) {
    return (
      <>
        <PageTitle title={t(errorTitleKey(data.error))}>{t(errorTitleKey(data.error))}</PageTitle>
        <ErrorState error={data.error} retry={() => void data.reload()} untitled />
      </>
    );
  }
  if (!state) return <Loading />;
  const { detail } = state;

  return (
    <CaseContext.Provider value={state}>
      <p className="case-reference mono">{detail.reference}</p>
      <PageTitle title={`${detail.reference} ${detail.title}`}>{detail.title}</PageTitle>
      <p className="case-badges">
        <StageBadge stage={detail.stage} />
        <UrgencyBadge urgency={detail.urgency} />
        <span className="badge">{t(`kind.${detail.kind}`)}</span>
        <FlagBadges flags={detail.flags} />
      </p>
      <div className="live-region" role="status" aria-live="polite">
        {registered ? <p className="notice notice-success">{t('case.registered', { reference: registered })}</p> : null}
        {byOthers.length > 0 ? (
          <div className="notice notice-info live-changes">
            <p>{t('case.changedByOthers')}</p>
            <ul className="plain-list">
              {byOthers.map((event) => (
                <li key={event.id}>
                  {t('case.changedBy', {
                    who: event.actorName ?? t('case.bySystem'),
                    what: eventText(t, event, format.unit, format.text).title,
                    when: format.dateTime(event.at),
                  })}
                </li>
              ))}
            </ul>
            {anyDraft(id) ? <p>{t('case.draftsKept')}</p> : null}
            <p className="notice-actions">
              <button type="button" className="button button-quiet" onClick={() => setByOthers([])}>
                {t('case.dismiss')}
              </button>
            </p>
          </div>
        ) : null}
      </div>
      {data.error ? <ErrorState error={data.error} retry={() => void data.reload()} /> : null}
      <FlagsPanel />
      <div className="case-layout">
        <div className="case-side">
          <Summary />
          <Deadlines />
          <Assignments />
          <People />
        </div>
        <div className="case-main">
          <StagePanel />
          <Moves />
          <Meetings />
          <Answers />
          <Timeline />
        </div>
      </div>
    </CaseContext.Provider>
  );
}
