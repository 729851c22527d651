import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zh from './zh.json';

export const languages = ['zh', 'en'] as const;
export type Language = (typeof languages)[number];

export const resources = { zh: { translation: zh }, en: { translation: en } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof zh };
  }
}

const storageKey = 'redress.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'zh' || value === 'en';
}

/** `?lang=` wins, then what the user chose before; Simplified Chinese otherwise. */
export function initialLanguage(search: string, stored: string | null): Language {
  const asked = new URLSearchParams(search).get('lang');
  if (isLanguage(asked)) return asked;
  return isLanguage(stored) ? stored : 'zh';
}

/** The locale for dates and numbers in a language. */
export const localeOf = (language: Language): string => (language === 'zh' ? 'zh-CN' : 'en-GB');

/** A standalone i18next instance (the app uses the global one; tests make their own). */
export async function createI18n(language: Language, instance: I18n = i18next.createInstance()): Promise<I18n> {
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'zh',
    interpolation: { escapeValue: false },
  });
  return instance;
}

function reflect(language: Language): void {
  document.documentElement.lang = localeOf(language);
}

/** Starts the app's i18next with the remembered language. */
export async function startI18n(): Promise<I18n> {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(storageKey);
  } catch {
    // storage may be disabled; the default language then applies
  }
  const language = initialLanguage(window.location.search, stored);
  if (language !== stored) remember(language);
  const instance = await createI18n(language, i18next);
  reflect(language);
  return instance;
}

function remember(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // not remembered, but still switched
  }
}

/** Switches the language and remembers the choice in this browser. */
export async function switchLanguage(language: Language): Promise<void> {
  remember(language);
  await i18next.changeLanguage(language);
  reflect(language);
}

/** The current language of the app's i18next. */
export function currentLanguage(instance: I18n = i18next): Language {
  return isLanguage(instance.language) ? instance.language : 'zh';
}
