import { DateTime } from 'luxon';

/**
 * Day deadlines remembered per local day. A day deadline depends only on the local date its
 * clock starts on (the day is not counted; the deadline is the end of a later local day), and a
 * server's clocks mostly start today, so the answer for "N days after some time today" is worked
 * out once per zone, day and count instead of by luxon on every intake (a working-day count
 * walks each day between: a tenth of an intake's CPU).
 */
interface LocalDay {
  /** The local day's bounds in UTC milliseconds: [start, end]. */
  start: number;
  end: number;
  /** Its first moment, in the zone. */
  first: DateTime;
  /** Deadlines from this day, by the table that counts them (calendar days, or one holiday calendar) and the count. */
  answers: WeakMap<object, Map<number, string>>;
}

// The day last asked about in each zone: one entry per zone, replaced when a time falls outside it.
const recentDays = new Map<string, LocalDay>();
const isoTime = /^\d{4}-\d{2}-\d{2}T/;

/** The local day a UTC time falls in; undefined when the time is not an ISO 8601 instant (the caller's luxon parse names the fault). */
function localDayOf(fromIso: string, timeZone: string): LocalDay | undefined {
  const at = isoTime.test(fromIso) ? Date.parse(fromIso) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  const kept = recentDays.get(timeZone);
  if (kept && at >= kept.start && at <= kept.end) return kept;
  const local = DateTime.fromMillis(at, { zone: timeZone });
  if (!local.isValid) return undefined;
  const first = local.startOf('day');
  const day: LocalDay = { start: first.toMillis(), end: local.endOf('day').toMillis(), first, answers: new WeakMap() };
  recentDays.set(timeZone, day);
  return day;
}

/**
 * `count(first, days)` for the local day `fromIso` falls in, remembered under `table` (an object
 * that stands for how days are counted: a holiday calendar, or `calendarDays`). For a time that is
 * not an ISO instant the day's first moment comes from `firstMoment()`, so its error is the caller's own.
 */
export function fromLocalDay(
  fromIso: string,
  days: number,
  timeZone: string,
  table: object,
  count: (first: DateTime, days: number) => string,
  firstMoment: () => DateTime,
): string {
  const day = localDayOf(fromIso, timeZone);
  if (!day) return count(firstMoment(), days);
  let answers = day.answers.get(table);
  if (!answers) {
    answers = new Map();
    day.answers.set(table, answers);
  }
  const kept = answers.get(days);
  if (kept !== undefined) return kept;
  const answer = count(day.first, days);
  answers.set(days, answer);
  return answer;
}

/** The table calendar-day deadlines are remembered under. */
export const calendarDays = {};
