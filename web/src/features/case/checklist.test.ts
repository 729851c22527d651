import { describe, expect, it } from 'vitest';
import type { PlanChecklist } from '../../api/types';
import { withTicks } from './checklist';

const plan: PlanChecklist = {
  planId: 'plan-1',
  stages: [
    {
      stage: 'reception',
      name: { zh: '接待', en: 'Reception' },
      requirements: [],
      cautions: [],
      staffing: [],
      steps: [
        { id: 'reception.listen', text: { en: 'Listen' } },
        { id: 'reception.explain', text: { en: 'Explain' } },
      ],
    },
  ],
};

describe('the checklist on the case page', () => {
  it("puts the case's ticks on the plan's steps, leaving the rest unticked", () => {
    const stages = withTicks(plan, [{ id: 'reception.explain', doneAt: '2026-11-02T08:00:00.000Z', doneBy: 'officer' }]);
    expect(stages[0]?.steps).toEqual([
      { id: 'reception.listen', text: { en: 'Listen' }, doneAt: null, doneBy: null },
      { id: 'reception.explain', text: { en: 'Explain' }, doneAt: '2026-11-02T08:00:00.000Z', doneBy: 'officer' },
    ]);
    expect(stages[0]?.name).toEqual({ zh: '接待', en: 'Reception' });
  });
});
