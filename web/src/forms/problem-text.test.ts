import { describe, expect, it } from 'vitest';
import { problemCodes, type Problem } from '../../../src/contract/problems.js';
import { createI18n } from '../i18n';
import { problemOfFieldError, problemText, toFieldError } from './problem-text';

describe('a field’s problem, in words', () => {
  it('has Chinese and English words for every problem code', async () => {
    for (const language of ['zh', 'en'] as const) {
      const i18n = await createI18n(language);
      for (const code of problemCodes) {
        expect(i18n.exists(`problems.${code}`), `${language} ${code}`).toBe(true);
      }
    }
  });

  it('fills in the problem’s parameters, listing allowed values in the reader’s way', async () => {
    const zh = (await createI18n('zh')).t;
    const en = (await createI18n('en')).t;
    const oneOf: Problem = { field: 'urgency', code: 'one_of', params: { values: ['normal', 'urgent'] } };
    expect(problemText(en, oneOf)).toBe('Use one of: normal, urgent.');
    expect(problemText(zh, oneOf)).toBe('只能是以下之一：normal、urgent。');
    expect(problemText(en, { code: 'before_notified', params: { at: '2026-01-01T00:00:00Z' } }, () => '1 January')).toBe('This is before the unit was notified (1 January).');
  });

  it('survives being held by react-hook-form', () => {
    const problem: Pick<Problem, 'code' | 'params'> = { code: 'too_long', params: { limit: 200 } };
    expect(problemOfFieldError(toFieldError(problem))).toEqual(problem);
    expect(problemOfFieldError({ type: 'validate', message: 'Some words' })).toEqual({ code: 'invalid' });
  });
});
