import { describe, expect, it } from 'vitest';
import { chargeOutcomes, releaseChargeRefusal, takeChargeRefusal } from './personal-charge.js';

const leader = { id: 'leader-a', role: 'leader' as const, unitId: 'group' };

describe('personal charge (包案)', () => {
  it('is taken by a leader when no other leader holds it, and released only by the leader in charge', () => {
    expect(takeChargeRefusal(leader, null)).toBeNull();
    expect(takeChargeRefusal(leader, 'leader-b')).toBe('in_charge_of_other');
    expect(releaseChargeRefusal(leader, 'leader-a')).toBeNull();
    expect(releaseChargeRefusal(leader, 'leader-b')).toBe('not_in_charge');
    expect(releaseChargeRefusal(leader, null)).toBe('not_in_charge');
  });

  it('counts each leader’s cases and their outcomes as a hand count does', () => {
    const asOf = '2026-12-31T16:00:00.000Z';
    const outcomes = chargeOutcomes(
      [
        // On time and satisfied (5), on time and basically satisfied (4), late and unsatisfied (2), still open, concluded after the period.
        { leaderId: 'a', concludedAt: '2026-11-10T00:00:00.000Z', concludeDueAt: '2026-12-01T00:00:00.000Z', rating: 5 },
        { leaderId: 'a', concludedAt: '2026-12-01T00:00:00.000Z', concludeDueAt: '2026-12-01T00:00:00.000Z', rating: 4 },
        { leaderId: 'a', concludedAt: '2026-12-10T00:00:00.000Z', concludeDueAt: '2026-12-01T00:00:00.000Z', rating: 2 },
        { leaderId: 'a', concludedAt: null, concludeDueAt: '2027-01-01T00:00:00.000Z', rating: null },
        { leaderId: 'b', concludedAt: '2027-01-05T00:00:00.000Z', concludeDueAt: '2027-01-10T00:00:00.000Z', rating: null },
      ],
      asOf,
    );
    expect(outcomes).toEqual([
      { leaderId: 'a', cases: 4, open: 1, concluded: 3, concludedOnTime: 2, rated: 3, satisfied: 2 },
      { leaderId: 'b', cases: 1, open: 1, concluded: 0, concludedOnTime: 0, rated: 0, satisfied: 0 },
    ]);
  });
});
