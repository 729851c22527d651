import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../api/types';
import { descendantsOf, unitTree } from './unit-tree';

const unit = (id: string, name: string, parentId: string | null): Unit => ({
  id, name, nameEn: null, kind: 'department', parentId, leaderName: null, leaderDuty: null, active: true, deactivatedAt: null, createdAt: '2026-01-01T00:00:00.000Z',
});

describe('the unit tree', () => {
  const units = [unit('c', '丙', 'a'), unit('a', '甲', null), unit('b', '乙', 'a'), unit('d', '丁', 'c'), unit('x', '戊', 'gone')];

  it('lists each unit under its parent, deeper by one, and an orphan as a root', () => {
    expect(unitTree(units).map((node) => `${node.depth}${node.unit.id}`)).toEqual(['0a', '1c', '2d', '1b', '0x']);
  });

  it('knows what lies under a unit, so it cannot be moved there', () => {
    expect([...descendantsOf(units, 'a')].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...descendantsOf(units, 'b')]).toEqual(['b']);
  });
});
