import { describe, expect, it } from 'vitest';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import zh from '../../web/src/i18n/zh.json' with { type: 'json' };
import { errorReasons, type ErrorReason } from '../core/errors.js';
import { portalMessages } from './portal/i18n/index.js';

const reasons = Object.keys(errorReasons) as ErrorReason[];
const meets = (audience: 'staff' | 'public') => reasons.filter((reason) => (errorReasons[reason].for as readonly string[]).includes(audience)).sort();

// What each code alone says is web/src/ui/error-codes.test.ts and portal/error-codes.test.ts.
describe('every reason the server gives for a refusal, in words', () => {
  it('is worded in zh and en by the staff app, for every reason staff can meet, and no other', () => {
    for (const [language, catalogue] of [['zh', zh], ['en', en]] as const) {
      const words = catalogue.errors.reason as Record<string, string>;
      expect(Object.keys(words).sort(), language).toEqual(meets('staff'));
      for (const reason of meets('staff')) expect(words[reason], `${language} ${reason}`).toMatch(/\S/);
    }
    expect(zh.errors.reason.case_not_open).not.toBe(en.errors.reason.case_not_open);
  });

  it('is worded in zh and en by the portal, for every reason the public can meet, and no other', () => {
    for (const language of ['zh', 'en'] as const) {
      const words = portalMessages[language].errors.reasons as Record<string, string>;
      expect(Object.keys(words).sort(), language).toEqual(meets('public'));
      for (const reason of meets('public')) expect(words[reason], `${language} ${reason}`).toMatch(/\S/);
    }
  });

  it('names each of its parameters once, beside the reason', () => {
    for (const reason of reasons) {
      const { params } = errorReasons[reason];
      expect(new Set(params).size, reason).toBe(params.length);
      expect(params, reason).not.toContain('reason');
    }
  });
});
