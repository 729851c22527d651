import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { statutoryDefaults } from './deadlines.js';
import { DomainError } from './errors.js';
import { localText, noticeTemplate, planStage, validatePlan, type PlanDocument, type PlanProblem } from './plan.js';
import { defaultNoticeTemplates, fillTemplate, noticeKinds, renderNotice } from './written-notices.js';
import { parsePlanYaml, planToYaml } from './plan-yaml.js';
import { planStages } from './types.js';

const builtInPath = new URL('../../plans/county-major-urgent.yaml', import.meta.url);
const builtInYaml = readFileSync(builtInPath, 'utf8');

/** Runs `fn`, expecting it to throw `invalid_plan`, and returns the error. */
function planError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.code).toBe('invalid_plan');
    expect(domainError.status).toBe(400);
    return domainError;
  }
  throw new Error('Expected the plan to be refused.');
}

function problemsOf(error: DomainError): PlanProblem[] {
  return (error.details as { problems: PlanProblem[] }).problems;
}

/** The 1-based line of the first line of `text` that equals `line`. */
function lineOf(text: string, line: string): number {
  const index = text.split('\n').indexOf(line);
  if (index < 0) throw new Error(`No line ${JSON.stringify(line)} in the YAML under test.`);
  return index + 1;
}

/** Every `{zh, en}` text object anywhere in a value. */
function localTexts(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(localTexts);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 0 && keys.every((key) => key === 'zh' || key === 'en')) return [record];
  return Object.values(record).flatMap(localTexts);
}

/**
 * A small plan written by hand. Line numbers matter: line 8 is `acceptDays`, line 16 `categories:`,
 * line 21 `stages:`; each stage block is 8 lines, the prevention stage starting on line 22.
 */
const tinyLines = [
  'key: tiny', // 1
  'name: {en: Tiny plan}', // 2
  'purpose: {zh: 测试, en: For tests}', // 3
  'principles: []', // 4
  'organisation: []', // 5
  'deadlines:', // 6
  '  dayKind: calendar', // 7
  '  acceptDays: 15', // 8
  '  concludeDays: 60', // 9
  '  extensionMaxDays: 30', // 10
  '  reviewRequestDays: 30', // 11
  '  reviewConcludeDays: 30', // 12
  '  acknowledgeMinutes: 30', // 13
  '  onSceneMinutes: 120', // 14
  '  proposalDays: 5', // 15
  'categories:', // 16
  '  - code: housing', // 17
  '    name: {en: Housing}', // 18
  '  - code: other', // 19
  '    name: {en: Other}', // 20
  'stages:', // 21
  ...planStages.flatMap((stage) => [
    `  - key: ${stage}`,
    `    name: {en: ${stage}}`,
    '    requirements: []',
    '    steps:',
    `      - id: ${stage}-first`,
    '        text: {en: First}',
    '    cautions: []',
    '    staffing: []',
  ]),
];
const tinyYaml = `${tinyLines.join('\n')}\n`;

/** The tiny plan with `line` (1-based) replaced by, or followed by, other lines. */
function editTiny(line: number, replacement: string[], mode: 'replace' | 'after' = 'replace'): string {
  const lines = [...tinyLines];
  if (mode === 'replace') lines.splice(line - 1, 1, ...replacement);
  else lines.splice(line, 0, ...replacement);
  return `${lines.join('\n')}\n`;
}

describe('the built-in plan', () => {
  const plan = parsePlanYaml(builtInYaml);

  it('validates', () => {
    expect(plan.key).toBe('county-major-urgent');
    expect(validatePlan(plan)).toBe(plan);
  });

  it('has the four stages in order, each with checklist steps', () => {
    expect(plan.stages.map((stage) => stage.key)).toEqual(['prevention', 'reception', 'decision', 'resolution']);
    for (const stage of plan.stages) {
      expect(stage.steps.length, stage.key).toBeGreaterThan(0);
      expect(new Set(stage.steps.map((step) => step.id)).size, stage.key).toBe(stage.steps.length);
    }
    expect(plan.stages[0]?.steps[0]?.id).toBe('record-issue');
    expect(planStage(plan, 'decision')).toBe(plan.stages[2]);
  });

  it('gives every text in both Chinese and English', () => {
    const texts = localTexts(plan);
    expect(texts.length).toBeGreaterThan(50);
    const missing = texts.filter((text) => typeof text.zh !== 'string' || typeof text.en !== 'string');
    expect(missing).toEqual([]);
    expect(localText(plan.name, 'zh')).toBe('重大紧急信访事项处置工作预案');
    expect(localText(plan.name, 'en')).toBe('Plan for handling major urgent petitions');
  });

  it('uses the statutory deadlines and has categories and an organisation', () => {
    expect(plan.deadlines).toEqual(statutoryDefaults);
    expect(plan.categories.map((category) => category.code)).toContain('other');
    expect(plan.organisation.map((unit) => unit.role)).toEqual([
      'leadership_group',
      'office',
      'responsible_unit',
      'assisting_unit',
      'security',
      'emergency',
    ]);
  });

  it('survives planToYaml → parsePlanYaml unchanged', () => {
    const written = planToYaml(plan);
    expect(written).toContain('key: county-major-urgent');
    const reread = parsePlanYaml(written);
    expect(reread).toEqual(plan);
    expect(planToYaml(reread)).toBe(written);
  });

  it('refuses the plan without its decision stage, naming the stage', () => {
    const start = builtInYaml.indexOf('  - key: decision\n');
    const end = builtInYaml.indexOf('  - key: resolution\n');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const withoutDecision = builtInYaml.slice(0, start) + builtInYaml.slice(end);

    const error = planError(() => parsePlanYaml(withoutDecision));
    expect(error.message).toContain('missing stage "decision"');
    expect(problemsOf(error)).toEqual([
      // A problem with the list as a whole is placed where the list begins, at its first item.
      { path: 'stages', code: 'missing_stage', params: { stage: 'decision' }, message: 'missing stage "decision"', line: lineOf(withoutDecision, '  - key: prevention') },
    ]);
  });

  it('names an unknown field in the real plan with its own line', () => {
    const edited = builtInYaml.replace('  proposalDays: 5\n', '  proposalDays: 5\n  graceDays: 2\n');
    const error = planError(() => parsePlanYaml(edited));
    expect(problemsOf(error)).toEqual([
      { path: 'deadlines.graceDays', code: 'unknown_field', message: 'unknown field "graceDays"', line: lineOf(edited, '  graceDays: 2') },
    ]);
  });
});

describe('parsePlanYaml', () => {
  it('reads the hand-written plan, with only the languages it gives', () => {
    const plan = parsePlanYaml(tinyYaml);
    expect(plan.key).toBe('tiny');
    expect(plan.name).toEqual({ en: 'Tiny plan' });
    expect(plan.purpose).toEqual({ zh: '测试', en: 'For tests' });
    expect(plan.stages.map((stage) => stage.steps[0]?.id)).toEqual([
      'prevention-first',
      'reception-first',
      'decision-first',
      'resolution-first',
    ]);
    expect(localText(plan.name, 'zh')).toBe('Tiny plan');
  });

  it('names an unknown top-level field and the line it is on', () => {
    const yaml = editTiny(2, ['colour: blue'], 'after');
    expect(yaml.split('\n')[2]).toBe('colour: blue');
    const error = planError(() => parsePlanYaml(yaml));
    expect(problemsOf(error)).toEqual([{ path: 'colour', code: 'unknown_field', message: 'unknown field "colour"', line: 3 }]);
    expect(problemsOf(error)[0]?.line).toBe(3);
    expect(error.field).toBe('colour');
    expect(error.message).toBe('The plan is not valid: line 3, colour: unknown field "colour".');
  });

  it('names an unknown field inside deadlines at its own line', () => {
    const error = planError(() => parsePlanYaml(editTiny(12, ['  graceDays: 2'], 'after')));
    expect(problemsOf(error)).toEqual([{ path: 'deadlines.graceDays', code: 'unknown_field', message: 'unknown field "graceDays"', line: 13 }]);
  });

  it('names each of several unknown fields separately', () => {
    const error = planError(() => parsePlanYaml(editTiny(7, ['  graceDays: 2', '  holidays: none'], 'after')));
    expect(problemsOf(error)).toEqual([
      { path: 'deadlines.graceDays', code: 'unknown_field', message: 'unknown field "graceDays"', line: 8 },
      { path: 'deadlines.holidays', code: 'unknown_field', message: 'unknown field "holidays"', line: 9 },
    ]);
    expect(error.message).toContain('(and 1 more)');
  });

  it('names an unknown field in a checklist step', () => {
    const idLine = lineOf(tinyYaml, '      - id: decision-first');
    const error = planError(() => parsePlanYaml(editTiny(idLine, ['        owner: office'], 'after')));
    expect(problemsOf(error)).toEqual([
      { path: 'stages[2].steps[0].owner', code: 'unknown_field', message: 'unknown field "owner"', line: idLine + 1 },
    ]);
  });

  it('names a wrong type with its field and line', () => {
    const yaml = editTiny(8, ['  acceptDays: "fifteen"']);
    const error = planError(() => parsePlanYaml(yaml));
    expect(problemsOf(error)).toEqual([{ path: 'deadlines.acceptDays', code: 'not_integer', message: 'must be integer', line: 8 }]);
    expect(error.field).toBe('deadlines.acceptDays');
    expect(error.message).toBe('The plan is not valid: line 8, deadlines.acceptDays: must be integer.');
  });

  it('lists the allowed values of a choice instead of saying "must be equal to constant"', () => {
    const error = planError(() => parsePlanYaml(editTiny(7, ['  dayKind: weekdays'])));
    expect(problemsOf(error)).toEqual([
      { path: 'deadlines.dayKind', code: 'one_of', params: { values: ['calendar', 'working'] }, message: 'must be one of: calendar, working', line: 7 },
    ]);
  });

  it('refuses deadlines out of range', () => {
    const error = planError(() => parsePlanYaml(editTiny(8, ['  acceptDays: 0'])));
    expect(problemsOf(error)[0]).toMatchObject({ path: 'deadlines.acceptDays', line: 8 });
  });

  it('names a missing field, on the line of the object that lacks it', () => {
    const error = planError(() => parsePlanYaml(editTiny(12, [])));
    // `deadlines` is a block map, which begins on the line of its first field.
    expect(problemsOf(error)).toEqual([{ path: 'deadlines.reviewConcludeDays', code: 'required', message: 'missing field "reviewConcludeDays"', line: 7 }]);
  });

  it('reports a duplicated step id at the second one', () => {
    const stepLine = lineOf(tinyYaml, '      - id: reception-first');
    const yaml = editTiny(stepLine + 1, ['        text: {en: First}', '      - id: reception-first', '        text: {en: Again}'], 'replace');
    const error = planError(() => parsePlanYaml(yaml));
    expect(problemsOf(error)).toEqual([
      {
        path: 'stages[1].steps[1].id',
        code: 'duplicate_step',
        params: { id: 'reception-first', stage: 'reception' },
        message: 'step id "reception-first" appears twice in stage "reception"',
        line: stepLine + 2,
      },
    ]);
  });

  it('reports a duplicated category code at the second one', () => {
    const error = planError(() => parsePlanYaml(editTiny(19, ['  - code: housing'])));
    expect(problemsOf(error)).toEqual([
      { path: 'categories[1].code', code: 'duplicate_category', params: { code: 'housing' }, message: 'category code "housing" appears twice', line: 19 },
    ]);
    expect(error.field).toBe('categories[1].code');
  });

  it('reports a stage that appears twice', () => {
    const decisionLine = lineOf(tinyYaml, '  - key: decision');
    const error = planError(() => parsePlanYaml(editTiny(decisionLine, ['  - key: reception'])));
    expect(problemsOf(error)).toEqual([
      { path: 'stages', code: 'missing_stage', params: { stage: 'decision' }, message: 'missing stage "decision"', line: 22 },
      { path: 'stages[2].key', code: 'duplicate_stage', params: { stage: 'reception' }, message: 'stage "reception" appears twice', line: decisionLine },
    ]);
  });

  it('refuses stages out of order', () => {
    const reordered = editTiny(
      lineOf(tinyYaml, '  - key: reception'),
      ['  - key: decision'],
    ).replace('  - key: decision\n    name: {en: decision}', '  - key: reception\n    name: {en: decision}');
    const error = planError(() => parsePlanYaml(reordered));
    expect(problemsOf(error)).toEqual([
      { path: 'stages', code: 'stage_order', params: { order: ['prevention', 'reception', 'decision', 'resolution'] }, message: 'stages must be in the order prevention, reception, decision, resolution', line: 22 },
    ]);
  });

  it('refuses an extension longer than the time to conclude', () => {
    const error = planError(() => parsePlanYaml(editTiny(10, ['  extensionMaxDays: 61'])));
    expect(problemsOf(error)).toEqual([
      { path: 'deadlines.extensionMaxDays', code: 'extension_too_long', message: 'an extension cannot be longer than the time to conclude', line: 10 },
    ]);
  });

  it('refuses a text in neither language', () => {
    const error = planError(() => parsePlanYaml(editTiny(2, ['name: {}'])));
    expect(problemsOf(error)[0]).toMatchObject({ path: 'name', line: 2 });
  });

  it('reports broken YAML syntax with its line', () => {
    const error = planError(() => parsePlanYaml('key: tiny\n\tname: x\n'));
    expect(problemsOf(error)).toEqual([{ path: '', line: 2, code: 'yaml_syntax', params: { yamlCode: 'TAB_AS_INDENT' }, message: 'Tabs are not allowed as indentation' }]);
    expect(error.message).toBe('The plan is not valid YAML: line 2: Tabs are not allowed as indentation');
  });

  it('reports a repeated key as broken YAML at the repeat', () => {
    const error = planError(() => parsePlanYaml(editTiny(4, ['key: again'], 'after')));
    expect(problemsOf(error)[0]).toMatchObject({ line: 5, message: 'Map keys must be unique' });
  });

  it('reports an unclosed flow map with a line', () => {
    const error = planError(() => parsePlanYaml('key: tiny\nname: {en: Tiny\npurpose: x\n'));
    expect(problemsOf(error)[0]?.line).toBe(3);
    expect(error.message).toMatch(/^The plan is not valid YAML: line 3: /);
  });
});

describe('validatePlan on a JavaScript object', () => {
  const plan: PlanDocument = parsePlanYaml(tinyYaml);

  it('returns a valid document as it is', () => {
    expect(validatePlan(plan)).toBe(plan);
  });

  it('names the path but no line', () => {
    const document = { ...plan, colour: 'blue', deadlines: { ...plan.deadlines, acceptDays: 'fifteen' } };
    const error = planError(() => validatePlan(document));
    const problems = problemsOf(error);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'colour', code: 'unknown_field', message: 'unknown field "colour"' },
        { path: 'deadlines.acceptDays', code: 'not_integer', message: 'must be integer' },
      ]),
    );
    for (const problem of problems) expect(problem).not.toHaveProperty('line');
    expect(error.message).not.toMatch(/line \d/);
  });

  it('names the missing stage without a line', () => {
    const error = planError(() => validatePlan({ ...plan, stages: plan.stages.filter((stage) => stage.key !== 'decision') }));
    expect(problemsOf(error)).toEqual([{ path: 'stages', code: 'missing_stage', params: { stage: 'decision' }, message: 'missing stage "decision"' }]);
    expect(error.message).toBe('The plan is not valid: stages: missing stage "decision".');
  });

  it('says "document" when the whole value is wrong', () => {
    const error = planError(() => validatePlan('not a plan'));
    expect(problemsOf(error)[0]?.path).toBe('');
    expect(error.message).toMatch(/^The plan is not valid: document: /);
  });
});

describe('planStage and localText', () => {
  const plan = parsePlanYaml(tinyYaml);

  it('finds a stage by key and refuses an unvalidated plan without it', () => {
    expect(planStage(plan, 'resolution').steps[0]?.id).toBe('resolution-first');
    const broken = { ...plan, stages: plan.stages.slice(0, 1) };
    expect(() => planStage(broken, 'decision')).toThrow('Plan tiny has no stage decision; it was not validated.');
  });

  it('falls back to whichever language there is', () => {
    expect(localText({ zh: '中文', en: 'English' }, 'en')).toBe('English');
    expect(localText({ zh: '中文', en: 'English' }, 'zh')).toBe('中文');
    expect(localText({ zh: '中文' }, 'en')).toBe('中文');
    expect(localText({ en: 'English' }, 'zh')).toBe('English');
  });
});

describe('the written notices a plan carries', () => {
  it('the built-in plan carries a template for every kind in zh and en, each placeholder known', () => {
    const plan = parsePlanYaml(builtInYaml);
    for (const kind of noticeKinds) {
      const template = plan.notices?.[kind];
      expect(template?.title.zh && template.title.en && template.body.zh && template.body.en, kind).toBeTruthy();
    }
    expect(plan.notices?.handling_opinion?.body.zh).toContain('{{reviewDeadline}}');
  });

  it('the built-in plan carries the same texts as the built-in templates', () => {
    expect(parsePlanYaml(builtInYaml).notices).toEqual(defaultNoticeTemplates);
  });

  it('keeps one stop where a value ends its own sentence, and leaves out a paragraph whose placeholders are all empty', () => {
    expect(fillTemplate('because {{reason}}. It is due', { reason: 'the archive is far.' }, 'en')).toBe('because the archive is far. It is due');
    expect(fillTemplate('因{{reason}}，经批准', { reason: '需调取档案。' }, 'zh')).toBe('因需调取档案，经批准');
    expect(fillTemplate('理由：{{reason}}。', { reason: '不属于本机关职责' }, 'zh')).toBe('理由：不属于本机关职责。');
    const template = defaultNoticeTemplates.non_acceptance;
    const declined = renderNotice(template, { reference: 'R', category: { zh: '拖欠工资', en: 'Wage arrears' }, reason: '重复信访。', channel: '', howTo: '' });
    expect(declined.zh.body).toBe('您反映的信访事项（编号 R，拖欠工资）不予作为信访事项受理。\n\n理由：重复信访。');
    expect(declined.en.body).not.toContain('channel');
  });

  it('names an unknown placeholder as a plan problem, at its line', () => {
    const text = `${tinyYaml}notices:\n  extension:\n    title: { zh: "延期告知", en: "Extension" }\n    body:\n      zh: "延长 {{days}} 日"\n      en: "Extended until {{dueDay}}"\n`;
    const error = planError(() => parsePlanYaml(text));
    expect(problemsOf(error)).toEqual([
      {
        path: 'notices.extension.body.en',
        code: 'unknown_placeholder',
        params: { placeholder: 'dueDay', kind: 'extension', allowed: 'reference, category, title, office, date, days, reason, newDueDate' },
        message: 'the extension notice has no placeholder {{dueDay}} (it may use reference, category, title, office, date, days, reason, newDueDate)',
        line: lineOf(text, '      en: "Extended until {{dueDay}}"'),
      },
    ]);
  });

  it('fills a template, and a plan without notices uses the built-in texts', () => {
    expect(fillTemplate('编号 {{reference}}，{{ date }}', { reference: 'X-1', date: { zh: '2026年1月2日', en: '2 January 2026' } }, 'zh')).toBe('编号 X-1，2026年1月2日');
    const plan = parsePlanYaml(tinyYaml);
    expect(plan.notices).toBeUndefined();
    expect(noticeTemplate(plan, 'transfer')).toBe(defaultNoticeTemplates.transfer);
  });
});
