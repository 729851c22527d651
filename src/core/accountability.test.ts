import { describe, expect, it } from 'vitest';
import { accountability, percentile, type ReportEvent, type UnitAccountability } from './accountability.js';

const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
const now = '2026-12-01T00:00:00.000Z';
const township = 'unit-township';
const department = 'unit-department';
const housing = 'unit-housing';

const event = (caseId: string, type: string, at: string, data: Record<string, unknown> = {}): ReportEvent => ({ caseId, type, at, data });
/** A unit notified at `at` (UTC): acknowledge in 30 minutes, on scene in 2 hours (visits only). */
const notified = (caseId: string, at: string, assignmentId: string, unitId: string, role: string, due: { ack: string; scene: string | null; proposal: string }) =>
  event(caseId, 'assignment.notified', at, { assignmentId, unitId, role, acknowledgeDueAt: due.ack, onSceneDueAt: due.scene, proposalDueAt: due.proposal });
const step = (caseId: string, type: string, at: string, assignmentId: string, unitId: string) => event(caseId, `assignment.${type}`, at, { assignmentId, unitId });
const caseMiss = (caseId: string, at: string, kind: string, unitId: string | null) => event(caseId, 'deadline.missed', at, { subject: 'case', kind, unitId });

/**
 * November 2026, three units, six assignments in the period (a1–a6) and one before it (a0):
 * c1 visit    township lead     a1: ack +10.5 min, on scene +80 min, proposal on time
 * c2 visit    township lead     a2: ack +60 min (late), on scene +150 min (late), proposal late;
 *                               conclude missed twice (before and after its extension)
 * c3 letter   department lead   a4: ack +20 min, proposal on time
 *             township assist   a3: never acknowledged, proposal never submitted
 * c4 visit    department lead   a5: rerouted after 20 minutes, before any due time
 *             housing lead      a6: (reroute) arrives +100 min, which also acknowledges it, late
 * c5 visit    housing assist    a7: ack +15 min, never on scene, no proposal; accept missed (office)
 * c6 letter   township lead     a0: notified in October, never acknowledged — outside the period
 */
const fixture: ReportEvent[] = [
  event('c6', 'case.opened', '2026-10-31T07:00:00.000Z', { receivedAt: '2026-10-31T07:00:00.000Z' }),
  notified('c6', '2026-10-31T08:00:00.000Z', 'a0', township, 'lead', { ack: '2026-10-31T08:30:00.000Z', scene: null, proposal: '2026-11-05T15:59:59.999Z' }),
  caseMiss('c6', '2026-10-31T16:00:00.000Z', 'conclude', township),

  event('c3', 'case.opened', '2026-11-01T02:00:00.000Z', { receivedAt: '2026-11-01T02:00:00.000Z' }),
  event('c1', 'case.opened', '2026-11-02T07:50:00.000Z', { receivedAt: '2026-11-02T07:50:00.000Z' }),
  notified('c1', '2026-11-02T08:00:00.000Z', 'a1', township, 'lead', { ack: '2026-11-02T08:30:00.000Z', scene: '2026-11-02T10:00:00.000Z', proposal: '2026-11-07T15:59:59.999Z' }),
  step('c1', 'acknowledged', '2026-11-02T08:10:30.000Z', 'a1', township),
  step('c1', 'arrived', '2026-11-02T09:20:00.000Z', 'a1', township),
  step('c1', 'proposed', '2026-11-05T02:00:00.000Z', 'a1', township),

  event('c2', 'case.opened', '2026-11-03T07:00:00.000Z', { receivedAt: '2026-11-03T07:00:00.000Z' }),
  notified('c2', '2026-11-03T08:00:00.000Z', 'a2', township, 'lead', { ack: '2026-11-03T08:30:00.000Z', scene: '2026-11-03T10:00:00.000Z', proposal: '2026-11-08T15:59:59.999Z' }),
  // An assignment's own missed clock is not a case overdue.
  event('c2', 'deadline.missed', '2026-11-03T08:31:00.000Z', { subject: 'a2', kind: 'acknowledge', unitId: township }),
  step('c2', 'acknowledged', '2026-11-03T09:00:00.000Z', 'a2', township),
  step('c2', 'arrived', '2026-11-03T10:30:00.000Z', 'a2', township),
  step('c2', 'proposed', '2026-11-10T02:00:00.000Z', 'a2', township),

  notified('c3', '2026-11-04T08:00:00.000Z', 'a3', township, 'assisting', { ack: '2026-11-04T08:30:00.000Z', scene: null, proposal: '2026-11-09T15:59:59.999Z' }),
  notified('c3', '2026-11-04T08:00:00.000Z', 'a4', department, 'lead', { ack: '2026-11-04T08:30:00.000Z', scene: null, proposal: '2026-11-09T15:59:59.999Z' }),
  step('c3', 'acknowledged', '2026-11-04T08:20:00.000Z', 'a4', department),
  step('c3', 'proposed', '2026-11-06T02:00:00.000Z', 'a4', department),

  event('c4', 'case.opened', '2026-11-05T07:00:00.000Z', { receivedAt: '2026-11-05T07:00:00.000Z' }),
  notified('c4', '2026-11-05T08:00:00.000Z', 'a5', department, 'lead', { ack: '2026-11-05T08:30:00.000Z', scene: '2026-11-05T10:00:00.000Z', proposal: '2026-11-10T15:59:59.999Z' }),
  event('c4', 'assignment.rerouted', '2026-11-05T08:20:00.000Z', {
    fromAssignmentId: 'a5',
    fromUnitId: department,
    assignmentId: 'a6',
    unitId: housing,
    role: 'lead',
    acknowledgeDueAt: '2026-11-05T08:50:00.000Z',
    onSceneDueAt: '2026-11-05T10:20:00.000Z',
    proposalDueAt: '2026-11-10T15:59:59.999Z',
  }),
  step('c4', 'arrived', '2026-11-05T10:00:00.000Z', 'a6', housing),
  step('c4', 'proposed', '2026-11-09T03:00:00.000Z', 'a6', housing),

  event('c3', 'answer.given', '2026-11-16T14:00:00.000Z'),
  event('c1', 'answer.given', '2026-11-12T15:50:00.000Z'),
  event('c5', 'case.opened', '2026-11-20T07:00:00.000Z', { receivedAt: '2026-11-20T07:00:00.000Z' }),
  notified('c5', '2026-11-20T08:00:00.000Z', 'a7', housing, 'assisting', { ack: '2026-11-20T08:30:00.000Z', scene: '2026-11-20T10:00:00.000Z', proposal: '2026-11-25T15:59:59.999Z' }),
  step('c5', 'acknowledged', '2026-11-20T08:15:00.000Z', 'a7', housing),
  // The acceptance clock is the office's; it has no unit to hold to account.
  caseMiss('c5', '2026-11-20T16:00:00.000Z', 'accept', null),
  event('c4', 'deadline.extended', '2026-11-20T02:00:00.000Z', { days: 10 }),
  caseMiss('c2', '2026-11-20T16:00:00.000Z', 'conclude', township),
  event('c2', 'deadline.extended', '2026-11-21T02:00:00.000Z', { days: 5 }),
  caseMiss('c2', '2026-11-26T16:00:00.000Z', 'conclude', township),
  event('c4', 'answer.given', '2026-11-25T07:00:00.000Z'),
  event('c2', 'answer.given', '2026-11-28T07:00:00.000Z'),
];

function unitOf(report: UnitAccountability[], unitId: string): UnitAccountability {
  const found = report.find((item) => item.unitId === unitId);
  if (!found) throw new Error(`No figures for ${unitId} in ${JSON.stringify(report)}`);
  return found;
}

describe('accountability from a hand-computed fixture', () => {
  // Events arrive in any order; the computation sorts them by time.
  const report = accountability([...fixture].reverse(), period, now);

  it('reports exactly the units that had assignments or overdue cases in the period', () => {
    expect(report.map((item) => item.unitId).sort()).toEqual([department, township, housing].sort());
  });

  it('the township: late and never, counted per case, and the October assignment left out', () => {
    const figures = unitOf(report, township);
    expect(figures.cases).toEqual({
      casesAssigned: ['c1', 'c2', 'c3'], // a1, a2, a3; a0 was notified on 31 October
      acknowledgedLate: ['c2'], // a2: 09:00 > 08:30
      neverAcknowledged: ['c3'], // a3: due 08:30 on 4 Nov, nothing by 1 Dec
      arrivedLate: ['c2'], // a2: 10:30 > 10:00; a3 is a letter, no on-scene clock
      neverArrived: [],
      proposalsLate: ['c2', 'c3'], // a2: 10 Nov > 8 Nov; a3: none by 9 Nov
      casesOverdue: ['c2'], // c2's conclude clock missed twice is one case; c6's miss is in October
      extensionsUsed: ['c2'], // extended once while the township led it
      recordedByOffice: [],
      commitmentsKeptLate: [],
      commitmentsNotKept: [],
      reworks: [],
      reworksLate: [],
    });
    expect(figures.counts).toEqual({
      casesAssigned: 3,
      acknowledgedLate: 1,
      neverAcknowledged: 1,
      arrivedLate: 1,
      neverArrived: 0,
      proposalsLate: 2,
      casesOverdue: 1,
      extensionsUsed: 1,
      recordedByOffice: 0,
      commitmentsKeptLate: 0,
      commitmentsNotKept: 0,
      reworks: 0,
      reworksLate: 0,
    });
    // Acknowledge: a1 10.5 min, a2 60 min → sorted [10.5, 60]; median rank ⌈0.5·2⌉=1 → 10.5; p90 rank ⌈1.8⌉=2 → 60.
    expect(figures.medianMinutesToAcknowledge).toBe(10.5);
    expect(figures.p90MinutesToAcknowledge).toBe(60);
    // Arrive: a1 80 min, a2 150 min → median 80, p90 150.
    expect(figures.medianMinutesToArrive).toBe(80);
    expect(figures.p90MinutesToArrive).toBe(150);
    // Conclude, lead cases only: c1 2 Nov 07:50 → 12 Nov 15:50 = 10 d 8 h = 10.333… → 10.33;
    // c2 3 Nov 07:00 → 28 Nov 07:00 = 25 d. c3 (assisting) does not count. Median 10.33, p90 25.
    expect(figures.medianDaysToConclude).toBe(10.33);
    expect(figures.p90DaysToConclude).toBe(25);
  });

  it('the department: released before its clocks ran out, so a5 is assigned but not late', () => {
    const figures = unitOf(report, department);
    expect(figures.cases).toEqual({
      casesAssigned: ['c3', 'c4'],
      acknowledgedLate: [],
      neverAcknowledged: [], // a5 released 08:20, before its 08:30 acknowledgement was due
      arrivedLate: [],
      neverArrived: [], // a5 released before its 10:00 on-scene time
      proposalsLate: [],
      casesOverdue: [],
      extensionsUsed: [], // c4 was extended after it moved to housing
      recordedByOffice: [],
      commitmentsKeptLate: [],
      commitmentsNotKept: [],
      reworks: [],
      reworksLate: [],
    });
    expect(Object.values(figures.counts)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Acknowledge: a4 20 min only → median 20, p90 20. No visits arrived → null.
    expect(figures.medianMinutesToAcknowledge).toBe(20);
    expect(figures.p90MinutesToAcknowledge).toBe(20);
    expect(figures.medianMinutesToArrive).toBeNull();
    expect(figures.p90MinutesToArrive).toBeNull();
    // Conclude: c3 1 Nov 02:00 → 16 Nov 14:00 = 15.5 d; c4 left the department, so it counts for housing.
    expect(figures.medianDaysToConclude).toBe(15.5);
    expect(figures.p90DaysToConclude).toBe(15.5);
  });

  it('the housing bureau: the rerouted case, with its clocks and its extension, follows it', () => {
    const figures = unitOf(report, housing);
    expect(figures.cases).toEqual({
      casesAssigned: ['c4', 'c5'], // a6 (reroute), a7
      acknowledgedLate: ['c4'], // a6 acknowledged by arriving at 10:00 > 08:50
      neverAcknowledged: [],
      arrivedLate: [], // a6 10:00 ≤ 10:20
      neverArrived: ['c5'], // a7 due 10:00 on 20 Nov, never came
      proposalsLate: ['c5'], // a6 on time (9 Nov ≤ 10 Nov); a7 none by 25 Nov
      casesOverdue: [],
      extensionsUsed: ['c4'],
      recordedByOffice: [],
      commitmentsKeptLate: [],
      commitmentsNotKept: [],
      reworks: [],
      reworksLate: [],
    });
    expect(Object.values(figures.counts)).toEqual([2, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0]);
    // Acknowledge: a6 08:20 → 10:00 = 100 min, a7 15 min → [15, 100]: median 15, p90 100.
    expect(figures.medianMinutesToAcknowledge).toBe(15);
    expect(figures.p90MinutesToAcknowledge).toBe(100);
    // Arrive: a6 100 min → 100, 100.
    expect(figures.medianMinutesToArrive).toBe(100);
    expect(figures.p90MinutesToArrive).toBe(100);
    // Conclude: c4 5 Nov 07:00 → 25 Nov 07:00 = 20 d (from receipt, not from the reroute).
    expect(figures.medianDaysToConclude).toBe(20);
    expect(figures.p90DaysToConclude).toBe(20);
  });
});

describe('accountability around the edges', () => {
  const due = { ack: '2026-11-10T08:30:00.000Z', scene: '2026-11-10T10:00:00.000Z', proposal: '2026-11-15T15:59:59.999Z' };

  it('counts from `from` inclusive to `to` exclusive', () => {
    const events = [
      notified('early', '2026-10-31T23:59:59.999Z', 'x1', township, 'lead', due),
      notified('first', period.from, 'x2', township, 'lead', due),
      notified('last', '2026-11-30T23:59:59.999Z', 'x3', township, 'lead', due),
      notified('late', period.to, 'x4', township, 'lead', due),
      caseMiss('early', '2026-10-31T23:59:59.999Z', 'conclude', department),
      caseMiss('late', period.to, 'conclude', department),
      event('late', 'deadline.extended', period.to),
    ];
    const report = accountability(events, period, '2026-12-02T00:00:00.000Z');
    expect(report.map((item) => item.unitId)).toEqual([township]);
    expect(unitOf(report, township).cases.casesAssigned).toEqual(['first', 'last']);
  });

  it('counts a case sent back for rework against the unit it went back to, and its rework clock missed, once per case', () => {
    const events = [
      event('r1', 'case.rework', '2026-11-12T02:00:00.000Z', { reworkId: 'w1', unitId: township, source: 'callback' }),
      // Sent back a second time on the petitioner's rating: still one case.
      event('r1', 'case.rework', '2026-11-20T02:00:00.000Z', { reworkId: 'w2', unitId: township, source: 'rating' }),
      event('r1', 'deadline.missed', '2026-11-27T16:00:00.000Z', { subject: 'w1', kind: 'rework', unitId: township }),
      event('r2', 'case.rework', '2026-11-15T02:00:00.000Z', { reworkId: 'w3', unitId: department, source: 'rating' }),
      // Sent back in October: outside the period.
      event('r3', 'case.rework', '2026-10-30T02:00:00.000Z', { reworkId: 'w4', unitId: department, source: 'callback' }),
    ];
    const report = accountability(events, period, now);
    expect(unitOf(report, township).cases).toMatchObject({ reworks: ['r1'], reworksLate: ['r1'] });
    expect(unitOf(report, department).cases).toMatchObject({ reworks: ['r2'], reworksLate: [] });
    // A rework is not a case's own clock: it is no case overdue.
    expect(unitOf(report, township).counts.casesOverdue).toBe(0);
  });

  it('a unit released after a clock ran out is still held to it', () => {
    const events = [
      notified('c', '2026-11-10T08:00:00.000Z', 'y1', department, 'lead', due),
      event('c', 'assignment.rerouted', '2026-11-10T09:00:00.000Z', { fromAssignmentId: 'y1', assignmentId: 'y2', unitId: housing, role: 'lead' }),
    ];
    const figures = unitOf(accountability(events, period, now), department);
    // Acknowledgement due 08:30, released 09:00: never acknowledged. On scene due 10:00 and the
    // proposal due 15 Nov: released before either, so neither counts.
    expect(figures.counts).toMatchObject({ casesAssigned: 1, neverAcknowledged: 1, neverArrived: 0, proposalsLate: 0 });
  });

  it('leaves the time a pause held the clock out of the days to conclude', () => {
    const events = [
      event('p', 'case.opened', '2026-11-01T00:00:00.000Z', { receivedAt: '2026-11-01T00:00:00.000Z' }),
      notified('p', '2026-11-01T01:00:00.000Z', 'p1', township, 'lead', due),
      // A hearing of 4 days before the answer, and one of 2 days in the review after it.
      event('p', 'pause.ended', '2026-11-09T00:00:00.000Z', { pausedMs: 4 * 86_400_000 }),
      event('p', 'answer.given', '2026-11-21T00:00:00.000Z'),
      event('p', 'pause.ended', '2026-11-26T00:00:00.000Z', { pausedMs: 2 * 86_400_000 }),
    ];
    // Received 1 Nov, answered 21 Nov: 20 days, of which 4 were paused.
    expect(unitOf(accountability(events, period, now), township).medianDaysToConclude).toBe(16);
  });

  it('a clock still running at `now` is neither late nor never', () => {
    const events = [notified('c', '2026-11-10T08:00:00.000Z', 'z1', township, 'lead', due)];
    const figures = unitOf(accountability(events, period, '2026-11-10T08:29:00.000Z'), township);
    expect(figures.counts).toMatchObject({ casesAssigned: 1, neverAcknowledged: 0, neverArrived: 0, proposalsLate: 0 });
    expect(figures.medianMinutesToAcknowledge).toBeNull();
  });
});

describe('percentile (nearest rank)', () => {
  it('is null for no values', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([], 0.9)).toBeNull();
  });

  it('takes the value at rank ⌈p·n⌉ of the sorted values, never interpolating', () => {
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([30, 10], 0.5)).toBe(10); // ⌈1⌉ = 1
    expect(percentile([5, 1, 3], 0.5)).toBe(3); // ⌈1.5⌉ = 2
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2); // ⌈2⌉ = 2, not the mean 2.5
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(percentile(ten, 0.9)).toBe(9); // ⌈9⌉ = 9
    expect(percentile([...ten, 11], 0.9)).toBe(10); // ⌈9.9⌉ = 10
  });

  it('clamps to the smallest and largest value, and leaves its input alone', () => {
    const values = [3, 1, 2];
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 1)).toBe(3);
    expect(values).toEqual([3, 1, 2]);
  });
});
