import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Leaders in person (issue 13 item 6; Art. 18):
 * - reception days (领导接访日): which leader receives petitioners, when (UTC) and where, for how many
 *   cases; published on the portal while not cancelled. The leader's name and title are public (an
 *   official's); the bookings are not;
 * - a booking puts a case (never a person) on a day: by the office, or by the petitioner with the
 *   reference and access code. One active booking of a case per day;
 * - a leader's personal charge of a case (包案): the case carries who and since when, for the
 *   leader's own list and the report of cases in personal charge.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const time = adapter.timestamp;
  await db.schema
    .createTable('reception_days')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
    // The leader's office as printed on the schedule (副县长), in both languages.
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('starts_at', time, (c) => c.notNull())
    .addColumn('ends_at', time, (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('cancelled_at', time)
    .addColumn('cancelled_by', 'text', (c) => c.references('users.id'))
    .execute();
  // The published schedule: the days not cancelled, soonest first.
  await db.schema.createIndex('reception_days_schedule').on('reception_days').columns(['starts_at', 'id']).where(sql.ref('cancelled_at'), 'is', null).execute();

  await db.schema
    .createTable('reception_bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day_id', 'text', (c) => c.notNull().references('reception_days.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // 'office' or 'portal' (the petitioner, by reference and access code).
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('booked_at', time, (c) => c.notNull())
    .addColumn('booked_by', 'text', (c) => c.references('users.id'))
    .addColumn('cancelled_at', time)
    .addColumn('cancelled_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('reception_bookings_open').on('reception_bookings').columns(['day_id', 'case_id']).unique().where(sql.ref('cancelled_at'), 'is', null).execute();
  await db.schema.createIndex('reception_bookings_case').on('reception_bookings').columns(['case_id', 'booked_at']).execute();

  await db.schema.alterTable('cases').addColumn('leader_in_charge_id', 'text', (c) => c.references('users.id')).execute();
  await db.schema.alterTable('cases').addColumn('leader_in_charge_at', time).execute();
  // The leader's own list (the queue's `inCharge` filter) and the report walk only the cases in personal charge.
  await db.schema
    .createIndex('cases_in_charge')
    .on('cases')
    .columns(['leader_in_charge_id', 'received_at', 'id'])
    .where(sql.ref('leader_in_charge_id'), 'is not', null)
    .execute();
}
