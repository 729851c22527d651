import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiWorld, expectStatus, type ApiWorld } from '../../../../test/api.js';
import { databaseKinds } from '../../../../test/databases.js';
import { expectError, get, withoutWrites } from '../../../../test/requests.js';
import { parseCalendarYaml } from '../../../core/calendar.js';

interface Years {
  name: string;
  imported?: number[];
  years: { year: number; holidays: { date: string; name: string }[]; workdays: { date: string; name: string }[] }[];
}

const yaml = { 'content-type': 'application/yaml' };

// A new year in the shipped file's format: New Year's Day on Friday 1 January 2027, worked back on Saturday 9 January.
const year2027 = [
  'name: 2027 notice',
  'years: [2027]',
  'holidays:',
  '  - { date: 2027-01-01, name: 元旦 }',
  '  - { date: 2027-02-06, name: 春节 }',
  'workdays:',
  '  - { date: 2027-01-09, name: 元旦调休上班 }',
  '',
].join('\n');
// The same file with an impossible date on line 5.
const broken = year2027.replace('2027-02-06', '2027-02-30');

describe.each(databaseKinds)('the holiday calendar, year by year (%s)', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildApiWorld(kind);
  });
  afterAll(() => world.dispose());

  const years = async () => expectStatus<Years>(await get(world, 'coordinator', '/api/v1/calendar/years'), 200);
  const importYears = (source: string, who: 'admin' | 'coordinator' = 'admin') => world.as(who, { method: 'POST', url: '/api/v1/calendar/years', headers: yaml, payload: source });

  it('shows the years the shipped calendar holds, with their holidays and make-up working days', async () => {
    const shown = await years();
    expect(shown.years.map((year) => year.year)).toEqual([2025, 2026]);
    const y2026 = shown.years[1];
    expect(y2026?.holidays[0]).toEqual({ date: '2026-01-01', name: '元旦' });
    expect(y2026?.workdays.map((day) => day.date)).toContain('2026-02-14');
    expectError(await get(world, 'anonymous', '/api/v1/calendar/years'), 401, 'unauthenticated');
  });

  it('refuses a bad file with each problem and its line, changing nothing', async () => {
    const error = expectError(await withoutWrites(world, () => importYears(broken)), 400, 'validation_failed', 'holidays[1].date');
    expect((error.details as { problems: { line: number; path: string }[] }).problems).toEqual([expect.objectContaining({ line: 5, path: 'holidays[1].date' })]);
    const empty = expectError(await withoutWrites(world, () => importYears('name: nothing\nyears: []\n')), 400, 'validation_failed', 'years');
    // Coded, so the calendar page words it in the reader's language.
    expect((empty.details as { problems: { code: string }[] }).problems).toEqual([expect.objectContaining({ path: 'years', code: 'no_years' })]);
    expectError(await withoutWrites(world, () => importYears(year2027, 'coordinator')), 403, 'forbidden');
    expect((await years()).years.map((year) => year.year)).toEqual([2025, 2026]);
  });

  it('adds a new year and keeps the others; importing the year again replaces only that year', async () => {
    const before = await years();
    const imported = expectStatus<Years>(await importYears(year2027), 200);
    expect(imported.imported).toEqual([2027]);
    expect(imported.years.map((year) => year.year)).toEqual([2025, 2026, 2027]);
    const shown = await years();
    expect(shown.years.slice(0, 2)).toEqual(before.years);
    expect(shown.years[2]).toEqual({
      year: 2027,
      holidays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-02-06', name: '春节' },
      ],
      workdays: [{ date: '2027-01-09', name: '元旦调休上班' }],
    });
    // Deadlines count by it at once, and the calendar in force reads back as the same YAML format.
    expect(world.ctx.calendar.current().holidays.get('2027-01-01')).toBe('元旦');
    const text = (await get(world, 'admin', '/api/v1/calendar')).body;
    expect(parseCalendarYaml(text).years).toEqual([2025, 2026, 2027]);
    expect(parseCalendarYaml(text).holidays.size).toBe(before.years.reduce((sum, year) => sum + year.holidays.length, 0) + 2);

    expectStatus(await importYears(year2027.replace('  - { date: 2027-02-06, name: 春节 }\n', '')), 200);
    const again = await years();
    expect(again.years[2]?.holidays).toEqual([{ date: '2027-01-01', name: '元旦' }]);
    expect(again.years.slice(0, 2)).toEqual(before.years);
    const entries = await world.ctx.db.selectFrom('audit_entries').select(['actor_id', 'detail']).where('action', '=', 'calendar.import_years').execute();
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toMatchObject({ years: [2027], holidays: 2, workdays: 1 });
  });
});
