import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { parseCalendarYaml, type Calendar } from '../core/calendar.js';
import { forbidden } from '../core/errors.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import type { Database } from '../db/schema.js';
import { builtinCalendarPath } from '../paths.js';
import { actorId, type Context } from './context.js';

const settingKey = 'calendar';

/** The calendar text in force: the one an admin imported, else the shipped mainland China calendar. */
export async function calendarSourceText(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirst();
  return row?.value ?? readFileSync(builtinCalendarPath(), 'utf8');
}

export async function loadCalendar(db: Kysely<Database>): Promise<Calendar> {
  return parseCalendarYaml(await calendarSourceText(db));
}

/** Replaces the holiday calendar (validated first; a bad date names its line) and applies it at once. */
export async function importCalendar(ctx: Context, props: { actor: Actor | null; source: string }): Promise<Calendar> {
  if (props.actor && !can(props.actor, 'settings.manage')) throw forbidden('Only an admin can replace the calendar.');
  const calendar = parseCalendarYaml(props.source);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('settings').where('key', '=', settingKey).execute();
    await trx.insertInto('settings').values({ key: settingKey, value: props.source, updated_at: now, updated_by: actorId(props.actor) }).execute();
    await recordAudit(trx, {
      at: now,
      actorId: actorId(props.actor),
      action: 'calendar.replace',
      subjectType: 'settings',
      subjectId: settingKey,
      detail: { years: calendar.years, holidays: calendar.holidays.size, workdays: calendar.workdays.size },
    });
  });
  ctx.calendar.replace(calendar);
  return calendar;
}
