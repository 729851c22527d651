import { describe, expect, it } from 'vitest';
import { guardCodes, judgeMove, type MoveContext } from '../../../src/core/stages.js';
import { createI18n } from '../i18n';
import { errorText, guardText } from './server-text';

describe('what holds a stage move back, in both languages', () => {
  it('has zh and en words for every code the stage machine can give', async () => {
    for (const language of ['zh', 'en'] as const) {
      const i18n = await createI18n(language);
      const { t } = i18n;
      for (const guard of guardCodes) {
        expect(i18n.exists(`guards.${guard}`), `${language} ${guard}`).toBe(true);
        expect(guardText(t, guard)).not.toBe(`guards.${guard}`);
      }
    }
  });

  it('says a refused move from its code and details, never from the server’s sentence', async () => {
    const { t } = await createI18n('zh');
    const late: MoveContext = {
      kind: 'individual',
      representativeCount: 0,
      receiveTogether: false,
      hasLeadAssignment: true,
      answerCount: 1,
      answersSinceReview: 0,
      reviewCount: 0,
      reviewRequestDueAt: '2026-01-01T00:00:00.000Z',
      lastAnswerAt: '2025-12-01T00:00:00.000Z',
      openCommitments: 0,
      now: '2026-11-02T08:00:00.000Z',
      reason: 'Not satisfied.',
    };
    const verdict = judgeMove('closed', 'review', 'petitioner', late);
    if (verdict.ok || verdict.code !== 'guard_failed') throw new Error('expected a guard to hold the review back');
    expect(verdict.details).toEqual({ guard: 'reviewWindowPassed', until: '2026-01-01T00:00:00.000Z' });
    expect(errorText(t, { code: verdict.code, message: verdict.message, details: verdict.details })).toBe('申请复查的期限（答复之日起 30 日）已过。');
  });
});

describe('a field the server says is wrong', () => {
  it('is said from the problem’s code and parameters, never from the server’s sentence', async () => {
    const { t } = await createI18n('zh');
    const empty = { code: 'validation_failed', message: 'category: must NOT have fewer than 1 characters.', details: { problems: [{ field: 'category', code: 'required' }] } };
    expect(errorText(t, empty)).toBe('此项为必填项。');
    const long = { code: 'validation_failed', message: 'Any words.', details: { problems: [{ field: 'title', code: 'too_long', params: { limit: 200 } }] } };
    expect(errorText(t, long)).toBe('最多填写 200 个字。');
    const { t: en } = await createI18n('en');
    expect(errorText(en, long)).toBe('Write at most 200 characters.');
  });
});
