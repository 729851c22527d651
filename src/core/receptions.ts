/**
 * Leader reception days (领导接访日, Art. 18; issue 13 item 6): a leader receives petitioners on a
 * set day, at a set place, for a set number of cases. A booking puts a case — never a person — on
 * a day. These are the rules, as codes; the commands apply them inside their transactions.
 */

/** The longest a reception day may run, and the most cases it may take: a mistyped figure is refused. */
export const receptionLimits = { hours: 24, capacity: 200, place: 200, title: 100 } as const;

/** Who booked a case on a day: the office, or the petitioner on the portal with the reference and access code. */
export const bookingChannels = ['office', 'portal'] as const;
export type BookingChannel = (typeof bookingChannels)[number];

/** A reception day's times and size, as the office enters them. */
export interface ReceptionTimes {
  startsAt: string;
  endsAt: string;
  capacity: number;
}

/** What is wrong with a day's times or size: the field and a problem code (contract/problems.ts), or null. */
export function receptionTimesProblem(
  day: ReceptionTimes,
  now: string,
): { field: 'startsAt' | 'endsAt' | 'capacity'; code: 'in_past' | 'ends_before_start' | 'reception_too_long' | 'too_small' | 'too_large' | 'not_integer'; params?: Record<string, number> } | null {
  if (Date.parse(day.startsAt) <= Date.parse(now)) return { field: 'startsAt', code: 'in_past' };
  if (Date.parse(day.endsAt) <= Date.parse(day.startsAt)) return { field: 'endsAt', code: 'ends_before_start' };
  if (Date.parse(day.endsAt) - Date.parse(day.startsAt) > receptionLimits.hours * 3_600_000) return { field: 'endsAt', code: 'reception_too_long', params: { hours: receptionLimits.hours } };
  if (!Number.isInteger(day.capacity)) return { field: 'capacity', code: 'not_integer' };
  if (day.capacity < 1) return { field: 'capacity', code: 'too_small', params: { limit: 1 } };
  if (day.capacity > receptionLimits.capacity) return { field: 'capacity', code: 'too_large', params: { limit: receptionLimits.capacity } };
  return null;
}

/** A day as a booking sees it. */
export interface DayStanding {
  startsAt: string;
  cancelledAt: string | null;
  capacity: number;
  /** Active bookings on it now. */
  booked: number;
}

/** Why a case cannot be booked on a day (the refusal reasons of core/errors.ts), or null when it can. */
export type BookingRefusal = 'reception_cancelled' | 'reception_closed' | 'reception_full';

/**
 * Whether a day takes one more case at `now`: not cancelled, not yet begun (bookings close when the
 * reception starts), and below its capacity.
 */
export function bookingRefusal(day: DayStanding, now: string): BookingRefusal | null {
  if (day.cancelledAt !== null) return 'reception_cancelled';
  if (Date.parse(day.startsAt) <= Date.parse(now)) return 'reception_closed';
  if (day.booked >= day.capacity) return 'reception_full';
  return null;
}

/** Whether a day is on the published schedule at `now`: not cancelled and not yet over. */
export function isPublished(day: { endsAt: string; cancelledAt: string | null }, now: string): boolean {
  return day.cancelledAt === null && Date.parse(day.endsAt) > Date.parse(now);
}

/** How many places a day still has. */
export function placesLeft(day: { capacity: number; booked: number }): number {
  return Math.max(0, day.capacity - day.booked);
}
