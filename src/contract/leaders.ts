import { Type } from 'typebox';
import { bookingChannels, receptionLimits } from '../core/receptions.js';
import { stages } from '../core/types.js';
import { Id, Nullable, Time } from './common.js';

/**
 * Leaders in person (issue 13 item 6): reception days (领导接访日, core/receptions.ts), a case's
 * bookings onto them, and a leader's personal charge of a case (包案, core/personal-charge.ts).
 * The leader is an official and is named; a booking is of a case, never of a person.
 */

const LocalName = Type.Object({ zh: Type.String(), en: Type.String() });

/** A reception day as staff see it. */
export const ReceptionDay = Type.Object({
  id: Id,
  leaderId: Id,
  leaderName: Type.String(),
  /** The leader's office as the schedule prints it (副县长). */
  title: LocalName,
  unitId: Nullable(Id),
  unitName: Nullable(LocalName),
  startsAt: Time,
  endsAt: Time,
  place: Type.String(),
  capacity: Type.Integer(),
  /** Cases booked on it now (cancelled bookings not counted). */
  booked: Type.Integer(),
  placesLeft: Type.Integer(),
  createdAt: Time,
  cancelledAt: Nullable(Time),
});

/** A case on a day, as the day's page lists it for the office and the leader receiving. */
export const DayBooking = Type.Object({
  id: Id,
  caseId: Id,
  reference: Type.String(),
  title: Type.String(),
  stage: Type.Enum([...stages]),
  via: Type.Enum([...bookingChannels]),
  bookedAt: Time,
  cancelledAt: Nullable(Time),
});

export const ReceptionDayDetail = Type.Intersect([ReceptionDay, Type.Object({ bookings: Type.Array(DayBooking) })]);

export const ReceptionDayList = Type.Object({ items: Type.Array(ReceptionDay) });

export const ReceptionDaysQuery = Type.Object(
  {
    /** Days ending after this instant (default: now): the schedule still to come. */
    from: Type.Optional(Time),
    /** Days starting before this instant. */
    to: Type.Optional(Time),
    /** Include cancelled days. */
    cancelled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CreateReceptionDayBody = Type.Object(
  {
    /** The leader who receives: an active user with the leader role. */
    leaderId: Id,
    title: Type.String({ minLength: 1, maxLength: receptionLimits.title }),
    titleEn: Type.Optional(Type.String({ maxLength: receptionLimits.title })),
    /** The unit receiving (the leadership group, a township); the leader's own unit when left out. */
    unitId: Type.Optional(Id),
    startsAt: Time,
    endsAt: Time,
    place: Type.String({ minLength: 1, maxLength: receptionLimits.place }),
    capacity: Type.Integer({ minimum: 1, maximum: receptionLimits.capacity }),
  },
  { additionalProperties: false },
);

export const ReceptionDayParams = Type.Object({ id: Id });

/** A case's booking on a day, as the case page shows it. */
export const CaseBooking = Type.Object({
  id: Id,
  day: ReceptionDay,
  via: Type.Enum([...bookingChannels]),
  bookedAt: Time,
  bookedBy: Nullable(Id),
  cancelledAt: Nullable(Time),
});

/** The case page's panel: the leader in personal charge, the case's bookings, the days it may be booked on, and what the reader may do. */
export const CaseLeaders = Type.Object({
  caseId: Id,
  personalCharge: Nullable(Type.Object({ leaderId: Id, leaderName: Type.String(), since: Time })),
  bookings: Type.Array(CaseBooking),
  /** Days still taking bookings (only for who may book). */
  bookableDays: Type.Array(ReceptionDay),
  may: Type.Object({ book: Type.Boolean(), takeCharge: Type.Boolean(), releaseCharge: Type.Boolean() }),
});

export const BookReceptionBody = Type.Object({ dayId: Id }, { additionalProperties: false });

export const BookingParams = Type.Object({ id: Id, bookingId: Id });

/** A reception day on the published schedule: the leader's name and office, when, where, places left; nothing of any petitioner. */
export const PublicReceptionDay = Type.Object({
  id: Id,
  leaderName: Type.String(),
  title: LocalName,
  unitName: Nullable(LocalName),
  startsAt: Time,
  endsAt: Time,
  place: Type.String(),
  capacity: Type.Integer(),
  placesLeft: Type.Integer(),
});

export const PublicReceptionDays = Type.Object({ items: Type.Array(PublicReceptionDay) });

/** What the petitioner gets back for a booking: the day their petition is booked on. */
export const PublicBooking = Type.Object({ reference: Type.String(), bookedAt: Time, day: PublicReceptionDay });

/** The report of cases in personal charge: per leader, how many and how they ended. */
export const PersonalChargeReport = Type.Object({
  from: Nullable(Time),
  to: Time,
  satisfiedRating: Type.Integer(),
  leaders: Type.Array(
    Type.Object({
      leaderId: Id,
      leaderName: Type.String(),
      cases: Type.Integer(),
      open: Type.Integer(),
      concluded: Type.Integer(),
      concludedOnTime: Type.Integer(),
      rated: Type.Integer(),
      satisfied: Type.Integer(),
    }),
  ),
});

export const PersonalChargeQuery = Type.Object(
  {
    /** Charges taken at or after this instant. */
    from: Type.Optional(Time),
    /** Charges taken, and conclusions counted, before this instant (default: now). */
    to: Type.Optional(Time),
  },
  { additionalProperties: false },
);
