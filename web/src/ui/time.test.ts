import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../i18n';
import { durationParts, formatDateTime, formatDay, formatDuration, fromZonedInput, timeLeft, timeLeftInWords, toZonedInput } from './time';

const now = Date.parse('2026-11-02T08:00:00.000Z');
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

describe('time left in words', () => {
  let zh: TFunction;
  let en: TFunction;
  beforeAll(async () => {
    zh = (await createI18n('zh')).t;
    en = (await createI18n('en')).t;
  });

  it('says minutes under an hour, hours and minutes under two days, whole days beyond', () => {
    expect(durationParts(45)).toEqual({ minutes: 45 });
    expect(durationParts(130)).toEqual({ hours: 2, minutes: 10 });
    expect(durationParts(180)).toEqual({ hours: 3 });
    expect(durationParts(47 * 60 + 59)).toEqual({ hours: 47, minutes: 59 });
    expect(durationParts(48 * 60)).toEqual({ days: 2 });
    expect(durationParts(3 * 24 * 60 + 600)).toEqual({ days: 3 });
    expect(durationParts(-5)).toEqual({ minutes: 0 });
  });

  it('speaks English', () => {
    expect(timeLeftInWords(en, at(130), now)).toBe('2 h 10 min left');
    expect(timeLeftInWords(en, at(-3 * 24 * 60 - 30), now)).toBe('3 days overdue');
    expect(timeLeftInWords(en, at(25 * 60), now)).toBe('25 h left');
    expect(timeLeftInWords(en, at(-24 * 60 * 400), now)).toBe('400 days overdue');
    expect(formatDuration(en, 24 * 60 * 2)).toBe('2 days');
    expect(timeLeftInWords(en, at(0.5), now)).toBe('due now');
    expect(timeLeftInWords(en, at(-0.5), now)).toBe('just overdue');
  });

  it('speaks Simplified Chinese', () => {
    expect(timeLeftInWords(zh, at(130), now)).toBe('剩余 2 小时 10 分钟');
    expect(timeLeftInWords(zh, at(-3 * 24 * 60 - 30), now)).toBe('已逾期 3 天');
    expect(timeLeftInWords(zh, at(59), now)).toBe('剩余 59 分钟');
    expect(timeLeftInWords(zh, at(0.5), now)).toBe('即将到期');
  });

  it('marks what is overdue and what is due within two days', () => {
    expect(timeLeft(at(-1), now)).toEqual({ overdue: true, dueSoon: false, minutes: 1 });
    expect(timeLeft(at(47 * 60), now)).toMatchObject({ overdue: false, dueSoon: true });
    expect(timeLeft(at(49 * 60), now)).toMatchObject({ overdue: false, dueSoon: false });
  });
});

describe('times in the jurisdiction’s zone', () => {
  it('shows an instant as the wall time of the zone, whatever the browser’s own zone', () => {
    expect(formatDateTime('2026-11-02T08:00:00.000Z', 'zh', 'Asia/Shanghai')).toBe('2026年11月2日 16:00');
    expect(formatDateTime('2026-11-02T08:00:00.000Z', 'en', 'Asia/Shanghai')).toBe('2 Nov 2026, 16:00');
    expect(formatDay('2026-09-21', 'zh')).toBe('9月21日');
  });

  it('turns a datetime-local value into the instant it means in the zone, and back', () => {
    expect(toZonedInput(Date.parse('2026-11-02T08:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-11-02T16:00');
    expect(fromZonedInput('2026-11-02T16:00', 'Asia/Shanghai')).toBe('2026-11-02T08:00:00.000Z');
    // Either side of a daylight-saving change.
    expect(fromZonedInput('2026-03-29T01:30', 'Europe/Berlin')).toBe('2026-03-29T00:30:00.000Z');
    expect(fromZonedInput('2026-03-29T04:30', 'Europe/Berlin')).toBe('2026-03-29T02:30:00.000Z');
    expect(toZonedInput(Date.parse('2026-07-01T10:00:00.000Z'), 'Europe/Berlin')).toBe('2026-07-01T12:00');
    expect(fromZonedInput('yesterday', 'Asia/Shanghai')).toBeNull();
  });
});
