import { describe, expect, it } from 'vitest';
import { figureOf, indicators, ratingOutcome, type IndicatorCaseFacts, type IndicatorCommitment } from './indicators.js';

const period = { from: '2026-04-01T00:00:00.000Z', to: '2026-05-01T00:00:00.000Z' };
const facts = (id: string, overrides: Partial<IndicatorCaseFacts>): IndicatorCaseFacts => ({
  id,
  leadUnitId: 'unit',
  acceptDueAt: null,
  acceptedAt: null,
  concludedAt: null,
  concludeDueAt: null,
  ...overrides,
});

describe('the indicators', () => {
  it('count an undecided case only once its acceptance deadline has passed', () => {
    const cases = [
      facts('due-undecided', { acceptDueAt: '2026-04-10T00:00:00.000Z' }),
      facts('not-yet-due', { acceptDueAt: '2026-04-25T00:00:00.000Z' }),
      facts('decided-early', { acceptDueAt: '2026-04-28T00:00:00.000Z', acceptedAt: '2026-04-12T00:00:00.000Z' }),
    ];
    const { total } = indicators({ period, asOf: '2026-04-20T00:00:00.000Z', minimum: 1, cases, ratings: [], notRecorded: [] });
    expect(total.figures.timelyAcceptance.cases).toEqual({ numerator: ['decided-early'], denominator: ['decided-early', 'due-undecided'] });
    expect(total.figures.timelyAcceptance.rate).toBe(0.5);
  });

  it('take the latest rating of a case, and map the portal’s 1–5 to satisfied, basically satisfied, unsatisfied', () => {
    expect([1, 2, 3, 4, 5].map(ratingOutcome)).toEqual(['unsatisfied', 'unsatisfied', 'basically_satisfied', 'satisfied', 'satisfied']);
    const cases = [facts('a', { concludedAt: '2026-04-02T00:00:00.000Z' })];
    const ratings = [
      { caseId: 'a', at: '2026-04-05T00:00:00.000Z', outcome: 'satisfied' as const },
      { caseId: 'a', at: '2026-04-03T00:00:00.000Z', outcome: 'unsatisfied' as const },
    ];
    const { units } = indicators({ period, asOf: '2026-06-01T00:00:00.000Z', minimum: 1, cases, ratings, notRecorded: [] });
    expect(units[0]?.figures.satisfaction).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
  });

  it('withhold the rate below the minimum but keep the counts and the cases; name what is not recorded', () => {
    expect(figureOf(['a'], ['a', 'b'], 3)).toEqual({ numerator: 1, denominator: 2, rate: null, code: 'below_minimum', cases: { numerator: ['a'], denominator: ['a', 'b'] } });
    expect(figureOf([], [], 1)).toMatchObject({ rate: null, code: 'below_minimum' });
    expect(figureOf(['a', 'b'], ['a', 'b', 'c'], 3)).toMatchObject({ rate: 0.6667, code: null });
    expect(figureOf(['a'], ['a'], 1, true)).toMatchObject({ numerator: 0, denominator: 0, rate: null, code: 'not_recorded' });
  });

  it('count a commitment for its owner unit when it falls due, done by then or not, and leave out one withdrawn before', () => {
    const commitment = (id: string, overrides: Partial<IndicatorCommitment>): IndicatorCommitment => ({
      id,
      caseId: `case-${id}`,
      ownerUnitId: 'owner',
      dueAt: '2026-04-10T16:00:00.000Z',
      status: 'open',
      doneAt: null,
      droppedAt: null,
      ...overrides,
    });
    const commitments = [
      commitment('kept', { status: 'done', doneAt: '2026-04-09T00:00:00.000Z' }),
      commitment('late', { status: 'done', doneAt: '2026-04-12T00:00:00.000Z' }),
      commitment('open', {}),
      commitment('dropped-late', { status: 'dropped', droppedAt: '2026-04-11T00:00:00.000Z' }),
      commitment('withdrawn', { status: 'dropped', droppedAt: '2026-04-02T00:00:00.000Z' }),
      commitment('not-yet-due', { dueAt: '2026-04-28T16:00:00.000Z' }),
    ];
    const { units } = indicators({ period, asOf: '2026-04-20T00:00:00.000Z', minimum: 1, cases: [], ratings: [], commitments, notRecorded: [] });
    expect(units).toEqual([expect.objectContaining({ unitId: 'owner' })]);
    expect(units[0]?.figures.commitmentsKept.cases).toEqual({ numerator: ['case-kept'], denominator: ['case-dropped-late', 'case-kept', 'case-late', 'case-open'] });
  });

  it('count a case concluded in the period as reworked when it was sent back by now', () => {
    const cases = [facts('sent-back', { concludedAt: '2026-04-02T00:00:00.000Z' }), facts('kept', { concludedAt: '2026-04-03T00:00:00.000Z' })];
    const reworks = [{ caseId: 'sent-back', at: '2026-04-09T00:00:00.000Z' }, { caseId: 'kept', at: '2026-05-09T00:00:00.000Z' }];
    const { total } = indicators({ period, asOf: '2026-04-20T00:00:00.000Z', minimum: 1, cases, ratings: [], reworks, notRecorded: [] });
    expect(total.figures.rework).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
  });
});
