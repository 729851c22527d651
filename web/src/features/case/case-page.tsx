import { useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { FlagBadges, StageBadge, UrgencyBadge } from '../../ui/badges';
import { PageTitle } from '../../ui/page-title';
import { ErrorState, errorTitleKey, Loading } from '../../ui/states';
import type { Registered } from '../register/registered';
import { Answers } from './answers';
import { AttachmentsPanel } from './attachments-panel';
import { CallbackPanel } from './callback-panel';
import { RegistrationReceipt } from './registration-receipt';
import { Assignments } from './assignments';
import { CaseContext, type CaseState } from './case-context';
import { CommitmentsPanel } from './commitments-panel';
import { FlagsPanel } from './flags-panel';
import { MatterPanel } from './matter-panel';
import { Meetings } from './meetings';
import { WrittenNotices } from './notices';
import { Moves } from './moves';
import { People } from './people';
import { ReviewPanel } from './review-panel';
import { RoutingPanel } from './routing-panel';
import { SameIssuePanel } from './same-issue-panel';
import { StagePanel } from './stage-panel';
import { SupervisionPanel } from './supervision-panel';
import { LeadersPanel } from './leaders-panel';
import { Deadlines, Summary } from './summary';
import { Timeline } from './timeline';
import { TransferPanel } from './transfer-panel';
import { caseEventsQuery, caseQuery } from './case-queries';
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
  const [registered, setRegistered] = useState((location.state as Partial<Registered> | null)?.registered ? (location.state as Registered) : undefined);
  // Said once: a reload or the way back to this page does not say it again.
  useEffect(() => {
    if (location.state) void navigate(location.pathname, { replace: true, state: null });
  }, [location, navigate]);
  // The live stream invalidates both when the case changes (live/live.tsx); an action sets the case it answered.
  const caseRead = useQuery(caseQuery(id));
  const eventsRead = useQuery(caseEventsQuery(id));
  const detail = caseRead.data;
  const events = useMemo(() => eventsRead.data ?? [], [eventsRead.data]);
  const { user } = useSession();
  const format = useFormat();
  // What others did since this page opened: said with who did it, never by dropping what is being typed.
  const [byOthers, setByOthers] = useState<CaseEvent[]>([]);
  const seen = useRef<{ caseId: string; ids: Set<number> } | null>(null);
  useEffect(() => {
    if (!detail || detail.id !== id || !eventsRead.data) return;
    if (seen.current?.caseId !== id) {
      seen.current = { caseId: id, ids: new Set(events.map((event) => event.id)) };
      setByOthers([]);
      return;
    }
    const ids = seen.current.ids;
    const arrived = events.filter((event) => !ids.has(event.id));
    for (const event of arrived) ids.add(event.id);
    const others = arrived.filter((event) => event.actorId !== user.id);
    if (others.length > 0) setByOthers((previous) => [...previous, ...others].slice(-5));
  }, [detail, events, eventsRead.data, id, user.id]);

  const state = useMemo<CaseState | null>(() => (detail ? { detail, events, acted: () => setRegistered(undefined) } : null), [detail, events]);
  const error = caseRead.error ?? eventsRead.error ?? undefined;
  const retry = () => {
    void caseRead.refetch();
    void eventsRead.refetch();
  };

  if (error && !detail) {
    return (
      <>
        <PageTitle title={t(errorTitleKey(error))}>{t(errorTitleKey(error))}</PageTitle>
        <ErrorState error={error} retry={retry} untitled />
      </>
    );
  }
  if (!state || !detail) return <Loading />;

  return (
    <CaseContext.Provider value={state}>
      {/* Another case is another set of forms: nothing typed on one shows on the next. */}
      <Fragment key={detail.id}>
      <p className="case-reference mono">{detail.reference}</p>
      <PageTitle title={`${detail.reference} ${detail.titleWithheld ? t('matter.titleWithheld') : detail.title}`}>
        {detail.titleWithheld ? t('matter.titleWithheld') : detail.title}
      </PageTitle>
      <p className="case-badges">
        <StageBadge stage={detail.stage} />
        <UrgencyBadge urgency={detail.urgency} />
        <span className="badge">{t(`kind.${detail.kind}`)}</span>
        <FlagBadges flags={detail.flags} />
      </p>
      <div className="live-region" role="status" aria-live="polite">
        {registered ? <RegistrationReceipt registered={registered} /> : null}
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
      {error ? <ErrorState error={error} retry={retry} /> : null}
      <FlagsPanel />
      <div className="case-layout">
        <div className="case-side">
          <Summary />
          <MatterPanel />
          <Deadlines />
          <RoutingPanel />
          <Assignments />
          <People />
        </div>
        <div className="case-main">
          <StagePanel />
          <Moves />
          <ReviewPanel />
          <TransferPanel />
          <SupervisionPanel />
          <LeadersPanel />
          <SameIssuePanel />
          <Meetings />
          <CommitmentsPanel />
          <Answers />
          <CallbackPanel />
          <WrittenNotices />
          <AttachmentsPanel />
          <Timeline />
        </div>
      </div>
      </Fragment>
    </CaseContext.Provider>
  );
}
