import { describe, expect, it } from 'vitest';
import { initialLanguage } from '.';
import en from './en.json';
import zh from './zh.json';

/** Every key, with plural suffixes folded, so Chinese (one form) and English (two) compare. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key.replace(/_(one|other)$/, '')}`],
  );
}

describe('the two languages', () => {
  it('have the same strings', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(zh))].sort());
  });

  it('keep the same placeholders in each string', () => {
    const placeholders = (tree: object) =>
      Object.fromEntries(
        Object.entries(flatten(tree)).map(([key, text]) => [key.replace(/_(one|other)$/, ''), [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort()]),
      );
    expect(placeholders(en)).toEqual(placeholders(zh));
  });

  it('start in Chinese, unless the user chose otherwise or the link says so', () => {
    expect(initialLanguage('', null)).toBe('zh');
    expect(initialLanguage('', 'en')).toBe('en');
    expect(initialLanguage('?lang=en', 'zh')).toBe('en');
    expect(initialLanguage('?lang=fr', 'xx')).toBe('zh');
  });
});

function flatten(tree: object, prefix = ''): Record<string, string> {
  return Object.assign(
    {},
    ...Object.entries(tree).map(([key, value]) =>
      typeof value === 'object' && value !== null ? flatten(value as object, `${prefix}${key}.`) : { [`${prefix}${key}`]: String(value) },
    ),
  ) as Record<string, string>;
}
