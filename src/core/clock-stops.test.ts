import { describe, expect, it } from 'vitest';
import { assignmentStop, clocksIn, clockStanding, voidingStop } from './clock-stops.js';
import { deadlineRowsOf, type AssignmentDeadlineSource, type CaseDeadlineSource } from './deadline-rows.js';
import { stages } from './types.js';

const closedAt = '2026-11-02T08:10:00.000Z';

const theCase = (overrides: Partial<CaseDeadlineSource> = {}): CaseDeadlineSource => ({
  stage: 'resolution',
  stageChangedAt: '2026-11-02T08:05:00.000Z',
  reviewCount: 0,
  leadUnitId: 'township',
  acceptDueAt: '2026-11-17T15:59:59.999Z',
  acceptedAt: '2026-11-02T08:05:00.000Z',
  concludeDueAt: '2027-01-01T15:59:59.999Z',
  concludedAt: null,
  reviewDueAt: null,
  reviewConcludedAt: null,
  pausedAt: null,
  ...overrides,
});

const unit: AssignmentDeadlineSource = {
  id: 'a1',
  unitId: 'township',
  acknowledgeDueAt: '2026-11-02T08:30:00.000Z',
  acknowledgedAt: null,
  onSceneDueAt: null,
  arrivedAt: null,
  proposalDueAt: '2026-11-07T15:59:59.999Z',
  proposalSubmittedAt: null,
  releasedAt: null,
  clocksStoppedAt: null,
};

describe('the clock rule', () => {
  it('names what every stage does to the clocks; only the stages at rest stop them', () => {
    expect(Object.keys(clocksIn).sort()).toEqual([...stages].sort());
    expect(stages.filter((stage) => clocksIn[stage] === 'stop').sort()).toEqual(['closed', 'not_accepted']);
  });

  it('stops every clock of a closed case at the moment it closed', () => {
    const clocks = deadlineRowsOf(theCase({ stage: 'closed', stageChangedAt: closedAt, concludedAt: '2026-11-02T08:08:00.000Z' }), [unit]);
    expect(clocks.filter((clock) => clock.subject === 'a1').map((clock) => [clock.kind, clock.doneAt])).toEqual([
      ['acknowledge', closedAt],
      ['proposal', closedAt],
    ]);
    expect(clocks.every((clock) => clock.doneAt !== null)).toBe(true);
  });

  it('keeps a unit’s clocks stopped once the case has rested, even in a later review', () => {
    const stopped = { ...unit, clocksStoppedAt: closedAt };
    expect(assignmentStop(stopped, 'review', '2026-11-05T00:00:00.000Z')).toBe(closedAt);
    expect(deadlineRowsOf(theCase({ stage: 'review', reviewCount: 1, reviewDueAt: '2026-12-05T15:59:59.999Z' }), [stopped]).find((clock) => clock.kind === 'acknowledge')?.doneAt).toBe(closedAt);
    expect(assignmentStop(unit, 'resolution', closedAt)).toBeNull();
  });

  it('says a clock stopped before it ran out owes nothing, and one stopped after it ran out was missed', () => {
    expect(clockStanding(unit.acknowledgeDueAt, null, closedAt, '2026-11-20T00:00:00.000Z').status).toBe('stopped');
    expect(clockStanding(unit.acknowledgeDueAt, null, '2026-11-02T09:00:00.000Z', '2026-11-20T00:00:00.000Z').status).toBe('missed');
    expect(clockStanding(unit.acknowledgeDueAt, null, null, '2026-11-20T00:00:00.000Z').status).toBe('overdue');
  });

  it('voids a unit’s miss only when the case rested before the clock ran out', () => {
    const rests = [{ at: closedAt, leftAt: '2026-11-05T00:00:00.000Z' }];
    const notified = '2026-11-02T08:00:00.000Z';
    expect(voidingStop({ subject: 'a1', dueAt: unit.proposalDueAt, missedAt: '2026-11-07T16:00:00.000Z' }, rests, notified)).toBe(closedAt);
    expect(voidingStop({ subject: 'a1', dueAt: '2026-11-02T08:05:00.000Z', missedAt: '2026-11-02T08:06:00.000Z' }, rests, notified)).toBeNull();
    // A unit notified after the case came back from rest is judged from its own notification.
    expect(voidingStop({ subject: 'a2', dueAt: '2026-11-05T08:30:00.000Z', missedAt: '2026-11-05T08:31:00.000Z' }, rests, '2026-11-05T08:00:00.000Z')).toBeNull();
    expect(voidingStop({ subject: 'case', dueAt: '2026-11-17T15:59:59.999Z', missedAt: '2026-11-18T00:00:00.000Z' }, [{ at: closedAt, leftAt: null }], null)).toBe(closedAt);
  });
});
