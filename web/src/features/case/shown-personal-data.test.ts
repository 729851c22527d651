import { describe, expect, it } from 'vitest';
import { keepShownPersonalData } from './shown-personal-data';

const read = {
  id: 'case-1',
  petitioner: { name: '王秀英', contact: '13800000000' },
  representatives: [{ id: 'rep-1', position: 0, name: '李明', contact: null }],
  personalData: { withheld: false, mayReveal: false, sent: true },
};
const answer = {
  id: 'case-1',
  stage: 'decision',
  petitioner: { name: null, contact: null },
  representatives: [{ id: 'rep-1', position: 0, name: null, contact: null }],
  personalData: { withheld: false, mayReveal: false, sent: false },
};

describe('names and contacts after an action', () => {
  it('stay as the last read of the case showed them, beside what the action changed', () => {
    const kept = keepShownPersonalData(read, answer);
    expect(kept.stage).toBe('decision');
    expect(kept.petitioner).toEqual(read.petitioner);
    expect(kept.representatives).toEqual(read.representatives);
    expect(kept.personalData.sent).toBe(true);
  });

  it('are never carried over from another case, nor made up when the last read did not show them', () => {
    expect(keepShownPersonalData({ ...read, id: 'case-2' }, answer)).toBe(answer);
    expect(keepShownPersonalData({ ...read, personalData: { withheld: true, mayReveal: true, sent: false } }, answer)).toBe(answer);
    expect(keepShownPersonalData(undefined, answer)).toBe(answer);
  });

  it('come from an answer that carries them', () => {
    const opened = { ...answer, petitioner: { name: '张三', contact: null }, personalData: { ...answer.personalData, sent: true } };
    expect(keepShownPersonalData(read, opened)).toBe(opened);
  });
});
