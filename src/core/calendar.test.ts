import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, covers, isWorkingDay, parseCalendarYaml } from './calendar.js';
import { acceptDueAt, statutoryDefaults } from './deadlines.js';

const mainland = parseCalendarYaml(readFileSync('calendars/cn-mainland.yaml', 'utf8'));
const shanghai = 'Asia/Shanghai';

describe('the shipped mainland China calendar', () => {
  it('knows the 2026 holidays and make-up working days', () => {
    expect(mainland.years).toEqual([2025, 2026]);
    expect(isWorkingDay(mainland, '2026-10-01')).toBe(false); // National Day
    expect(isWorkingDay(mainland, '2026-10-10')).toBe(true); // a Saturday worked instead
    expect(isWorkingDay(mainland, '2026-10-11')).toBe(false); // an ordinary Sunday
    expect(isWorkingDay(mainland, '2026-02-14')).toBe(true); // Saturday before Spring Festival
    expect(isWorkingDay(mainland, '2026-02-16')).toBe(false); // Spring Festival, a Monday
    expect(isWorkingDay(mainland, '2026-11-30')).toBe(true); // an ordinary Monday
  });
});

describe('addWorkingDays', () => {
  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // Received Wednesday 30 September 2026, 10:00 in Beijing. Working days after it:
    // Oct 8 (1), 9 (2), Sat 10 make-up (3), 12–16 (4–8), 19–23 (9–13), 26 (14), 27 (15).
    expect(addWorkingDays('2026-09-30T02:00:00.000Z', 15, shanghai, mainland)).toBe('2026-10-27T15:59:59.999Z');
  });

  it('gives a later deadline than calendar days when a holiday intervenes', () => {
    const received = '2026-09-30T02:00:00.000Z';
    const calendarDays = acceptDueAt(statutoryDefaults, received, { timeZone: shanghai, calendar: mainland });
    const workingDays = acceptDueAt({ ...statutoryDefaults, dayKind: 'working' }, received, { timeZone: shanghai, calendar: mainland });
    expect(calendarDays).toBe('2026-10-15T15:59:59.999Z');
    expect(workingDays).toBe('2026-10-27T15:59:59.999Z');
  });

  it('counts from the local day, not the UTC one', () => {
    // 17:00Z on Friday 27 November is already Saturday in Beijing: Monday is the first working day.
    expect(addWorkingDays('2026-11-27T17:00:00.000Z', 1, shanghai, mainland)).toBe('2026-11-30T15:59:59.999Z');
    expect(addWorkingDays('2026-11-27T08:00:00.000Z', 1, shanghai, mainland)).toBe('2026-11-30T15:59:59.999Z');
    expect(addWorkingDays('2026-11-26T08:00:00.000Z', 1, shanghai, mainland)).toBe('2026-11-27T15:59:59.999Z');
  });

  it('answers every time of one local day alike, each calendar and zone on its own (the day is remembered, not the answer across calendars)', () => {
    // 16:00Z is midnight in Beijing: from then it is Friday 2 October there, still a holiday.
    const thursday = '2026-09-30T16:00:00.000Z';
    expect(addWorkingDays(thursday, 1, shanghai, mainland)).toBe('2026-10-08T15:59:59.999Z');
    expect(addWorkingDays('2026-10-01T15:59:59.999Z', 1, shanghai, mainland)).toBe('2026-10-08T15:59:59.999Z');
    // The same day on a weekends-only calendar: Friday 2 October is a working day there.
    const weekendsOnly = parseCalendarYaml('name: weekends\nyears: [2026]\n');
    expect(addWorkingDays(thursday, 1, shanghai, weekendsOnly)).toBe('2026-10-02T15:59:59.999Z');
    // And in another zone the same instant is still Wednesday 30 September.
    expect(addWorkingDays(thursday, 1, 'Europe/London', weekendsOnly)).toBe('2026-10-01T22:59:59.999Z');
    expect(addWorkingDays('2026-09-30T15:59:59.999Z', 1, shanghai, mainland)).toBe('2026-10-08T15:59:59.999Z');
    expect(() => addWorkingDays('not a time', 1, shanghai, mainland)).toThrow();
  });

  it('tells whether a deadline lies in a year the calendar covers', () => {
    expect(covers(mainland, ['2026-12-31T00:00:00.000Z'], shanghai)).toBe(true);
    expect(covers(mainland, ['2027-01-05T00:00:00.000Z'], shanghai)).toBe(false);
  });
});

describe('parseCalendarYaml', () => {
  it('names the line of a date that does not exist', () => {
    const source = ['name: test', 'years: [2026]', 'holidays:', '  - { date: 2026-10-01, name: a }', '  - { date: 2026-02-30, name: b }', 'workdays: []'].join('\n');
    expect(() => parseCalendarYaml(source)).toThrow(/line 5, holidays\[1\]\.date: "2026-02-30" is not a date/);
  });

  it('refuses a day listed both as a holiday and a working day', () => {
    const source = ['years: [2026]', 'holidays:', '  - { date: 2026-10-01 }', 'workdays:', '  - { date: 2026-10-01 }'].join('\n');
    expect(() => parseCalendarYaml(source)).toThrow(/line 5, workdays\[0\]\.date: 2026-10-01 is listed both/);
  });

  it('reports broken YAML with its line', () => {
    expect(() => parseCalendarYaml('years: [2026\nholidays: []')).toThrow(/line \d+/);
  });

  it('refuses years that are not years', () => {
    expect(() => parseCalendarYaml('years: [twenty]')).toThrow(/years: must be a list of years/);
  });
});
