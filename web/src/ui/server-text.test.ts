import { describe, expect, it } from 'vitest';
import { moves, type MoveContext } from '../../../src/core/stages.js';
import { createI18n } from '../i18n';
import { fieldGloss, guardSentences, serverText } from './server-text';

/** Every sentence the stage machine can hold a move back with, from cases that fail every guard. */
function everyGuardSentence(): Set<string> {
  const failing: MoveContext[] = [
    { kind: 'collective', representativeCount: 0, receiveTogether: false, hasLeadAssignment: false, answerCount: 0, answersSinceReview: 0, reviewCount: 2, reviewRequestDueAt: null, now: '2026-11-02T08:00:00.000Z', reason: undefined },
    { kind: 'collective', representativeCount: 0, receiveTogether: false, hasLeadAssignment: false, answerCount: 0, answersSinceReview: 0, reviewCount: 2, reviewRequestDueAt: '2026-01-01T00:00:00.000Z', now: '2026-11-02T08:00:00.000Z', reason: 'a reason' },
  ];
  const sentences = new Set<string>();
  for (const move of moves) {
    for (const guard of move.guards) {
      for (const ctx of failing) {
        const sentence = guard(ctx);
        if (sentence) sentences.add(sentence);
      }
    }
  }
  return sentences;
}

describe('the stage machine’s sentences in Chinese', () => {
  it('has a translation for every sentence a guard can say', () => {
    const sentences = everyGuardSentence();
    expect(sentences.size).toBeGreaterThanOrEqual(7);
    for (const sentence of sentences) expect(Object.keys(guardSentences), sentence).toContain(sentence);
  });

  it('translates them, and leaves any other server message as written', async () => {
    const { t } = await createI18n('zh');
    expect(serverText(t, 'Assign a lead unit responsible for the case first.')).toBe('请先交办牵头责任单位。');
    expect(serverText(t, 'title: must not be empty.')).toBe('title: must not be empty.');
    const english = await createI18n('en');
    for (const sentence of Object.keys(guardSentences)) expect(serverText(english.t, sentence)).toBe(sentence);
  });
});

describe('a field the server says is empty', () => {
  it('is said plainly first, with the server’s words kept', async () => {
    const { t } = await createI18n('zh');
    expect(fieldGloss(t, 'category: must NOT have fewer than 1 characters.')).toBe('此项为必填项。');
    expect(fieldGloss(t, 'title: must not be empty.')).toBe('此项为必填项。');
    expect(fieldGloss(t, 'headcount: a collective case involves at least 2 people.')).toBeNull();
  });
});
