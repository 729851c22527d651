import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { calendarProblemCodes, isProblemCode, planProblemCodes, type CalendarProblemCode, type PlanProblemCode, type ProblemParams } from '../../../../src/contract/problems.js';
import { problemText } from '../../forms/problem-text';

/** One problem the server found in a plan's or a calendar's YAML (`error.details.problems`). */
export interface YamlProblem {
  path: string;
  code: string;
  params?: ProblemParams;
  line?: number;
}

const textCodes: readonly string[] = [...planProblemCodes, ...calendarProblemCodes];
type TextProblemCode = PlanProblemCode | CalendarProblemCode;
const isTextProblemCode = (code: string): code is TextProblemCode => textCodes.includes(code);

/** The problems the server found in the YAML, from `error.details.problems`. */
export function problemsOf(details: unknown): YamlProblem[] {
  const problems = (details as { problems?: unknown } | null)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter((item): item is YamlProblem => typeof (item as YamlProblem | null)?.code === 'string' && typeof (item as YamlProblem).path === 'string');
}

/** What a problem says, in the user's language: a field's problem (allowed values listed), or a rule of the file. */
export function yamlProblemText(t: TFunction, problem: Pick<YamlProblem, 'code' | 'params'>): string {
  if (isProblemCode(problem.code)) return problemText(t, { code: problem.code, ...(problem.params ? { params: problem.params } : {}) });
  const params = problem.params ?? {};
  const order = Array.isArray(params.order) ? params.order.map((stage) => t(`stage.${stage}`, { defaultValue: stage })).join(t('problems.separator')) : '';
  if (isTextProblemCode(problem.code)) return t(`editor.problem.${problem.code}`, { ...params, order });
  return t('problems.invalid');
}

/** The character offset where a 1-based line starts. */
export function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset;
}

/** Each problem with its line; choosing one puts the cursor on that line of the editor. `title` names what holds them (a plan by default). */
export function YamlProblems({ problems, onGoTo, title }: { problems: YamlProblem[]; onGoTo: (line: number) => void; title?: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error yaml-problems" role="alert">
      <h2>{title ?? t('editor.problems', { count: problems.length })}</h2>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.line !== undefined ? (
              <button type="button" className="link-button" onClick={() => onGoTo(problem.line ?? 1)}>
                {t('editor.line', { line: problem.line })}
              </button>
            ) : null}{' '}
            {problem.path ? <code>{problem.path}</code> : null} {yamlProblemText(t, problem)}
          </li>
        ))}
      </ul>
    </div>
  );
}
