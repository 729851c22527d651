import { describe, expect, it } from 'vitest';
import { parsePlanYaml } from '../../../../src/core/plan-yaml.js';
import { calendarProblemCodes, planProblemCodes } from '../../../../src/contract/problems.js';
import type { DomainError } from '../../../../src/core/errors.js';
import { createI18n } from '../../i18n';
import { lineOffset, problemsOf, yamlProblemText } from './yaml-problems';

describe('problems in a plan’s YAML', () => {
  it('reads the problems the server listed, and ignores anything else', () => {
    const problem = { path: 'deadlines.acceptDays', code: 'not_integer', message: 'must be integer', line: 96 };
    expect(problemsOf({ problems: [problem, { nonsense: true }] })).toEqual([problem]);
    expect(problemsOf(undefined)).toEqual([]);
    expect(problemsOf({ problems: 'no' })).toEqual([]);
  });

  it('has words in both languages for every rule of a plan or a calendar', async () => {
    for (const language of ['zh', 'en'] as const) {
      const i18n = await createI18n(language);
      for (const code of [...planProblemCodes, ...calendarProblemCodes]) expect(i18n.exists(`editor.problem.${code}`), `${language} ${code}`).toBe(true);
    }
  });

  it('lists the allowed values of a choice, and names stages in the reader’s language', async () => {
    let details: unknown;
    try {
      parsePlanYaml('key: x\ndeadlines:\n  dayKind: weekdays\n');
    } catch (error) {
      details = (error as DomainError).details;
    }
    const dayKind = problemsOf(details).find((problem) => problem.path === 'deadlines.dayKind');
    if (!dayKind) throw new Error('expected a problem with dayKind');
    expect(yamlProblemText((await createI18n('en')).t, dayKind)).toBe('Use one of: calendar, working.');
    expect(yamlProblemText((await createI18n('zh')).t, dayKind)).toBe('只能是以下之一：calendar、working。');
    const order = { code: 'stage_order', params: { order: ['prevention', 'reception'] } };
    expect(yamlProblemText((await createI18n('en')).t, order)).toBe('The stages must come in this order: Prevention, Reception.');
  });

  it('finds where a line starts, for putting the cursor on it', () => {
    const text = 'key: x\nname:\n  zh: 名\n';
    expect(lineOffset(text, 1)).toBe(0);
    expect(lineOffset(text, 3)).toBe(text.indexOf('  zh'));
    expect(lineOffset(text, 99)).toBe(text.length);
  });
});
