import { describe, expect, it } from 'vitest';
import { caseDeadlines, caseNextDueAt, type CaseDueTimes } from './case-deadlines.js';

/** A case's due times as stored; nothing started unless a test says so. */
function buildDueTimes(overrides: Partial<CaseDueTimes> = {}): CaseDueTimes {
  return {
    acceptDueAt: null,
    acceptedAt: null,
    concludeDueAt: null,
    concludedAt: null,
    reviewRequestDueAt: null,
    reviewStartedAt: null,
    reviewDueAt: null,
    reviewConcludedAt: null,
    pausedAt: null,
    ...overrides,
  };
}

const acceptDue = '2026-11-17T15:59:59.999Z';
const concludeDue = '2027-01-09T15:59:59.999Z';
const reviewRequestDue = '2027-02-05T15:59:59.999Z';
const reviewDue = '2027-03-01T15:59:59.999Z';

/** A case that was received, accepted on 10 November, and answered on 6 January. */
const answered = buildDueTimes({
  acceptDueAt: acceptDue,
  acceptedAt: '2026-11-10T02:00:00.000Z',
  concludeDueAt: concludeDue,
  concludedAt: '2027-01-06T03:00:00.000Z',
  reviewRequestDueAt: reviewRequestDue,
});

describe('caseDeadlines', () => {
  it('a freshly received case owes only the acceptance decision', () => {
    const times = buildDueTimes({ acceptDueAt: acceptDue });
    expect(caseDeadlines(times, '2026-11-05T00:00:00.000Z')).toEqual({
      accept: { dueAt: acceptDue, doneAt: null, status: 'pending' },
      conclude: { dueAt: null, doneAt: null, status: null },
      reviewRequest: { dueAt: null, doneAt: null, status: null },
      review: { dueAt: null, doneAt: null, status: null },
    });
  });

  it('an undecided case past its acceptance deadline is overdue; at the due instant it is not yet', () => {
    const times = buildDueTimes({ acceptDueAt: acceptDue });
    expect(caseDeadlines(times, '2026-11-17T16:00:00.000Z').accept.status).toBe('overdue');
    expect(caseDeadlines(times, acceptDue).accept.status).toBe('pending');
  });

  it('an accepted case has met its acceptance deadline and owes the conclusion', () => {
    const times = buildDueTimes({ acceptDueAt: acceptDue, acceptedAt: '2026-11-10T02:00:00.000Z', concludeDueAt: concludeDue });
    const result = caseDeadlines(times, '2026-12-01T00:00:00.000Z');
    expect(result.accept).toEqual({ dueAt: acceptDue, doneAt: '2026-11-10T02:00:00.000Z', status: 'met' });
    expect(result.conclude).toEqual({ dueAt: concludeDue, doneAt: null, status: 'pending' });
  });

  it('a late acceptance stays missed and a late conclusion is overdue', () => {
    const times = buildDueTimes({ acceptDueAt: acceptDue, acceptedAt: '2026-11-20T00:00:00.000Z', concludeDueAt: concludeDue });
    const result = caseDeadlines(times, '2027-01-10T00:00:00.000Z');
    expect(result.accept.status).toBe('missed');
    expect(result.conclude.status).toBe('overdue');
  });

  it('an answered case has concluded and leaves the petitioner a window to request a review', () => {
    const result = caseDeadlines(answered, '2027-01-20T00:00:00.000Z');
    expect(result.conclude).toEqual({ dueAt: concludeDue, doneAt: '2027-01-06T03:00:00.000Z', status: 'met' });
    expect(result.reviewRequest).toEqual({ dueAt: reviewRequestDue, doneAt: null, status: 'pending' });
    expect(result.review.status).toBeNull();
  });

  it('a review in progress counts as the request being made, when it was made', () => {
    const started = '2027-01-25T01:00:00.000Z';
    const times = { ...answered, reviewStartedAt: started, reviewDueAt: reviewDue };
    const result = caseDeadlines(times, '2027-02-10T00:00:00.000Z');
    expect(result.reviewRequest).toEqual({ dueAt: reviewRequestDue, doneAt: started, status: 'met' });
    expect(result.review).toEqual({ dueAt: reviewDue, doneAt: null, status: 'pending' });
  });

  it('a concluded review reopens the request window for its own answer', () => {
    const times = {
      ...answered,
      reviewRequestDueAt: '2027-03-30T15:59:59.999Z',
      reviewStartedAt: '2027-01-25T01:00:00.000Z',
      reviewDueAt: reviewDue,
      reviewConcludedAt: '2027-02-28T01:00:00.000Z',
    };
    const result = caseDeadlines(times, '2027-03-05T00:00:00.000Z');
    expect(result.review).toEqual({ dueAt: reviewDue, doneAt: '2027-02-28T01:00:00.000Z', status: 'met' });
    expect(result.reviewRequest).toEqual({ dueAt: '2027-03-30T15:59:59.999Z', doneAt: null, status: 'pending' });
  });

  it('a review concluded late is missed', () => {
    const times = {
      ...answered,
      reviewStartedAt: '2027-01-25T01:00:00.000Z',
      reviewDueAt: reviewDue,
      reviewConcludedAt: '2027-03-02T00:00:00.000Z',
    };
    expect(caseDeadlines(times, '2027-03-05T00:00:00.000Z').review.status).toBe('missed');
  });
});

describe('caseNextDueAt', () => {
  it('is null for a case with no clocks running', () => {
    expect(caseNextDueAt(buildDueTimes())).toBeNull();
  });

  it('is the acceptance deadline of an undecided case', () => {
    expect(caseNextDueAt(buildDueTimes({ acceptDueAt: acceptDue }))).toBe(acceptDue);
  });

  it('moves on to the conclusion once the case is accepted', () => {
    const times = buildDueTimes({ acceptDueAt: acceptDue, acceptedAt: '2026-11-10T02:00:00.000Z', concludeDueAt: concludeDue });
    expect(caseNextDueAt(times)).toBe(concludeDue);
  });

  it('does not count the petitioner\'s review request window as owed by the office', () => {
    expect(caseNextDueAt(answered)).toBeNull();
  });

  it('is the review deadline while a review is in progress', () => {
    const times = { ...answered, reviewStartedAt: '2027-01-25T01:00:00.000Z', reviewDueAt: reviewDue };
    expect(caseNextDueAt(times)).toBe(reviewDue);
  });

  it('is null once the review is concluded', () => {
    const times = {
      ...answered,
      reviewStartedAt: '2027-01-25T01:00:00.000Z',
      reviewDueAt: reviewDue,
      reviewConcludedAt: '2027-02-28T01:00:00.000Z',
    };
    expect(caseNextDueAt(times)).toBeNull();
  });

  it('picks the earliest when several are open', () => {
    const times = buildDueTimes({ acceptDueAt: acceptDue, concludeDueAt: '2026-11-10T00:00:00.000Z' });
    expect(caseNextDueAt(times)).toBe('2026-11-10T00:00:00.000Z');
  });

  it('is the same whatever the time now, because it ignores status', () => {
    const times = buildDueTimes({ acceptDueAt: acceptDue });
    const pendingNow = caseDeadlines(times, '2026-11-01T00:00:00.000Z');
    const overdueNow = caseDeadlines(times, '2026-12-01T00:00:00.000Z');
    expect(pendingNow.accept.status).not.toBe(overdueNow.accept.status);
    expect(caseNextDueAt(times)).toBe(acceptDue);
  });
});
