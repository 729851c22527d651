import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../api/types';
import { sortCases, type Sortable } from './sort';

const open = { dueAt: null, doneAt: null, status: null };
function summary(id: string, receivedAt: string, urgency: CaseSummary['urgency'], acceptDueAt: string | null): Sortable {
  return {
    id,
    urgency,
    receivedAt,
    deadlines: { accept: { ...open, dueAt: acceptDueAt, status: acceptDueAt ? 'pending' : null }, conclude: open, reviewRequest: open, review: open },
  };
}

const cases = [
  summary('a', '2026-11-01T00:00:00.000Z', 'normal', '2026-11-20T00:00:00.000Z'),
  summary('b', '2026-11-03T00:00:00.000Z', 'major', null),
  summary('c', '2026-11-02T00:00:00.000Z', 'urgent', '2026-11-10T00:00:00.000Z'),
];

describe('sorting the loaded queue', () => {
  it('orders by when cases were received, either way', () => {
    expect(sortCases(cases, 'newest').map((item) => item.id)).toEqual(['b', 'c', 'a']);
    expect(sortCases(cases, 'oldest').map((item) => item.id)).toEqual(['a', 'c', 'b']);
  });

  it('puts the nearest deadline first and cases owing nothing last', () => {
    expect(sortCases(cases, 'deadline').map((item) => item.id)).toEqual(['c', 'a', 'b']);
  });

  it('puts major before urgent before normal', () => {
    expect(sortCases(cases, 'urgency').map((item) => item.id)).toEqual(['b', 'c', 'a']);
  });

  it('leaves the list it was given alone', () => {
    sortCases(cases, 'oldest');
    expect(cases.map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });
});
