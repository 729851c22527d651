import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../core/errors.js';
import { en } from './i18n/en.js';
import { zh } from './i18n/zh.js';

// The staff app's side of this is web/src/ui/error-codes.test.ts.
describe('every error the server can answer, in the portal’s words', () => {
  it('has Chinese and English text for every code of the catalogue, and no other', () => {
    const codes = Object.keys(errorCatalogue).sort();
    for (const messages of [zh, en]) {
      expect(Object.keys(messages.errors.codes).sort()).toEqual(codes);
      for (const code of codes) expect(messages.errors.codes[code as keyof typeof errorCatalogue], `${messages.htmlLang} ${code}`).toMatch(/\S/);
    }
    expect(zh.errors.codes.not_found).not.toBe(en.errors.codes.not_found);
  });
});
