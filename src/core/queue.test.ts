import { describe, expect, it } from 'vitest';
import { referenceQuery, referenceStarts } from './queue.js';

/** Whether a reference falls in one of the ranges a query stands for, as the database tests it. */
function finds(typed: string, reference: string): boolean {
  const query = referenceQuery(typed);
  if (!query) return false;
  return query.parts.some(({ start, range, yearEndsWith }) => {
    const value = reference.slice(start - 1);
    const year = yearEndsWith === undefined || reference.slice(0, 4).endsWith(yearEndsWith);
    return year && value >= range.from && (range.below === null || value < range.below);
  });
}

describe('reading a typed reference', () => {
  const reference = '2026-CRKK-QYT6';

  it('finds a reference by its start, its random part or its second group, in any case, with or without dashes', () => {
    for (const typed of ['2026-CRKK', '2026crkk', 'crkk-qyt6', 'crkkqyt6', 'CRKK', 'qyt6', '2026-CRKK-QYT6', ' 2026 crkk qyt6 ', '2026-CRK']) {
      expect(finds(typed, reference), typed).toBe(true);
    }
  });

  it('finds a reference by any run of three or more of its characters, across its dashes, with or without them', () => {
    for (const typed of ['KK-QY', 'kkqy', 'RKKQ', 'rkk-qyt6', 'K-QYT', 'KQY', 'YT6', 'RKK', '26-CRKK', '6crkkqy', '026-CRK', '2026CRKKQYT6']) {
      expect(finds(typed, reference), typed).toBe(true);
    }
  });

  it('reads O as zero and I or L as one, the letters references never hold', () => {
    expect(finds('2O26-crkk', reference)).toBe(true);
    expect(finds('K1M3', '2026-ABCD-K1M3')).toBe(true);
    expect(finds('klm3', '2026-ABCD-K1M3')).toBe(true);
  });

  it('does not find other references', () => {
    for (const typed of ['2026-CRKL', 'crkk-qyt7', '2025-CRKK', 'KKQZ', 'QYT6C', '25-CRKK', '6-CRKQ', 'T6C', 'KK']) {
      expect(finds(typed, reference), typed).toBe(false);
    }
  });

  it('starts every part at a place the migrations index', () => {
    for (const typed of ['2026-CRKK-QYT6', 'KK-QY', '26-CRKK', 'YT6', 'crkk']) {
      for (const part of referenceQuery(typed)?.parts ?? []) expect(referenceStarts, typed).toContain(part.start);
    }
  });

  it('keeps the range right where the last letter is the last of the alphabet', () => {
    expect(finds('2026-ZZ', '2026-ZZ9A-0000')).toBe(true);
    expect(finds('2026-ZZ', '2027-0000-0000')).toBe(false);
    expect(referenceQuery('ZZZ')?.parts.find((part) => part.start === 6)?.range).toEqual({ from: 'ZZZ', below: null });
    expect(referenceQuery('ZZ-ZZ')?.parts.find((part) => part.start === 8)?.range).toEqual({ from: 'ZZ-ZZ', below: null });
  });

  it('says which queries can only be references, so titles need not be searched', () => {
    expect(referenceQuery('crkk-qyt6')?.referenceOnly).toBe(true);
    expect(referenceQuery('2026-CRKK')?.referenceOnly).toBe(true);
    expect(referenceQuery('wage')?.referenceOnly).toBe(false);
    expect(referenceQuery('2026')?.parts.some((part) => part.start === 1)).toBe(false);
    expect(referenceQuery('kkqy')?.referenceOnly).toBe(false);
    // O, I and L are read as 0 and 1 in a reference, but a word made with them is still a word.
    expect(referenceQuery('ceiling')?.referenceOnly).toBe(false);
    expect(referenceQuery('crkk-qyt6'.replace('6', 'G'))?.referenceOnly).toBe(false);
    expect(referenceQuery('2026-CRKO')?.referenceOnly).toBe(true);
    expect(referenceQuery('拖欠工资')).toBeNull();
    expect(referenceQuery('wage arrears!')).toBeNull();
  });
});
