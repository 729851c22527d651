import type { Static } from 'typebox';
import type { CaseBooking, CaseLeaders, PublicBooking } from '../contract/leaders.js';
import { invalid, refused } from '../core/errors.js';
import { releaseChargeRefusal, takeChargeRefusal } from '../core/personal-charge.js';
import { can } from '../core/policy.js';
import { bookingRefusal, type BookingChannel } from '../core/receptions.js';
import { openStages, type Actor } from '../core/types.js';
import { forUpdate } from '../db/adapter.js';
import type { CaseRow } from '../db/repositories/cases.js';
import type { Context, Trx } from '../context/context.js';
import { petitionFor, type PetitionKey } from './public/petition-access.js';
import { publicDay, receptionDayViews } from './receptions.js';
import { caseFor } from './support/case-access.js';
import { runCaseWrite, type CaseChange } from './support/case-command.js';
import { claimIdempotencyKey, keepIdempotentResult, type IdempotencyKey } from './support/idempotency.js';

export type CaseLeadersView = Static<typeof CaseLeaders>;

async function leaderName(trx: Trx, userId: string): Promise<string> {
  return (await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? '';
}

/** The case's panel: who has it in personal charge, its bookings, the days it may still be booked on, and what the reader may do. */
async function caseLeadersView(ctx: Context, trx: Trx, actor: Actor, row: CaseRow, unitIds: readonly string[], now: string): Promise<CaseLeadersView> {
  const resource = { type: 'case' as const, assignedUnitIds: unitIds };
  const open = openStages.includes(row.stage) && !row.merged_into_id;
  const holder = row.leader_in_charge_id ?? null;
  const bookingRows = await trx.selectFrom('reception_bookings').selectAll().where('case_id', '=', row.id).orderBy('booked_at', 'desc').orderBy('id').execute();
  const days = new Map((await receptionDayViews(trx, { ids: [...new Set(bookingRows.map((item) => item.day_id))], cancelled: true })).map((day) => [day.id, day]));
  const bookings: Static<typeof CaseBooking>[] = [];
  for (const item of bookingRows) {
    const day = days.get(item.day_id);
    if (day) bookings.push({ id: item.id, day, via: item.via, bookedAt: item.booked_at, bookedBy: item.booked_by, cancelledAt: item.cancelled_at });
  }
  const mayBook = open && can(actor, 'case.reception.book', resource);
  const bookableDays = mayBook ? (await receptionDayViews(trx, { endsAfter: now })).filter((day) => bookingRefusal({ ...day, cancelledAt: day.cancelledAt }, now) === null) : [];
  const mayCharge = can(actor, 'case.personal_charge', resource);
  return {
    caseId: row.id,
    personalCharge: holder === null ? null : { leaderId: holder, leaderName: await leaderName(trx, holder), since: row.leader_in_charge_at ?? row.updated_at },
    bookings,
    bookableDays,
    may: {
      book: mayBook,
      takeCharge: mayCharge && open && holder === null,
      releaseCharge: mayCharge && holder === actor.id,
    },
  };
}

/** The case's leaders panel, for whoever may read the case. */
export async function getCaseLeaders(ctx: Context, props: { actor: Actor; caseId: string }): Promise<CaseLeadersView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, unitIds } = await caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.read' });
    return caseLeadersView(ctx, trx, props.actor, row, unitIds, ctx.now());
  });
}

/**
 * Books the case onto a day, inside the case's write: the day locked, then judged (not cancelled,
 * not begun, not full; core/receptions.ts), and the case not booked on another day still to come.
 * Returns the booking's id and the change for the timeline.
 */
async function book(ctx: Context, trx: Trx, row: CaseRow, props: { dayId: string; via: BookingChannel; actorId: string | null }, now: string): Promise<{ change: CaseChange; bookingId: string }> {
  if (!openStages.includes(row.stage)) throw refused('case_not_open', `A case in stage ${row.stage} is not being worked; it is not booked for a reception.`, { stage: row.stage });
  const day = await forUpdate(ctx.adapter, trx.selectFrom('reception_days').selectAll().where('id', '=', props.dayId)).executeTakeFirst();
  if (!day) throw invalid('dayId', 'no such reception day.', { code: 'invalid' });
  const existing = await trx
    .selectFrom('reception_bookings')
    .innerJoin('reception_days', 'reception_days.id', 'reception_bookings.day_id')
    .select(['reception_days.starts_at'])
    .where('reception_bookings.case_id', '=', row.id)
    .where('reception_bookings.cancelled_at', 'is', null)
    .where('reception_days.ends_at', '>', now)
    .executeTakeFirst();
  if (existing) throw refused('already_booked', 'The case is booked on a reception day still to come: cancel that booking first.', { startsAt: existing.starts_at }, { field: 'dayId' });
  const booked = await trx.selectFrom('reception_bookings').select((eb) => eb.fn.countAll<number>().as('n')).where('day_id', '=', day.id).where('cancelled_at', 'is', null).executeTakeFirstOrThrow();
  const refusal = bookingRefusal({ startsAt: day.starts_at, cancelledAt: day.cancelled_at, capacity: day.capacity, booked: Number(booked.n) }, now);
  if (refusal === 'reception_cancelled') throw refused(refusal, 'The reception day was cancelled.', { at: day.cancelled_at ?? now }, { field: 'dayId' });
  if (refusal === 'reception_closed') throw refused(refusal, 'Bookings for this reception day closed when it began.', { startsAt: day.starts_at }, { field: 'dayId' });
  if (refusal === 'reception_full') throw refused(refusal, 'The reception day has as many cases booked as it takes.', { capacity: day.capacity }, { field: 'dayId' });
  const bookingId = ctx.newId();
  await trx.insertInto('reception_bookings').values({ id: bookingId, day_id: day.id, case_id: row.id, via: props.via, booked_at: now, booked_by: props.actorId, cancelled_at: null, cancelled_by: null }).execute();
  const data = { bookingId, dayId: day.id, leaderId: day.leader_id, startsAt: day.starts_at, place: day.place, via: props.via };
  return { bookingId, change: { event: { type: 'reception.booked', data }, audit: { action: 'case.reception.book', detail: { bookingId, dayId: day.id, via: props.via } } } };
}

/** The office books the case onto a leader's reception day; with an idempotency key a retry answers what the first did. */
export async function bookReception(ctx: Context, props: { actor: Actor; caseId: string; dayId: string }, idempotency?: IdempotencyKey): Promise<CaseLeadersView> {
  return runCaseWrite(ctx, {
    by: { kind: 'staff', actor: props.actor },
    lock: async (trx) => {
      if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
      return caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.reception.book', lock: true });
    },
    work: async (trx, { row }, now) => (await book(ctx, trx, row, { dayId: props.dayId, via: 'office', actorId: props.actor.id }, now)).change,
    result: async (trx, updated, locked, now) => {
      const view = await caseLeadersView(ctx, trx, props.actor, updated, locked.unitIds, now);
      if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, updated.id, view);
      return view;
    },
  });
}

/** The office cancels a case's booking (the petitioner cannot come, the matter is settled). */
export async function cancelBooking(ctx: Context, props: { actor: Actor; caseId: string; bookingId: string }): Promise<CaseLeadersView> {
  return runCaseWrite(ctx, {
    by: { kind: 'staff', actor: props.actor },
    lock: (trx) => caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.reception.book', lock: true }),
    work: async (trx, { row }, now) => {
      const booking = await trx.selectFrom('reception_bookings').selectAll().where('id', '=', props.bookingId).where('case_id', '=', row.id).executeTakeFirst();
      if (!booking) throw invalid('bookingId', 'no such booking on this case.', { code: 'invalid' });
      if (booking.cancelled_at !== null) throw refused('booking_cancelled', 'The booking was cancelled already.', { at: booking.cancelled_at });
      await trx.updateTable('reception_bookings').set({ cancelled_at: now, cancelled_by: props.actor.id }).where('id', '=', booking.id).where('cancelled_at', 'is', null).execute();
      return {
        event: { type: 'reception.booking_cancelled', data: { bookingId: booking.id, dayId: booking.day_id } },
        audit: { action: 'case.reception.cancel', detail: { bookingId: booking.id, dayId: booking.day_id } },
      };
    },
    result: (trx, updated, locked, now) => caseLeadersView(ctx, trx, props.actor, updated, locked.unitIds, now),
  });
}

/**
 * The petitioner books their own petition onto a published reception day, with its reference and
 * access code (portal, /public/v1): the same rules as the office's booking. Returns the day booked.
 */
export async function bookReceptionByPetitioner(ctx: Context, props: PetitionKey & { dayId: string }, idempotency?: IdempotencyKey): Promise<Static<typeof PublicBooking>> {
  return runCaseWrite(ctx, {
    by: { kind: 'petitioner' },
    lock: async (trx) => {
      if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
      return { row: await petitionFor(ctx, trx, props, { lock: true }) };
    },
    work: async (trx, { row }, now) => (await book(ctx, trx, row, { dayId: props.dayId, via: 'portal', actorId: null }, now)).change,
    result: async (trx, updated, _locked, now) => {
      const [day] = await receptionDayViews(trx, { ids: [props.dayId] });
      if (!day) throw new Error('The day just booked was not found.');
      const booking = { reference: updated.reference, bookedAt: now, day: publicDay(day) };
      if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, updated.id, booking);
      return booking;
    },
  });
}

/** The petitioner's active booking on a day still to come, for the status page; null when none. */
export async function petitionBooking(trx: Trx, caseId: string, now: string): Promise<Static<typeof PublicBooking>['day'] | null> {
  const booking = await trx
    .selectFrom('reception_bookings')
    .innerJoin('reception_days', 'reception_days.id', 'reception_bookings.day_id')
    .select('reception_bookings.day_id')
    .where('reception_bookings.case_id', '=', caseId)
    .where('reception_bookings.cancelled_at', 'is', null)
    .where('reception_days.ends_at', '>', now)
    .executeTakeFirst();
  if (!booking) return null;
  const [day] = await receptionDayViews(trx, { ids: [booking.day_id] });
  return day ? publicDay(day) : null;
}

/**
 * A leader takes personal charge of the case (包案): the case carries who and since when, for the
 * leader's own list and the report. One leader at a time; the same leader again is already done.
 */
export async function takePersonalCharge(ctx: Context, props: { actor: Actor; caseId: string }): Promise<CaseLeadersView> {
  return runCaseWrite(ctx, {
    by: { kind: 'staff', actor: props.actor },
    lock: (trx) => caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.personal_charge', lock: true }),
    work: async (trx, { row }, now) => {
      if (!openStages.includes(row.stage)) throw refused('case_not_open', `A case in stage ${row.stage} is not being worked; no one takes charge of it.`, { stage: row.stage });
      const holder = row.leader_in_charge_id ?? null;
      if (holder === props.actor.id) throw refused('already_in_charge', 'You have this case in personal charge already.', { at: row.leader_in_charge_at ?? '' });
      if (holder !== null && takeChargeRefusal(props.actor, holder) === 'in_charge_of_other') {
        throw refused('in_charge_of_other', 'Another leader has this case in personal charge.', { leaderName: await leaderName(trx, holder) });
      }
      return {
        event: { type: 'case.personal_charge_taken', data: { leaderId: props.actor.id, leaderName: await leaderName(trx, props.actor.id) } },
        audit: { action: 'case.personal_charge', detail: { taken: true } },
        changes: { leader_in_charge_id: props.actor.id, leader_in_charge_at: now },
      };
    },
    result: (trx, updated, locked, now) => caseLeadersView(ctx, trx, props.actor, updated, locked.unitIds, now),
  });
}

/** The leader in charge releases the personal charge. */
export async function releasePersonalCharge(ctx: Context, props: { actor: Actor; caseId: string }): Promise<CaseLeadersView> {
  return runCaseWrite(ctx, {
    by: { kind: 'staff', actor: props.actor },
    lock: (trx) => caseFor(ctx, trx, { actor: props.actor, caseId: props.caseId, action: 'case.personal_charge', lock: true }),
    work: async (trx, { row }) => {
      const holder = row.leader_in_charge_id ?? null;
      if (releaseChargeRefusal(props.actor, holder) !== null) throw refused('not_in_charge', 'The case is not in your personal charge.', {});
      return {
        event: { type: 'case.personal_charge_released', data: { leaderId: props.actor.id, leaderName: await leaderName(trx, props.actor.id), since: row.leader_in_charge_at ?? null } },
        audit: { action: 'case.personal_charge.release', detail: { since: row.leader_in_charge_at ?? null } },
        changes: { leader_in_charge_id: null, leader_in_charge_at: null },
      };
    },
    result: (trx, updated, locked, now) => caseLeadersView(ctx, trx, props.actor, updated, locked.unitIds, now),
  });
}
