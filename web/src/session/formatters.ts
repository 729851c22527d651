import { useTranslation } from 'react-i18next';
import type { LocalText, Unit } from '../api/types';
import { currentLanguage, type Language } from '../i18n';
import { formatDate, formatDateTime } from '../ui/time';
import { useSession } from './session';

/** Text a plan gives in both languages, in the one asked for when present. */
export function localText(text: LocalText | undefined, language: Language): string {
  if (!text) return '';
  return (language === 'en' ? (text.en ?? text.zh) : (text.zh ?? text.en)) ?? '';
}

export function unitName(unit: Pick<Unit, 'name' | 'nameEn'>, language: Language): string {
  return language === 'en' && unit.nameEn ? unit.nameEn : unit.name;
}

/** Formatting bound to the current language and the jurisdiction's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const { timeZone, units } = useSession();
  const language = currentLanguage(i18n);
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  return {
    language,
    timeZone,
    dateTime: (iso: string) => formatDateTime(iso, language, timeZone),
    date: (iso: string) => formatDate(iso, language, timeZone),
    text: (text: LocalText | undefined) => localText(text, language),
    /** A unit's name by id, in the current language; `fallback` when the unit is unknown. */
    unit: (id: string | null | undefined, fallback = '') => {
      const unit = id ? byId.get(id) : undefined;
      return unit ? unitName(unit, language) : fallback;
    },
  };
}
