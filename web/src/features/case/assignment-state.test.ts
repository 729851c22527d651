import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../api/types';
import { objectionWindow, unassignedUnits } from './assignment-state';

const dueAt = '2026-11-09T15:59:59.999Z';
const before = Date.parse('2026-11-05T02:00:00.000Z');
const after = Date.parse('2026-11-09T16:00:00.000Z');

function assignment(overrides: Partial<Pick<Assignment, 'unitId' | 'releasedAt' | 'objection'>> = {}) {
  return { unitId: 'township', releasedAt: null, objection: { dueAt, at: null, reason: null }, ...overrides };
}

describe('the objection window', () => {
  it('is open until the due instant itself, closed after it', () => {
    expect(objectionWindow(assignment(), before)).toEqual({ state: 'open', dueAt });
    expect(objectionWindow(assignment(), Date.parse(dueAt))).toEqual({ state: 'open', dueAt });
    expect(objectionWindow(assignment(), after)).toEqual({ state: 'closed', dueAt });
  });

  it('shows an objection once made, whenever it is looked at', () => {
    const made = assignment({ objection: { dueAt, at: '2026-11-04T02:00:00.000Z', reason: 'Wages are for the labour bureau.' } });
    expect(objectionWindow(made, after)).toEqual({ state: 'objected', at: '2026-11-04T02:00:00.000Z', reason: 'Wages are for the labour bureau.' });
  });

  it('is absent on an assignment made before objections had a window', () => {
    expect(objectionWindow(assignment({ objection: { dueAt: null, at: null, reason: null } }), before)).toEqual({ state: 'none' });
  });
});

describe('rerouting', () => {
  // Who may reroute (and object) is the server's rule: core/policy.ts assignmentAbilities, tested there.
  it('offers only units that never were on the case: the server refuses the others', () => {
    const units = [{ id: 'office' }, { id: 'township' }, { id: 'department' }, { id: 'leadership' }];
    const on = [{ unitId: 'township' }, { unitId: 'office' }];
    expect(unassignedUnits(units, on).map((unit) => unit.id)).toEqual(['department', 'leadership']);
    expect(unassignedUnits(units, [])).toHaveLength(4);
  });
});
