import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { parseCalendarYaml, type Calendar } from '../core/calendar.js';
import { DomainError, forbidden } from '../core/errors.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import type { Database } from '../db/schema.js';
import { builtinCalendarPath } from '../paths.js';
import { actorId, type Context } from '../context/context.js';

const settingKey = 'calendar';

/** The calendar text in force: the one an admin imported, else the shipped mainland China calendar. */
export async function calendarSourceText(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirst();
  return row?.value ?? readFileSync(builtinCalendarPath(), 'utf8');
}

export async function loadCalendar(db: Kysely<Database>): Promise<Calendar> {
  return parseCalendarYaml(await calendarSourceText(db));
}

/** Replaces the holiday calendar (validated first; a bad date names its line) and applies it at once. */
export async function importCalendar(ctx: Context, props: { actor: Actor | null; source: string }): Promise<Calendar> {
  if (props.actor && !can(props.actor, 'settings.manage')) throw forbidden('Only an admin can replace the calendar.');
  const calendar = parseCalendarYaml(props.source);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('settings').where('key', '=', settingKey).execute();
    await trx.insertInto('settings').values({ key: settingKey, value: props.source, updated_at: now, updated_by: actorId(props.actor) }).execute();
    await recordAudit(trx, {
      at: now,
      actorId: actorId(props.actor),
      action: 'calendar.replace',
      subjectType: 'settings',
      subjectId: settingKey,
      detail: { years: calendar.years, holidays: calendar.holidays.size, workdays: calendar.workdays.size },
    });
  });
  ctx.calendar.replace(calendar);
  return calendar;
}

export interface CalendarDay {
  date: string;
  name: string;
}

interface CalendarYear {
  year: number;
  /** Public holidays, and the weekend days worked instead (调休), each in date order. */
  holidays: CalendarDay[];
  workdays: CalendarDay[];
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The years a calendar holds: those it declares and those its days fall in, in order. */
function yearsHeld(calendar: Calendar): number[] {
  const years = new Set(calendar.years);
  for (const date of [...calendar.holidays.keys(), ...calendar.workdays.keys()]) years.add(yearOf(date));
  return [...years].sort((a, b) => a - b);
}

function daysOf(days: Map<string, string>, year: number): CalendarDay[] {
  return [...days]
    .filter(([date]) => yearOf(date) === year)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, name]) => ({ date, name }));
}

/** The calendar in force, year by year, for the admin's calendar page. */
export function calendarByYear(calendar: Calendar): { name: string; years: CalendarYear[] } {
  return {
    name: calendar.name,
    years: yearsHeld(calendar).map((year) => ({ year, holidays: daysOf(calendar.holidays, year), workdays: daysOf(calendar.workdays, year) })),
  };
}

/** The calendar as YAML in the shipped file's format (calendars/cn-mainland.yaml), a comment before each year. */
function calendarYaml(calendar: Calendar): string {
  const byYear = calendarByYear(calendar).years;
  const list = (key: 'holidays' | 'workdays') =>
    byYear.flatMap((year) => (year[key].length === 0 ? [] : [`  # ${year.year}`, ...year[key].map((day) => `  - { date: ${day.date}, name: ${JSON.stringify(day.name)} }`)]));
  const holidays = list('holidays');
  const workdays = list('workdays');
  return [
    '# Public holidays and make-up working days (调休), written by Redress when a year was imported.',
    `name: ${JSON.stringify(calendar.name)}`,
    `years: [${calendar.years.join(', ')}]`,
    holidays.length ? 'holidays:' : 'holidays: []',
    ...holidays,
    workdays.length ? 'workdays:' : 'workdays: []',
    ...workdays,
    '',
  ].join('\n');
}

/**
 * Adds the years of a file (the shipped calendar's YAML format, usually one new year from the State
 * Council's notice) to the calendar in force: each year the file holds replaces that year there,
 * every other year is kept. A problem in the file names its line, and nothing is changed.
 */
export async function importCalendarYears(ctx: Context, props: { actor: Actor | null; source: string }): Promise<{ imported: number[]; calendar: Calendar }> {
  if (props.actor && !can(props.actor, 'settings.manage')) throw forbidden('Only an admin can change the calendar.');
  const file = parseCalendarYaml(props.source);
  const imported = yearsHeld(file);
  if (imported.length === 0) {
    throw new DomainError('validation_failed', 'years: the file holds no year (list it under `years`, and its days under `holidays` and `workdays`).', {
      field: 'years',
      details: { problems: [{ line: 1, path: 'years', code: 'no_years', message: 'the file holds no year' }] },
    });
  }
  const current = await loadCalendar(ctx.db);
  const kept = (days: Map<string, string>) => [...days].filter(([date]) => !imported.includes(yearOf(date)));
  const merged: Calendar = {
    name: current.name,
    years: [...new Set([...current.years, ...imported])].sort((a, b) => a - b),
    holidays: new Map([...kept(current.holidays), ...file.holidays]),
    workdays: new Map([...kept(current.workdays), ...file.workdays]),
  };
  const source = calendarYaml(merged);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('settings').where('key', '=', settingKey).execute();
    await trx.insertInto('settings').values({ key: settingKey, value: source, updated_at: now, updated_by: actorId(props.actor) }).execute();
    await recordAudit(trx, {
      at: now,
      actorId: actorId(props.actor),
      action: 'calendar.import_years',
      subjectType: 'settings',
      subjectId: settingKey,
      detail: { years: imported, holidays: file.holidays.size, workdays: file.workdays.size },
    });
  });
  ctx.calendar.replace(merged);
  return { imported, calendar: merged };
}
