import type { TFunction } from 'i18next';
import { localeOf, type Language } from '../i18n';

const minute = 60_000;

/** Under this much time left, a deadline is shown as due soon. */
export const dueSoonMinutes = 48 * 60;

export interface DurationParts {
  days?: number;
  hours?: number;
  minutes?: number;
}

/**
 * How a span of whole minutes is said: minutes under an hour, hours and minutes under two days
 * (when hours still matter), whole days beyond.
 */
export function durationParts(totalMinutes: number): DurationParts {
  const whole = Math.max(0, Math.floor(totalMinutes));
  if (whole < 60) return { minutes: whole };
  if (whole < 48 * 60) {
    const minutes = whole % 60;
    return minutes === 0 ? { hours: Math.floor(whole / 60) } : { hours: Math.floor(whole / 60), minutes };
  }
  return { days: Math.floor(whole / (24 * 60)) };
}

/** A span of minutes in words: "2 h 10 min", "3 days", "2 小时 10 分钟". */
export function formatDuration(t: TFunction, totalMinutes: number): string {
  const parts = durationParts(totalMinutes);
  const words: string[] = [];
  if (parts.days !== undefined) words.push(t('time.day', { count: parts.days }));
  if (parts.hours !== undefined) words.push(t('time.hour', { count: parts.hours }));
  if (parts.minutes !== undefined) words.push(t('time.minute', { count: parts.minutes }));
  return words.join(' ');
}

export interface TimeLeft {
  overdue: boolean;
  dueSoon: boolean;
  /** Whole minutes before (or, when overdue, since) the due time. */
  minutes: number;
}

/** Where a deadline stands at `now` (epoch ms, from the server's clock). */
export function timeLeft(dueAt: string, now: number): TimeLeft {
  const difference = Date.parse(dueAt) - now;
  const minutes = Math.floor(Math.abs(difference) / minute);
  const overdue = difference < 0;
  return { overdue, dueSoon: !overdue && minutes < dueSoonMinutes, minutes };
}

/** "2 h 10 min left", "3 days overdue", "剩余 2 小时 10 分钟", "已逾期 3 天". */
export function timeLeftInWords(t: TFunction, dueAt: string, now: number): string {
  const left = timeLeft(dueAt, now);
  if (left.minutes === 0) return left.overdue ? t('time.justOverdue') : t('time.dueNow');
  const span = formatDuration(t, left.minutes);
  return left.overdue ? t('time.overdue', { span }) : t('time.left', { span });
}

/** A date and time in the jurisdiction's zone, e.g. "2026年11月2日 16:00" or "2 Nov 2026, 16:00". */
export function formatDateTime(iso: string, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short', timeZone, hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** A calendar day (`YYYY-MM-DD`, already local) said briefly: "9月21日", "21 Sept". */
export function formatDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

function zoneOffsetMinutes(epoch: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epoch));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - (epoch - (epoch % 1000))) / minute);
}

/** The `YYYY-MM-DDTHH:mm` a datetime-local input shows for an instant, in the jurisdiction's zone. */
export function toZonedInput(epoch: number, timeZone: string): string {
  const local = new Date(epoch + zoneOffsetMinutes(epoch, timeZone) * minute);
  return local.toISOString().slice(0, 16);
}

/** The UTC instant of a `YYYY-MM-DDTHH:mm` wall time in the jurisdiction's zone, or null if unreadable. */
export function fromZonedInput(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minutes] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minutes);
  // The offset at the guessed instant, corrected once more for a daylight-saving change in between.
  let epoch = wall - zoneOffsetMinutes(wall, timeZone) * minute;
  epoch = wall - zoneOffsetMinutes(epoch, timeZone) * minute;
  return new Date(epoch).toISOString();
}
