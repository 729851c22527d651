import { DateTime } from 'luxon';
import type { ReportEvent } from './accountability.js';
import { invalid } from './errors.js';
import type { LocalText } from './plan.js';

/**
 * The annual report (Regulations 2022 Art. 41): the year's figures, derived from the record only —
 * the case rows' times and codes and the timeline's events, never a case's text or a person. The
 * same figures feed the staff page, its PDF and the portal's public statistics (which hide every
 * figure under the plan's minimum, `suppressed`).
 */

/** What the report reads of one case: codes and times, nothing typed by or about a person. */
export interface AnnualCaseFacts {
  id: string;
  channel: string;
  kind: string;
  category: string;
  /** The nature of the matter (core/matter.ts); null: not classified. */
  matterClass: string | null;
  /** The area the petition comes from (the routing proposal's unit); null: not known. */
  areaUnitId: string | null;
  leadUnitId: string | null;
  stage: string;
  receivedAt: string;
  acceptedAt: string | null;
  acceptDueAt: string | null;
  concludedAt: string | null;
  concludeDueAt: string | null;
  /** How far a suggestion was adopted (core/matter.ts `adoptions`), null while not recorded. */
  adoption: string | null;
}

export interface Count {
  key: string;
  count: number;
}

export interface BodyFigures {
  unitId: string;
  received: number;
  concluded: number;
  concludedOnTime: number;
  notAccepted: number;
  open: number;
}

export interface TransferFigures {
  made: number;
  accepted: number;
  declined: number;
  awaitingReply: number;
  repliedLate: number;
  /** Assignments only: the result report (办结报告). */
  reported: number;
  reportedLate: number;
  awaitingReport: number;
}

/** Supervision by the leadership group (督办 or 挂牌督办, Art. 40) begun in the year, and how it ended. */
export interface SupervisionFigures {
  begun: number;
  /** The unit's written feedback given, and of it given after its due date. */
  feedbackGiven: number;
  feedbackLate: number;
  /** Still under supervision at `asOf` without the unit's feedback, and of them past its due date. */
  awaitingFeedback: number;
  feedbackOverdue: number;
  /** Ended by the leadership group, and of them ended without the unit's feedback. */
  ended: number;
  endedWithoutFeedback: number;
  /** Still under supervision at `asOf`. */
  ongoing: number;
}

export interface AnnualFigures {
  year: number;
  from: string;
  to: string;
  /** When the figures were read: the end of the year, or now while it runs. */
  asOf: string;
  /** Whether the year is over (a report of the current year is of the year so far). */
  complete: boolean;
  received: {
    total: number;
    byChannel: Count[];
    byKind: Count[];
    /** Key `unclassified` for cases without a class. */
    byClass: Count[];
    byCategory: Count[];
    /** Key `unknown` for cases whose area is not known. */
    byArea: Count[];
  };
  /** Accepted in the year, and by their acceptance deadline. */
  accepted: { total: number; onTime: number };
  /** Not accepted (不予受理) in the year. */
  notAccepted: number;
  /** Concluded with a written answer in the year, and by their conclusion deadline. */
  concluded: { total: number; onTime: number };
  reviews: {
    /** Review requests (复查) and second-review requests (复核) begun in the year. */
    requested: number;
    secondRequested: number;
    /** Reviews answered in the year, and those answered without their clock running out. */
    answered: number;
    answeredOnTime: number;
    /** Begun in the year and not answered by `asOf`. */
    pending: number;
  };
  /** The lead units with the most cases received in the year (at most `topBodies`), and how those cases stand. */
  bodies: BodyFigures[];
  transfers: { transfer: TransferFigures; assign: TransferFigures };
  supervision: { supervised: SupervisionFigures; listed: SupervisionFigures };
  /** Suggestions (建议意见, Art. 29) received in the year and what became of them. */
  suggestions: { received: number; adopted: number; partly: number; notAdopted: number; pending: number };
}

/** The figures with what a reader needs to name them (a report as the API answers it). */
export interface AnnualReport extends AnnualFigures {
  generatedAt: string;
  /** The plan's minimum: the public statistics show no figure counting fewer cases. */
  minimumCases: number;
  /** The names of the units the figures name (lead units, areas), in both languages. */
  units: { id: string; name: string; nameEn: string | null }[];
  /** The names of the categories, from the plan in force. */
  categories: { code: string; name: LocalText }[];
  notRecorded: string[];
}

export const topBodies = 10;

/** The first and last instants of a year in the jurisdiction's zone, as UTC ISO times (`to` exclusive). */
export function yearPeriod(year: number, timeZone: string): { from: string; to: string } {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: timeZone });
  return { from: start.toUTC().toISO() ?? '', to: start.plus({ years: 1 }).toUTC().toISO() ?? '' };
}

/** The year asked for, checked: a four-digit year that has begun in the jurisdiction (an error naming `year` otherwise). */
export function checkYear(value: string | number | undefined, now: string, timeZone: string): number {
  const current = DateTime.fromISO(now, { zone: 'utc' }).setZone(timeZone).year;
  if (value === undefined || value === '') return current;
  const text = String(value);
  if (!/^\d{4}$/.test(text)) throw invalid('year', 'is a year of four digits, such as 2026.', { code: 'not_integer' });
  const year = Number(text);
  if (year < 1990) throw invalid('year', 'the record starts later than 1990.', { code: 'too_small', params: { min: 1990 } });
  if (year > current) throw invalid('year', `the year ${year} has not begun; the latest annual report is for ${current}.`, { code: 'in_future', params: { year, latest: current } });
  return year;
}

const str = (value: unknown) => (typeof value === 'string' ? value : null);

/** Counts of a key, most first, then by key. */
function tally(keys: readonly string[]): Count[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const emptyTransfers = (): TransferFigures => ({ made: 0, accepted: 0, declined: 0, awaitingReply: 0, repliedLate: 0, reported: 0, reportedLate: 0, awaitingReport: 0 });
const emptySupervision = (): SupervisionFigures => ({ begun: 0, feedbackGiven: 0, feedbackLate: 0, awaitingFeedback: 0, feedbackOverdue: 0, ended: 0, endedWithoutFeedback: 0, ongoing: 0 });

/**
 * The year's figures. `cases` holds every case received, accepted or concluded in the year or with
 * an event in it; `events` the timeline's events of those cases up to `asOf` (any year: a transfer
 * made in the year may be answered after it). Each figure counts cases, or transfers, once.
 */
export function annualFigures(input: { year: number; from: string; to: string; now: string; cases: readonly AnnualCaseFacts[]; events: readonly ReportEvent[] }): AnnualFigures {
  const { from, to } = input;
  const asOf = input.now < to ? input.now : to;
  const inYear = (at: string | null): at is string => at !== null && at >= from && at < to;
  const received = input.cases.filter((item) => inYear(item.receivedAt));
  // accepted_at is when the office decided, either way (core/stages.ts): a case declined is not accepted.
  const accepted = input.cases.filter((item) => inYear(item.acceptedAt) && item.stage !== 'not_accepted');
  const concluded = input.cases.filter((item) => inYear(item.concludedAt));
  const onTime = (doneAt: string, dueAt: string | null) => dueAt === null || doneAt <= dueAt;

  const events = [...input.events].filter((event) => event.at < asOf || event.at === asOf).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const voided = new Set(events.filter((event) => event.type === 'deadline.voided').map((event) => `${str(event.data.deadlineId)}|${str(event.data.missedAt)}`));
  const notAccepted = new Set<string>();
  // Reviews: each round of each case, keyed `case|round`.
  const reviewsBegun = new Map<string, { caseId: string; round: number }>();
  const reviewsAnswered = new Set<string>();
  const reviewsAnsweredInYear = new Set<string>();
  const reviewsMissed = new Set<string>();
  const transfers = new Map<string, { kind: string; reply: string | null; repliedLate: boolean; reported: boolean; reportedLate: boolean }>();
  const supervisions = new Map<string, { kind: string; dueAt: string | null; feedback: boolean; late: boolean; ended: boolean }>();
  for (const event of events) {
    const data = event.data;
    if (event.type === 'stage.changed' && data.to === 'not_accepted' && inYear(event.at)) notAccepted.add(event.caseId);
    if (event.type === 'stage.changed' && data.to === 'review' && inYear(event.at)) {
      const round = Number(data.round) || 1;
      reviewsBegun.set(`${event.caseId}|${round}`, { caseId: event.caseId, round });
    }
    if (event.type === 'answer.given' && Number(data.reviewRound) > 0) {
      const key = `${event.caseId}|${Number(data.reviewRound)}`;
      if (!reviewsAnswered.has(key)) {
        reviewsAnswered.add(key);
        if (inYear(event.at)) reviewsAnsweredInYear.add(key);
      }
    }
    if (event.type === 'deadline.missed' && data.subject === 'case' && typeof data.kind === 'string' && data.kind.startsWith('review-') && !voided.has(`${str(data.deadlineId)}|${event.at}`)) {
      reviewsMissed.add(`${event.caseId}|${Number(data.kind.slice('review-'.length))}`);
    }
    const transferId = str(data.transferId);
    if (event.type === 'transfer.made' && transferId && inYear(event.at)) {
      transfers.set(transferId, { kind: str(data.kind) === 'assign' ? 'assign' : 'transfer', reply: null, repliedLate: false, reported: false, reportedLate: false });
    }
    const transfer = transferId ? transfers.get(transferId) : undefined;
    if (transfer && event.type === 'transfer.replied' && transfer.reply === null) {
      transfer.reply = str(data.reply);
      transfer.repliedLate = data.late === true;
    }
    if (transfer && event.type === 'transfer.reported' && !transfer.reported) {
      transfer.reported = true;
      transfer.reportedLate = data.late === true;
    }
    const supervisionId = str(data.supervisionId);
    if (event.type === 'supervision.started' && supervisionId && inYear(event.at)) {
      supervisions.set(supervisionId, { kind: str(data.kind) === 'listed' ? 'listed' : 'supervised', dueAt: str(data.feedbackDueAt), feedback: false, late: false, ended: false });
    }
    const supervision = supervisionId ? supervisions.get(supervisionId) : undefined;
    if (supervision && event.type === 'supervision.feedback' && !supervision.feedback) {
      supervision.feedback = true;
      supervision.late = data.late === true;
    }
    if (supervision && event.type === 'supervision.ended') supervision.ended = true;
  }

  const supervisionFigures = { supervised: emptySupervision(), listed: emptySupervision() };
  for (const supervision of supervisions.values()) {
    const figures = supervision.kind === 'listed' ? supervisionFigures.listed : supervisionFigures.supervised;
    figures.begun += 1;
    if (supervision.feedback) figures.feedbackGiven += 1;
    if (supervision.late) figures.feedbackLate += 1;
    if (supervision.ended) {
      figures.ended += 1;
      if (!supervision.feedback) figures.endedWithoutFeedback += 1;
    } else {
      figures.ongoing += 1;
      if (!supervision.feedback) {
        figures.awaitingFeedback += 1;
        if (supervision.dueAt !== null && supervision.dueAt < asOf) figures.feedbackOverdue += 1;
      }
    }
  }

  const transferFigures = { transfer: emptyTransfers(), assign: emptyTransfers() };
  for (const transfer of transfers.values()) {
    const figures = transfer.kind === 'assign' ? transferFigures.assign : transferFigures.transfer;
    figures.made += 1;
    if (transfer.reply === 'accepted') figures.accepted += 1;
    else if (transfer.reply === 'declined') figures.declined += 1;
    else figures.awaitingReply += 1;
    if (transfer.repliedLate) figures.repliedLate += 1;
    if (transfer.kind === 'assign') {
      if (transfer.reported) figures.reported += 1;
      else if (transfer.reply !== 'declined') figures.awaitingReport += 1;
      if (transfer.reportedLate) figures.reportedLate += 1;
    }
  }

  const bodies = new Map<string, BodyFigures>();
  for (const item of received) {
    if (item.leadUnitId === null) continue;
    const body = bodies.get(item.leadUnitId) ?? { unitId: item.leadUnitId, received: 0, concluded: 0, concludedOnTime: 0, notAccepted: 0, open: 0 };
    body.received += 1;
    if (item.concludedAt !== null && item.concludedAt <= asOf) {
      body.concluded += 1;
      if (onTime(item.concludedAt, item.concludeDueAt)) body.concludedOnTime += 1;
    } else if (item.stage === 'not_accepted') body.notAccepted += 1;
    else if (item.stage !== 'closed') body.open += 1;
    bodies.set(item.leadUnitId, body);
  }

  const suggestions = received.filter((item) => item.matterClass === 'suggestion');
  const reviewKeys = [...reviewsBegun.keys()];
  return {
    year: input.year,
    from,
    to,
    asOf,
    complete: input.now >= to,
    received: {
      total: received.length,
      byChannel: tally(received.map((item) => item.channel)),
      byKind: tally(received.map((item) => item.kind)),
      byClass: tally(received.map((item) => item.matterClass ?? 'unclassified')),
      byCategory: tally(received.map((item) => item.category)),
      byArea: tally(received.map((item) => item.areaUnitId ?? 'unknown')),
    },
    accepted: { total: accepted.length, onTime: accepted.filter((item) => item.acceptedAt !== null && onTime(item.acceptedAt, item.acceptDueAt)).length },
    notAccepted: notAccepted.size,
    concluded: { total: concluded.length, onTime: concluded.filter((item) => item.concludedAt !== null && onTime(item.concludedAt, item.concludeDueAt)).length },
    reviews: {
      requested: [...reviewsBegun.values()].filter((review) => review.round === 1).length,
      secondRequested: [...reviewsBegun.values()].filter((review) => review.round >= 2).length,
      answered: reviewsAnsweredInYear.size,
      answeredOnTime: [...reviewsAnsweredInYear].filter((key) => !reviewsMissed.has(key)).length,
      pending: reviewKeys.filter((key) => !reviewsAnswered.has(key)).length,
    },
    bodies: [...bodies.values()].sort((a, b) => b.received - a.received || (a.unitId < b.unitId ? -1 : 1)).slice(0, topBodies),
    transfers: transferFigures,
    supervision: supervisionFigures,
    suggestions: {
      received: suggestions.length,
      adopted: suggestions.filter((item) => item.adoption === 'adopted').length,
      partly: suggestions.filter((item) => item.adoption === 'partly').length,
      notAdopted: suggestions.filter((item) => item.adoption === 'not_adopted').length,
      pending: suggestions.filter((item) => item.adoption === null).length,
    },
  };
}

/** A figure as the public may see it: the number, or null when it counts fewer cases than the minimum (zero included). */
export function suppressed(count: number, minimum: number): number | null {
  return count >= minimum ? count : null;
}

/** A share in whole percent, or null when its base counts fewer cases than the minimum (a rate over three cases misleads). */
export function shareOf(part: number, base: number, minimum: number): number | null {
  if (base < minimum || base === 0) return null;
  return Math.round((part / base) * 100);
}
