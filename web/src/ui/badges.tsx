import { useTranslation } from 'react-i18next';
import type { CaseFlag, CaseSummary, Deadline } from '../api/types';
import { timeLeft, timeLeftInWords } from './time';

export function StageBadge({ stage }: { stage: CaseSummary['stage'] }) {
  const { t } = useTranslation();
  return <span className={`badge stage stage-${stage}`}>{t(`stage.${stage}`)}</span>;
}

export function UrgencyBadge({ urgency }: { urgency: CaseSummary['urgency'] }) {
  const { t } = useTranslation();
  return <span className={`badge urgency-${urgency}`}>{t(`urgency.${urgency}`)}</span>;
}

/** What the office must look at on a case, e.g. a suspected spam petition: never only a colour. */
export function FlagBadges({ flags }: { flags: readonly CaseFlag[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <>
      {flags.map((flag) => (
        <span key={flag} className={`badge flag flag-${flag}`}>
          <span aria-hidden="true">⚑ </span>
          {t(`flag.${flag}`)}
        </span>
      ))}
    </>
  );
}

/** A clock's standing: time left or overdue while open; met or missed once done; stopped when the case came to rest first. */
export function DeadlineBadge({ deadline, now }: { deadline: Deadline; now: number }) {
  const { t } = useTranslation();
  if (deadline.dueAt === null) return null;
  if (deadline.status === 'stopped') return <span className="badge deadline-stopped">{t('deadline.stopped')}</span>;
  if (deadline.status === 'paused') return <span className="badge deadline-stopped">{t('deadline.paused')}</span>;
  if (deadline.doneAt === null && deadline.status === 'missed') return <span className="badge deadline-missed">{t('deadline.missed')}</span>;
  if (deadline.doneAt !== null) {
    const met = deadline.doneAt <= deadline.dueAt;
    return <span className={`badge ${met ? 'deadline-met' : 'deadline-missed'}`}>{t(met ? 'deadline.met' : 'deadline.missed')}</span>;
  }
  const left = timeLeft(deadline.dueAt, now);
  const tone = left.overdue ? 'deadline-overdue' : left.dueSoon ? 'deadline-soon' : 'deadline-pending';
  return (
    <span className={`badge ${tone}`}>
      {left.overdue ? <span aria-hidden="true">⚠ </span> : null}
      {timeLeftInWords(t, deadline.dueAt, now)}
    </span>
  );
}

export type OwedClock = 'accept' | 'conclude' | 'review';

/** The earliest clock the office still owes on a case, if any (the review request window is the petitioner's). */
export function nextOwed(summary: Pick<CaseSummary, 'deadlines'>): { clock: OwedClock; deadline: Deadline } | null {
  const clocks: OwedClock[] = ['accept', 'conclude', 'review'];
  let best: { clock: OwedClock; deadline: Deadline } | null = null;
  for (const clock of clocks) {
    const deadline = summary.deadlines[clock];
    if (deadline.dueAt === null || deadline.doneAt !== null) continue;
    if (!best || deadline.dueAt < (best.deadline.dueAt ?? '')) best = { clock, deadline };
  }
  return best;
}
