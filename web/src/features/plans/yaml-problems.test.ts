import { describe, expect, it } from 'vitest';
import { lineOffset, problemsOf } from './yaml-problems';

describe('problems in a plan’s YAML', () => {
  it('reads the problems the server listed, and ignores anything else', () => {
    expect(problemsOf({ problems: [{ path: 'deadlines.acceptDays', message: 'must be integer', line: 96 }, { nonsense: true }] })).toEqual([
      { path: 'deadlines.acceptDays', message: 'must be integer', line: 96 },
    ]);
    expect(problemsOf(undefined)).toEqual([]);
    expect(problemsOf({ problems: 'no' })).toEqual([]);
  });

  it('finds where a line starts, for putting the cursor on it', () => {
    const text = 'key: x\nname:\n  zh: 名\n';
    expect(lineOffset(text, 1)).toBe(0);
    expect(lineOffset(text, 3)).toBe(text.indexOf('  zh'));
    expect(lineOffset(text, 99)).toBe(text.length);
  });
});
