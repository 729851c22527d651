import type { Static } from 'typebox';
import type { CreateReceptionDayBody, DayBooking, PublicReceptionDay, ReceptionDay, ReceptionDayDetail } from '../contract/leaders.js';
import { forbidden, invalid, notFound, refused } from '../core/errors.js';
import { can } from '../core/policy.js';
import { isPublished, placesLeft, receptionLimits, receptionTimesProblem } from '../core/receptions.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { appendEvent } from '../db/events.js';
import type { Database, ReceptionDaysTable } from '../db/schema.js';
import type { Context, Trx } from '../context/context.js';
import type { Kysely } from 'kysely';
import { claimIdempotencyKey, keepIdempotentResult, type IdempotencyKey } from './support/idempotency.js';

export type ReceptionDayView = Static<typeof ReceptionDay>;
export type PublicReceptionDayView = Static<typeof PublicReceptionDay>;
type Db = Kysely<Database> | Trx;

/** Days with their leader's name, their unit's names and how many cases each has booked now. */
export async function receptionDayViews(db: Db, filter: { ids?: readonly string[]; endsAfter?: string; startsBefore?: string; cancelled?: boolean }): Promise<ReceptionDayView[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  let query = db
    .selectFrom('reception_days')
    .innerJoin('users', 'users.id', 'reception_days.leader_id')
    .leftJoin('units', 'units.id', 'reception_days.unit_id')
    .selectAll('reception_days')
    .select(['users.name as leader_name', 'units.name as unit_name', 'units.name_en as unit_name_en'])
    .select((eb) =>
      eb
        .selectFrom('reception_bookings')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('reception_bookings.day_id', '=', 'reception_days.id')
        .where('reception_bookings.cancelled_at', 'is', null)
        .as('booked'),
    );
  if (filter.ids) query = query.where('reception_days.id', 'in', [...filter.ids]);
  if (filter.endsAfter) query = query.where('reception_days.ends_at', '>', filter.endsAfter);
  if (filter.startsBefore) query = query.where('reception_days.starts_at', '<', filter.startsBefore);
  if (filter.cancelled !== true) query = query.where('reception_days.cancelled_at', 'is', null);
  const rows = await query.orderBy('reception_days.starts_at').orderBy('reception_days.id').execute();
  return rows.map((row) => {
    const booked = Number(row.booked ?? 0);
    return {
      id: row.id,
      leaderId: row.leader_id,
      leaderName: row.leader_name,
      title: { zh: row.title, en: row.title_en ?? row.title },
      unitId: row.unit_id,
      unitName: row.unit_name === null ? null : { zh: row.unit_name, en: row.unit_name_en ?? row.unit_name },
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      place: row.place,
      capacity: row.capacity,
      booked,
      placesLeft: placesLeft({ capacity: row.capacity, booked }),
      createdAt: row.created_at,
      cancelledAt: row.cancelled_at,
    };
  });
}

/** A day as the public schedule shows it: the official and the place, never a booking. */
export function publicDay(day: ReceptionDayView): PublicReceptionDayView {
  return { id: day.id, leaderName: day.leaderName, title: day.title, unitName: day.unitName, startsAt: day.startsAt, endsAt: day.endsAt, place: day.place, capacity: day.capacity, placesLeft: day.placesLeft };
}

/** The reception days for staff: those not yet over (or from `from`), cancelled ones only when asked. */
export async function listReceptionDays(ctx: Context, props: { actor: Actor; from?: string; to?: string; cancelled?: boolean }): Promise<{ items: ReceptionDayView[] }> {
  if (!can(props.actor, 'case.list')) throw forbidden();
  const items = await receptionDayViews(ctx.db, { endsAfter: props.from ?? ctx.now(), ...(props.to ? { startsBefore: props.to } : {}), ...(props.cancelled ? { cancelled: true } : {}) });
  return { items };
}

/** The published schedule (portal, /public/v1): days not cancelled and not yet over, soonest first. */
export async function publishedReceptionDays(ctx: Context): Promise<PublicReceptionDayView[]> {
  const now = ctx.now();
  const days = await receptionDayViews(ctx.db, { endsAfter: now });
  return days.filter((day) => isPublished(day, now)).map(publicDay);
}

async function dayDetail(trx: Db, dayId: string): Promise<Static<typeof ReceptionDayDetail>> {
  const [day] = await receptionDayViews(trx, { ids: [dayId], cancelled: true });
  if (!day) throw notFound('The reception day');
  const bookings = await trx
    .selectFrom('reception_bookings')
    .innerJoin('cases', 'cases.id', 'reception_bookings.case_id')
    .select(['reception_bookings.id', 'reception_bookings.case_id', 'reception_bookings.via', 'reception_bookings.booked_at', 'reception_bookings.cancelled_at', 'cases.reference', 'cases.title', 'cases.stage'])
    .where('reception_bookings.day_id', '=', dayId)
    .orderBy('reception_bookings.booked_at')
    .orderBy('reception_bookings.id')
    .execute();
  const list: Static<typeof DayBooking>[] = bookings.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    reference: row.reference,
    title: row.title,
    stage: row.stage,
    via: row.via,
    bookedAt: row.booked_at,
    cancelledAt: row.cancelled_at,
  }));
  return { ...day, bookings: list };
}

/** One day with the cases booked on it: for the office and for the leader who receives. */
export async function getReceptionDay(ctx: Context, props: { actor: Actor; dayId: string }): Promise<Static<typeof ReceptionDayDetail>> {
  const detail = await dayDetail(ctx.db, props.dayId);
  if (!can(props.actor, 'reception.manage') && !(props.actor.role === 'leader' && props.actor.id === detail.leaderId)) throw forbidden();
  return detail;
}

function text(value: string | undefined, field: string, max: number): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') throw invalid(field, 'write it out.', { code: 'required' });
  if ([...trimmed].length > max) throw invalid(field, `must be at most ${max} characters.`, { code: 'too_long', params: { limit: max } });
  return trimmed;
}

/**
 * The office publishes a reception day: which leader (an active user with the leader role)
 * receives, with their office as printed, the unit receiving, when (in the future; ending after it
 * starts, within a day), where, and for how many cases. With an idempotency key a retry answers
 * what the first did and publishes no second day.
 */
export async function createReceptionDay(ctx: Context, props: { actor: Actor; body: Static<typeof CreateReceptionDayBody> }, idempotency?: IdempotencyKey): Promise<ReceptionDayView> {
  if (!can(props.actor, 'reception.manage')) throw forbidden();
  const body = props.body;
  const title = text(body.title, 'title', receptionLimits.title);
  const titleEn = body.titleEn?.trim() || null;
  const place = text(body.place, 'place', receptionLimits.place);
  const now = ctx.now();
  const problem = receptionTimesProblem({ startsAt: body.startsAt, endsAt: body.endsAt, capacity: body.capacity }, now);
  if (problem) throw invalid(problem.field, `the reception day's ${problem.field} is not right (${problem.code}).`, { code: problem.code, ...(problem.params ? { params: problem.params } : {}) });
  return ctx.db.transaction().execute(async (trx) => {
    if (idempotency) await claimIdempotencyKey(ctx, trx, idempotency);
    const leader = await trx.selectFrom('users').select(['id', 'role', 'unit_id', 'disabled_at']).where('id', '=', body.leaderId).executeTakeFirst();
    if (!leader || leader.role !== 'leader' || leader.disabled_at !== null) throw invalid('leaderId', 'must be an active user with the leader role.', { code: 'not_a_leader' });
    const unitId = body.unitId ?? leader.unit_id;
    if (unitId !== null) {
      const unit = await trx.selectFrom('units').select(['id', 'deactivated_at']).where('id', '=', unitId).executeTakeFirst();
      if (!unit) throw invalid('unitId', 'no such unit.', { code: 'no_such_unit' });
      if (unit.deactivated_at !== null) throw invalid('unitId', 'the unit is deactivated.', { code: 'inactive_unit' });
    }
    const row: ReceptionDaysTable = {
      id: ctx.newId(),
      leader_id: leader.id,
      title,
      title_en: titleEn,
      unit_id: unitId,
      starts_at: new Date(body.startsAt).toISOString(),
      ends_at: new Date(body.endsAt).toISOString(),
      place,
      capacity: body.capacity,
      created_at: now,
      created_by: props.actor.id,
      cancelled_at: null,
      cancelled_by: null,
    };
    await trx.insertInto('reception_days').values(row).execute();
    await recordAudit(trx, { at: now, actorId: props.actor.id, action: 'reception.create', subjectType: 'reception_day', subjectId: row.id, detail: { leaderId: row.leader_id, startsAt: row.starts_at, endsAt: row.ends_at, capacity: row.capacity } });
    const [view] = await receptionDayViews(trx, { ids: [row.id] });
    if (!view) throw new Error('The reception day just written was not found.');
    if (idempotency) await keepIdempotentResult(ctx, trx, idempotency, null, view);
    return view;
  });
}

/**
 * The office cancels a reception day: it leaves the published schedule, and every case booked on it
 * has its booking cancelled with an event on its timeline, in the same transaction.
 */
export async function cancelReceptionDay(ctx: Context, props: { actor: Actor; dayId: string }): Promise<Static<typeof ReceptionDayDetail>> {
  if (!can(props.actor, 'reception.manage')) throw forbidden();
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const day = await trx.selectFrom('reception_days').select(['id', 'cancelled_at', 'starts_at']).where('id', '=', props.dayId).executeTakeFirst();
    if (!day) throw notFound('The reception day');
    if (day.cancelled_at !== null) throw refused('day_cancelled', 'The reception day was cancelled already.', { at: day.cancelled_at });
    const claimed = await trx.updateTable('reception_days').set({ cancelled_at: now, cancelled_by: props.actor.id }).where('id', '=', day.id).where('cancelled_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw refused('day_cancelled', 'The reception day was cancelled already.', { at: now });
    const open = await trx.selectFrom('reception_bookings').select(['id', 'case_id']).where('day_id', '=', day.id).where('cancelled_at', 'is', null).execute();
    await trx.updateTable('reception_bookings').set({ cancelled_at: now, cancelled_by: props.actor.id }).where('day_id', '=', day.id).where('cancelled_at', 'is', null).execute();
    for (const booking of open) {
      await appendEvent(trx, { caseId: booking.case_id, type: 'reception.booking_cancelled', actorId: props.actor.id, at: now, data: { bookingId: booking.id, dayId: day.id, startsAt: day.starts_at, withDay: true } });
    }
    await recordAudit(trx, { at: now, actorId: props.actor.id, action: 'reception.cancel', subjectType: 'reception_day', subjectId: day.id, detail: { bookingsCancelled: open.length } });
    return { detail: await dayDetail(trx, day.id), caseIds: open.map((booking) => booking.case_id) };
  });
  for (const caseId of result.caseIds) ctx.changes.publish({ caseId, type: 'reception.booking_cancelled', at: now });
  return result.detail;
}
