import type { CalendarProblemCode } from '../contract/problems.js';
import { DateTime } from 'luxon';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { DomainError } from './errors.js';
import { fromLocalDay } from './local-days.js';

/** A jurisdiction's calendar: public holidays, and weekend days that are worked instead (调休). */
export interface Calendar {
  name: string;
  /** Years the calendar claims to cover completely; beyond them only weekends are known. */
  years: number[];
  holidays: Map<string, string>;
  workdays: Map<string, string>;
}

export const emptyCalendar: Calendar = { name: 'weekends only', years: [], holidays: new Map(), workdays: new Map() };

/** Whether a local calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(calendar: Calendar, date: string): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = DateTime.fromISO(date, { zone: 'utc' }).weekday;
  return weekday <= 5;
}

/**
 * The end of the Nth working day after `fromIso`, in the jurisdiction's zone. The day the clock
 * starts never counts, even when it is a working day, mirroring calendar-day counting.
 */
export function addWorkingDays(fromIso: string, days: number, timeZone: string, calendar: Calendar): string {
  return fromLocalDay(fromIso, days, timeZone, calendar, (first, count) => workingDaysAfter(first, count, calendar), () =>
    DateTime.fromISO(fromIso, { zone: 'utc' }).setZone(timeZone).startOf('day'),
  );
}

/** The end of the Nth working day after the local day starting at `first`. */
function workingDaysAfter(first: DateTime, days: number, calendar: Calendar): string {
  let day = first;
  let counted = 0;
  // A year holds ~250 working days; bounding the walk keeps a broken calendar from looping forever.
  for (let guard = 0; counted < days; guard += 1) {
    if (guard > days * 7 + 366) throw new Error('The calendar has no working days in reach.');
    day = day.plus({ days: 1 });
    if (isWorkingDay(calendar, day.toISODate() ?? '')) counted += 1;
  }
  const iso = day.endOf('day').toUTC().toISO();
  if (iso === null) throw new Error('Working-day arithmetic produced an invalid time.');
  return iso;
}

/** Whether every year a deadline falls in is covered by the calendar (otherwise holidays may be missed). */
export function covers(calendar: Calendar, isoTimes: readonly string[], timeZone: string): boolean {
  return isoTimes.every((iso) => calendar.years.includes(DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).year));
}

interface CalendarProblem {
  line: number | undefined;
  path: string;
  /** What is wrong, as a code the apps word (with `params`); `message` says it in English for logs. */
  code: CalendarProblemCode;
  params?: Record<string, string>;
  message: string;
}

/** Parses a calendar file (see calendars/cn-mainland.yaml); every error names its line. */
export function parseCalendarYaml(source: string): Calendar {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true });
  const problems: CalendarProblem[] = document.errors.map((error) => ({
    line: lineCounter.linePos(error.pos[0]).line,
    path: '',
    code: 'yaml_syntax',
    params: { yamlCode: error.code },
    message: error.message.split('\n')[0] ?? error.message,
  }));
  const lineOf = (path: (string | number)[]) => {
    const node = document.getIn(path, true);
    return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  const raw = (problems.length === 0 ? document.toJS() : {}) as Record<string, unknown>;
  const calendar: Calendar = { name: typeof raw.name === 'string' ? raw.name : 'calendar', years: [], holidays: new Map(), workdays: new Map() };
  if (problems.length === 0) {
    const years = raw.years ?? [];
    if (!Array.isArray(years) || !years.every((year) => Number.isInteger(year) && year >= 2000 && year <= 2100)) {
      problems.push({ line: lineOf(['years']), path: 'years', code: 'years_list', message: 'must be a list of years such as [2025, 2026]' });
    } else {
      calendar.years = years as number[];
    }
    for (const listName of ['holidays', 'workdays'] as const) {
      const list = raw[listName] ?? [];
      if (!Array.isArray(list)) {
        problems.push({ line: lineOf([listName]), path: listName, code: 'day_list', message: 'must be a list of { date, name }' });
        continue;
      }
      list.forEach((entry: unknown, index) => {
        const item = entry as { date?: unknown; name?: unknown } | null;
        // YAML reads an unquoted 2026-10-01 as a date; accept both that and a string.
        const rawDate = item?.date instanceof Date ? item.date.toISOString().slice(0, 10) : item?.date;
        const date = typeof rawDate === 'string' ? DateTime.fromISO(rawDate, { zone: 'utc' }) : null;
        const path = `${listName}[${index}].date`;
        if (!date || !date.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(String(rawDate))) {
          problems.push({ line: lineOf([listName, index, 'date']) ?? lineOf([listName, index]), path, code: 'not_a_date', params: { value: String(rawDate) }, message: `"${String(rawDate)}" is not a date (YYYY-MM-DD)` });
          return;
        }
        const key = date.toISODate() ?? '';
        const other = listName === 'holidays' ? calendar.workdays : calendar.holidays;
        if (other.has(key)) {
          problems.push({ line: lineOf([listName, index, 'date']), path, code: 'day_twice', params: { date: key }, message: `${key} is listed both as a holiday and as a working day` });
          return;
        }
        calendar[listName].set(key, typeof item?.name === 'string' ? item.name : '');
      });
    }
  }
  if (problems.length > 0) {
    const first = problems[0] as CalendarProblem;
    throw new DomainError(
      'validation_failed',
      `The calendar is not valid: ${first.line === undefined ? '' : `line ${first.line}, `}${first.path || 'file'}: ${first.message}.`,
      { field: first.path || 'calendar', details: { problems } },
    );
  }
  return calendar;
}
