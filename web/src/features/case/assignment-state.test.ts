import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../api/types';
import { mayObject, mayReroute, objectionWindow, unassignedUnits } from './assignment-state';

const dueAt = '2026-11-09T15:59:59.999Z';
const before = Date.parse('2026-11-05T02:00:00.000Z');
const after = Date.parse('2026-11-09T16:00:00.000Z');

function assignment(overrides: Partial<Pick<Assignment, 'unitId' | 'releasedAt' | 'objection'>> = {}) {
  return { unitId: 'township', releasedAt: null, objection: { dueAt, at: null, reason: null }, ...overrides };
}

const officer = { role: 'unit_officer' as const, unitId: 'township' };
const abilities = (assign: boolean) => ({
  'case.read': true,
  'case.move': true,
  'case.assign': assign,
  'case.note': true,
  'case.meet': true,
  'case.answer': true,
  'case.step': true,
  'case.representatives': true,
});

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

describe('who may object', () => {
  it('is an officer of the assigned unit, once, within the window, while the unit still has the case', () => {
    expect(mayObject(officer, assignment(), before)).toBe(true);
    expect(mayObject(officer, assignment(), after)).toBe(false);
    expect(mayObject(officer, assignment({ objection: { dueAt, at: '2026-11-04T02:00:00.000Z', reason: 'x' } }), before)).toBe(false);
    expect(mayObject(officer, assignment({ releasedAt: '2026-11-04T02:00:00.000Z' }), before)).toBe(false);
  });

  it('is never another unit, nor the office, which reroutes instead', () => {
    expect(mayObject({ role: 'unit_officer', unitId: 'department' }, assignment(), before)).toBe(false);
    expect(mayObject({ role: 'coordinator', unitId: 'township' }, assignment(), before)).toBe(false);
    expect(mayObject({ role: 'admin', unitId: null }, assignment(), before)).toBe(false);
  });
});

describe('rerouting', () => {
  it('is for whoever may assign units, on a case being worked, and only an assignment still active', () => {
    expect(mayReroute({ abilities: abilities(true), stage: 'reception' }, { releasedAt: null })).toBe(true);
    expect(mayReroute({ abilities: abilities(false), stage: 'reception' }, { releasedAt: null })).toBe(false);
    expect(mayReroute({ abilities: abilities(true), stage: 'closed' }, { releasedAt: null })).toBe(false);
    expect(mayReroute({ abilities: abilities(true), stage: 'decision' }, { releasedAt: '2026-11-04T02:00:00.000Z' })).toBe(false);
  });

  it('offers only units that never were on the case: the server refuses the others', () => {
    const units = [{ id: 'office' }, { id: 'township' }, { id: 'department' }, { id: 'leadership' }];
    const on = [{ unitId: 'township' }, { unitId: 'office' }];
    expect(unassignedUnits(units, on).map((unit) => unit.id)).toEqual(['department', 'leadership']);
    expect(unassignedUnits(units, [])).toHaveLength(4);
  });
});
