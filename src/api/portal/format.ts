import type { PortalLanguage } from './i18n/index.js';

/** A time as the reader expects it: in the jurisdiction's time zone, in their language. */
export function formatTime(iso: string | null, language: PortalLanguage, timeZone: string): string {
  if (!iso) return '—';
  const locale = language === 'zh' ? 'zh-CN' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}
