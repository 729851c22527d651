import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../test/cli.js';

// A new year in the format of calendars/cn-mainland.yaml, as the State Council's notice gives it.
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
// Two mistakes: an impossible date on line 5, and on line 7 a day that is already a holiday.
const broken = year2027.replace('2027-02-06', '2027-02-30').replace('2027-01-09', '2027-01-01');

describe('redress calendar import', () => {
  const { dir, run, printed, clear } = useCliSandbox('redress-calendar-');
  const file = (name: string, text: string) => {
    const path = join(dir(), name);
    writeFileSync(path, text);
    return path;
  };
  const exported = async () => {
    clear();
    await run('calendar', 'export');
    return printed();
  };

  it('adds a year with --years, keeping the years already in force', async () => {
    const path = file('2027.yaml', year2027);
    await run('calendar', 'import', path, '--years');
    expect(printed()).toContain(`Imported 2027 from ${path}; the calendar "中国大陆法定节假日 / Mainland China public holidays" now holds 2025, 2026, 2027.`);
    const calendar = await exported();
    expect(calendar).toContain('years: [2025, 2026, 2027]');
    expect(calendar).toContain('{ date: 2025-01-01, name: "元旦" }');
    expect(calendar).toContain('{ date: 2027-02-06, name: "春节" }');
    expect(calendar).toContain('{ date: 2027-01-09, name: "元旦调休上班" }');

    // Without --years the file replaces the whole calendar.
    clear();
    await run('calendar', 'import', path);
    expect(printed()).toContain('Imported "2027 notice": 2 holidays and 1 make-up working days for 2027.');
    expect(await exported()).not.toContain('2025-01-01');
  });

  it('lists every problem of a bad file by its line and imports nothing', async () => {
    const path = file('broken.yaml', broken);
    const before = await exported();
    const refusal = run('calendar', 'import', path, '--years');
    await expect(refusal).rejects.toThrow(`${path} has 2 problems; nothing was imported:`);
    await expect(refusal).rejects.toThrow('line 5, holidays[1].date: "2027-02-30" is not a date (YYYY-MM-DD)');
    await expect(refusal).rejects.toThrow('line 7, workdays[0].date: 2027-01-01 is listed both as a holiday and as a working day');
    expect(await exported()).toBe(before);
    // The whole-calendar import lists them the same way.
    await expect(run('calendar', 'import', path)).rejects.toThrow(/has 2 problems; nothing was imported:\n {2}line 5, /);
  });
});
