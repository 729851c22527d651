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
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location, navigate]);
  const data = useCaseData(id);
  const [updatedByOthers, setUpdatedByOthers] = useState(false);
  const lastOwnAction = useRef(0);

  useLiveChanges((changes) => {
    // Our own action already shows; anything else is someone else's work arriving.
    if (changes.length > 0 && Date.now() - lastOwnAction.current > 2000) setUpdatedByOthers(true);
    void data.reload();
  }, id);

  const { apply } = data;
  const state = useMemo<CaseState | null>(
    () =>
      data.detail
        ? {
            detail: data.detail,
            events: data.events,
            apply: (updated) => {
              lastOwnAction.current = Date.now();
              setUpdatedByOthers(false);
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
        {updatedByOthers ? <p className="notice notice-info">{t('case.updatedLive')}</p> : null}
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
