import { describe, expect, it } from 'vitest';
import { bookingRefusal, isPublished, placesLeft, receptionTimesProblem } from './receptions.js';

const now = '2026-11-02T02:00:00.000Z';
const day = { startsAt: '2026-11-05T01:00:00.000Z', endsAt: '2026-11-05T04:00:00.000Z', capacity: 10 };

describe('a reception day’s times and size', () => {
  it('are right for a morning three days off', () => {
    expect(receptionTimesProblem(day, now)).toBeNull();
  });

  it('name the field that is wrong', () => {
    expect(receptionTimesProblem({ ...day, startsAt: now }, now)).toEqual({ field: 'startsAt', code: 'in_past' });
    expect(receptionTimesProblem({ ...day, endsAt: day.startsAt }, now)).toEqual({ field: 'endsAt', code: 'ends_before_start' });
    expect(receptionTimesProblem({ ...day, endsAt: '2026-11-06T01:00:00.001Z' }, now)).toEqual({ field: 'endsAt', code: 'reception_too_long', params: { hours: 24 } });
    expect(receptionTimesProblem({ ...day, capacity: 0 }, now)).toMatchObject({ field: 'capacity', code: 'too_small' });
    expect(receptionTimesProblem({ ...day, capacity: 201 }, now)).toMatchObject({ field: 'capacity', code: 'too_large' });
    expect(receptionTimesProblem({ ...day, capacity: 1.5 }, now)).toMatchObject({ field: 'capacity', code: 'not_integer' });
  });
});

describe('a booking on a day', () => {
  const standing = { startsAt: day.startsAt, cancelledAt: null, capacity: 2, booked: 1 };

  it('is taken while the day has places and has not begun', () => {
    expect(bookingRefusal(standing, now)).toBeNull();
  });

  it('is refused on a cancelled day, once the day has begun, and when it is full', () => {
    expect(bookingRefusal({ ...standing, cancelledAt: now }, now)).toBe('reception_cancelled');
    expect(bookingRefusal(standing, day.startsAt)).toBe('reception_closed');
    expect(bookingRefusal({ ...standing, booked: 2 }, now)).toBe('reception_full');
  });

  it('leaves the places the day still has, never fewer than none', () => {
    expect(placesLeft({ capacity: 2, booked: 1 })).toBe(1);
    expect(placesLeft({ capacity: 2, booked: 3 })).toBe(0);
  });
});

describe('the published schedule', () => {
  it('holds days not cancelled and not over', () => {
    expect(isPublished({ endsAt: day.endsAt, cancelledAt: null }, now)).toBe(true);
    expect(isPublished({ endsAt: day.endsAt, cancelledAt: now }, now)).toBe(false);
    expect(isPublished({ endsAt: day.endsAt, cancelledAt: null }, day.endsAt)).toBe(false);
  });
});
