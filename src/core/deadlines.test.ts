import { describe, expect, it } from 'vitest';
import { emptyCalendar } from './calendar.js';
import {
  acceptDueAt,
  addDays,
  addMinutes,
  assignmentDeadlines,
  concludeDueAt,
  deadline,
  nextDueAt,
  reviewDueAt,
  reviewRequestDueAt,
  statutoryDefaults,
  type Deadline,
  type DeadlinePolicy,
} from './deadlines.js';

const shanghai = 'Asia/Shanghai';
const newYork = 'America/New_York';
const inShanghai = { timeZone: shanghai, calendar: emptyCalendar };
const inUtc = { timeZone: 'UTC', calendar: emptyCalendar };

/** A county that counts tighter than the regulations; every number differs from the defaults. */
const tightPolicy: DeadlinePolicy = {
  dayKind: 'calendar',
  acceptDays: 7,
  concludeDays: 45,
  extensionMaxDays: 15,
  reviewRequestDays: 20,
  reviewConcludeDays: 10,
  acknowledgeMinutes: 15,
  onSceneMinutes: 45,
  proposalDays: 3,
};

describe('statutoryDefaults', () => {
  it('carries the numbers of the national regulations', () => {
    expect(statutoryDefaults).toEqual({
      dayKind: 'calendar',
      acceptDays: 15,
      concludeDays: 60,
      extensionMaxDays: 30,
      reviewRequestDays: 30,
      reviewConcludeDays: 30,
      acknowledgeMinutes: 30,
      onSceneMinutes: 120,
      proposalDays: 5,
      transferReplyDays: 15,
    });
  });
});

describe('addDays', () => {
  it('lands at the end of the local day, N days on, in the jurisdiction time zone', () => {
    // 08:00Z is 16:00 on 2 November in Shanghai; 15 days on is 17 November, which ends at 15:59:59.999Z.
    expect(addDays('2026-11-02T08:00:00.000Z', 15, shanghai)).toBe('2026-11-17T15:59:59.999Z');
  });

  it('counts from the local date, not the UTC date', () => {
    // 17:00Z on 2 November is already 01:00 on 3 November in Shanghai.
    expect(addDays('2026-11-02T17:00:00.000Z', 15, shanghai)).toBe('2026-11-18T15:59:59.999Z');
    // One millisecond before local midnight still counts from 2 November.
    expect(addDays('2026-11-02T15:59:59.999Z', 15, shanghai)).toBe('2026-11-17T15:59:59.999Z');
    expect(addDays('2026-11-02T16:00:00.000Z', 15, shanghai)).toBe('2026-11-18T15:59:59.999Z');
  });

  it('works in UTC', () => {
    expect(addDays('2026-11-02T23:30:00.000Z', 1, 'UTC')).toBe('2026-11-03T23:59:59.999Z');
    expect(addDays('2026-11-02T00:00:00.000Z', 30, 'UTC')).toBe('2026-12-02T23:59:59.999Z');
  });

  it('treats 0 days as the end of the day the clock starts', () => {
    expect(addDays('2026-11-02T08:00:00.000Z', 0, shanghai)).toBe('2026-11-02T15:59:59.999Z');
  });

  it('crosses a year and a leap day by the calendar', () => {
    expect(addDays('2027-12-20T04:00:00.000Z', 15, shanghai)).toBe('2028-01-04T15:59:59.999Z');
    expect(addDays('2028-02-20T04:00:00.000Z', 10, 'UTC')).toBe('2028-03-01T23:59:59.999Z');
  });

  it('still ends at local midnight across the autumn DST change in New York', () => {
    // 30 October 2026, 12:00 EDT (UTC-4). DST ends 1 November; 4 November ends at midnight EST (UTC-5).
    expect(addDays('2026-10-30T16:00:00.000Z', 5, newYork)).toBe('2026-11-05T04:59:59.999Z');
    // 02:00Z on 31 October is still 30 October, 22:00 EDT, in New York.
    expect(addDays('2026-10-31T02:00:00.000Z', 5, newYork)).toBe('2026-11-05T04:59:59.999Z');
  });

  it('still ends at local midnight across the spring DST change in New York', () => {
    // 6 March 2026, 12:00 EST (UTC-5). DST starts 8 March; 9 March ends at midnight EDT (UTC-4).
    expect(addDays('2026-03-06T17:00:00.000Z', 3, newYork)).toBe('2026-03-10T03:59:59.999Z');
  });

  it('reads times given with an offset', () => {
    expect(addDays('2026-11-03T01:00:00+08:00', 15, shanghai)).toBe('2026-11-18T15:59:59.999Z');
  });

  it('refuses a time that is not ISO 8601', () => {
    expect(() => addDays('2 November 2026', 15, shanghai)).toThrow('Not an ISO 8601 time: 2 November 2026');
  });
});

describe('addMinutes', () => {
  it('adds exact minutes', () => {
    expect(addMinutes('2026-11-02T16:00:00.000Z', 120)).toBe('2026-11-02T18:00:00.000Z');
    expect(addMinutes('2026-11-02T16:00:00.000Z', 30)).toBe('2026-11-02T16:30:00.000Z');
  });

  it('crosses midnight and keeps milliseconds', () => {
    expect(addMinutes('2026-11-02T23:45:10.123Z', 30)).toBe('2026-11-03T00:15:10.123Z');
  });

  it('is exact elapsed time across a DST change (no zone involved)', () => {
    // 1 November 2026, 05:30Z is 01:30 EDT in New York, just before clocks go back.
    expect(addMinutes('2026-11-01T05:30:00.000Z', 120)).toBe('2026-11-01T07:30:00.000Z');
  });

  it('refuses a time that is not ISO 8601', () => {
    expect(() => addMinutes('yesterday', 5)).toThrow('Not an ISO 8601 time: yesterday');
  });
});

describe('statutory clocks', () => {
  const received = '2026-11-02T08:00:00.000Z';

  it('acceptDueAt uses acceptDays', () => {
    expect(acceptDueAt(statutoryDefaults, received, inShanghai)).toBe('2026-11-17T15:59:59.999Z');
    expect(acceptDueAt(tightPolicy, received, inShanghai)).toBe('2026-11-09T15:59:59.999Z');
  });

  it('concludeDueAt uses concludeDays', () => {
    expect(concludeDueAt(statutoryDefaults, received, inShanghai)).toBe('2027-01-01T15:59:59.999Z');
    expect(concludeDueAt(tightPolicy, received, inShanghai)).toBe('2026-12-17T15:59:59.999Z');
  });

  it('reviewRequestDueAt uses reviewRequestDays', () => {
    expect(reviewRequestDueAt(statutoryDefaults, received, inShanghai)).toBe('2026-12-02T15:59:59.999Z');
    expect(reviewRequestDueAt(tightPolicy, received, inShanghai)).toBe('2026-11-22T15:59:59.999Z');
  });

  it('reviewDueAt uses reviewConcludeDays', () => {
    expect(reviewDueAt(statutoryDefaults, received, inShanghai)).toBe('2026-12-02T15:59:59.999Z');
    expect(reviewDueAt(tightPolicy, received, inShanghai)).toBe('2026-11-12T15:59:59.999Z');
  });

  it('counts in the time zone it is given', () => {
    expect(acceptDueAt(tightPolicy, received, inUtc)).toBe('2026-11-09T23:59:59.999Z');
  });
});

describe('assignmentDeadlines', () => {
  const notified = '2026-11-02T16:00:00.000Z';

  it('gives acknowledgement, on-scene and proposal deadlines when people are on the scene', () => {
    expect(assignmentDeadlines(statutoryDefaults, notified, true, inShanghai)).toEqual({
      acknowledgeDueAt: '2026-11-02T16:30:00.000Z',
      onSceneDueAt: '2026-11-02T18:00:00.000Z',
      // 16:00Z is already 3 November in Shanghai; 5 days on is 8 November.
      proposalDueAt: '2026-11-08T15:59:59.999Z',
    });
  });

  it('has no on-scene deadline when nobody is physically present', () => {
    expect(assignmentDeadlines(statutoryDefaults, notified, false, inShanghai)).toEqual({
      acknowledgeDueAt: '2026-11-02T16:30:00.000Z',
      onSceneDueAt: null,
      proposalDueAt: '2026-11-08T15:59:59.999Z',
    });
  });

  it('uses the policy numbers', () => {
    expect(assignmentDeadlines(tightPolicy, notified, true, inUtc)).toEqual({
      acknowledgeDueAt: '2026-11-02T16:15:00.000Z',
      onSceneDueAt: '2026-11-02T16:45:00.000Z',
      proposalDueAt: '2026-11-05T23:59:59.999Z',
    });
  });
});

describe('deadline', () => {
  const due = '2026-11-17T15:59:59.999Z';
  const justBefore = '2026-11-17T15:59:59.998Z';
  const justAfter = '2026-11-17T16:00:00.000Z';

  it('is pending while open and not yet due', () => {
    expect(deadline(due, null, justBefore)).toEqual({ dueAt: due, doneAt: null, status: 'pending' });
  });

  it('is still pending at the exact due instant', () => {
    expect(deadline(due, null, due).status).toBe('pending');
  });

  it('is overdue one millisecond after the due instant', () => {
    expect(deadline(due, null, justAfter)).toEqual({ dueAt: due, doneAt: null, status: 'overdue' });
  });

  it('is met when done before or exactly at the due instant, whatever the time now', () => {
    expect(deadline(due, justBefore, '2027-06-01T00:00:00.000Z')).toEqual({ dueAt: due, doneAt: justBefore, status: 'met' });
    expect(deadline(due, due, justAfter).status).toBe('met');
  });

  it('is missed when done after the due instant', () => {
    expect(deadline(due, justAfter, justAfter)).toEqual({ dueAt: due, doneAt: justAfter, status: 'missed' });
  });

  it('has no status when there is no clock', () => {
    expect(deadline(null, null, justAfter)).toEqual({ dueAt: null, doneAt: null, status: null });
    expect(deadline(null, justBefore, justAfter)).toEqual({ dueAt: null, doneAt: justBefore, status: null });
  });
});

describe('nextDueAt', () => {
  const open = (dueAt: string): Deadline => ({ dueAt, doneAt: null, status: 'pending' });
  const done = (dueAt: string, doneAt: string): Deadline => ({ dueAt, doneAt, status: 'met' });
  const none: Deadline = { dueAt: null, doneAt: null, status: null };

  it('is the earliest open deadline', () => {
    expect(
      nextDueAt([open('2026-12-01T00:00:00.000Z'), open('2026-11-20T00:00:00.000Z'), open('2026-11-25T00:00:00.000Z')]),
    ).toBe('2026-11-20T00:00:00.000Z');
  });

  it('ignores deadlines already done, even if earlier', () => {
    expect(nextDueAt([done('2026-11-01T00:00:00.000Z', '2026-10-30T00:00:00.000Z'), open('2026-12-01T00:00:00.000Z')])).toBe(
      '2026-12-01T00:00:00.000Z',
    );
  });

  it('ignores deadlines without a clock', () => {
    expect(nextDueAt([none, open('2026-12-01T00:00:00.000Z'), none])).toBe('2026-12-01T00:00:00.000Z');
  });

  it('is null when nothing is owed', () => {
    expect(nextDueAt([])).toBeNull();
    expect(nextDueAt([none, done('2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z')])).toBeNull();
  });

  it('counts an overdue deadline as still owed', () => {
    expect(nextDueAt([{ dueAt: '2026-11-01T00:00:00.000Z', doneAt: null, status: 'overdue' }, open('2026-12-01T00:00:00.000Z')])).toBe(
      '2026-11-01T00:00:00.000Z',
    );
  });
});
