import { describe, expect, it } from 'vitest';
import { dayRuns } from './day-runs';

describe('holiday runs', () => {
  it('joins consecutive days of one name, across a month end, and keeps apart a gap or another name', () => {
    const runs = dayRuns([
      { date: '2026-01-31', name: '春节' },
      { date: '2026-02-01', name: '春节' },
      { date: '2026-02-02', name: '春节' },
      { date: '2026-02-04', name: '春节' },
      { date: '2026-02-05', name: '元宵' },
    ]);
    expect(runs).toEqual([
      { from: '2026-01-31', to: '2026-02-02', name: '春节', days: 3 },
      { from: '2026-02-04', to: '2026-02-04', name: '春节', days: 1 },
      { from: '2026-02-05', to: '2026-02-05', name: '元宵', days: 1 },
    ]);
  });
});
