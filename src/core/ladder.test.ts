import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCalendarYaml } from './calendar.js';
import { DomainError } from './errors.js';
import { defaultEscalationMinutes, defaultFeedbackDays, defaultRemindAt, ladderOf, ladderRungs, nextStepAt, reminderTimes, rungAt } from './ladder.js';
import { parsePlanYaml } from './plan-yaml.js';

const builtInYaml = readFileSync(new URL('../../plans/county-major-urgent.yaml', import.meta.url), 'utf8');
const china = parseCalendarYaml(readFileSync(new URL('../../calendars/cn-mainland.yaml', import.meta.url), 'utf8'));
const beijing = { timeZone: 'Asia/Shanghai', calendar: china };

describe('the supervision ladder of a plan', () => {
  it('the built-in plan sets the defaults a plan without the section gets', () => {
    const plan = parsePlanYaml(builtInYaml);
    expect(plan.supervision).toEqual({ remindAt: [...defaultRemindAt], escalateAfterMinutes: [...defaultEscalationMinutes], feedbackDays: defaultFeedbackDays });
    const { supervision: _left, ...without } = plan;
    expect(ladderOf(without)).toEqual(ladderOf(plan));
    // A plan from before the ladder keeps its own first step.
    expect(ladderOf({ ...without, deadlines: { ...plan.deadlines, escalateAfterMinutes: 60 } }).escalateAfterMinutes).toEqual([60, 1440, 4320]);
  });

  it('refuses a reminder point outside the clock, or named twice, naming the field', () => {
    for (const [points, path, code] of [
      [['3/2'], 'supervision.remindAt[0]', 'reminder_point'],
      [['2/3', '3/3'], 'supervision.remindAt[1]', 'reminder_point'],
      [['2/3', '2/3'], 'supervision.remindAt[1]', 'reminder_twice'],
      [['tomorrow'], 'supervision.remindAt[0]', 'invalid'],
    ] as const) {
      const yaml = builtInYaml.replace('remindAt: ["2/3", last-working-day]', `remindAt: ${JSON.stringify(points)}`);
      let error: unknown;
      try {
        parsePlanYaml(yaml);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe(path);
      expect(((error as DomainError).details as { problems: { code: string }[] }).problems[0]?.code).toBe(code);
    }
    const empty = builtInYaml.replace('escalateAfterMinutes: [120, 1440, 4320]', 'escalateAfterMinutes: []');
    expect(() => parsePlanYaml(empty)).toThrow(/supervision\.escalateAfterMinutes/);
  });
});

describe('reminder times', () => {
  it('falls at two thirds of the time and at the start of the last working day, in the jurisdiction’s zone', () => {
    // Accepted Friday 25 September 2026; the last day, Sunday 4 October, is in the National Day holiday.
    const times = reminderTimes('2026-09-25T02:00:00.000Z', '2026-10-04T15:59:59.999Z', ['2/3', 'last-working-day'], beijing);
    // The last working day before the holiday is Wednesday 30 September: it begins at 16:00 UTC on the 29th.
    // Two thirds of 9 days 13:59:59.999 after the start is 6 days 9:19:59.999 after it.
    expect(times).toEqual(['2026-09-29T16:00:00.000Z', '2026-10-01T11:19:59.999Z']);
  });

  it('gives a clock of minutes no last working day of its own', () => {
    expect(reminderTimes('2026-11-02T08:00:00.000Z', '2026-11-02T08:30:00.000Z', ['2/3', 'last-working-day'], beijing)).toEqual(['2026-11-02T08:20:00.000Z']);
  });
});

describe('the chain a miss climbs', () => {
  it('goes through the units above, the office and the leadership group, and stays at the top', () => {
    const rungs = ladderRungs('assignment-1', [
      { id: 'township', name: '城关镇', kind: 'township' },
      { id: 'office', name: '县信访局', kind: 'office' },
    ]);
    expect([0, 1, 2, 3, 7].map((step) => rungAt(rungs, step))).toEqual([{ unitId: 'township', unitName: '城关镇' }, 'office', 'leadership_group', 'leadership_group', 'leadership_group']);
    expect(ladderRungs('case', [])).toEqual(['leadership_group']);
  });

  it('takes each step the plan’s minutes after the one before, and no step past the schedule', () => {
    expect(nextStepAt([120, 1440], 0, '2026-11-02T10:00:00.000Z')).toBe('2026-11-02T12:00:00.000Z');
    expect(nextStepAt([120, 1440], 1, '2026-11-02T12:00:00.000Z')).toBe('2026-11-03T12:00:00.000Z');
    expect(nextStepAt([120, 1440], 2, '2026-11-03T12:00:00.000Z')).toBeNull();
  });
});
