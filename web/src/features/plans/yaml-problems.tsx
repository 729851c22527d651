import { useTranslation } from 'react-i18next';

export interface PlanProblem {
  path: string;
  message: string;
  line?: number;
}

/** The problems the server found in the YAML, from `error.details.problems`. */
export function problemsOf(details: unknown): PlanProblem[] {
  const problems = (details as { problems?: unknown } | null)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.filter((item): item is PlanProblem => typeof (item as PlanProblem | null)?.message === 'string');
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
export function YamlProblems({ problems, onGoTo, title }: { problems: PlanProblem[]; onGoTo: (line: number) => void; title?: string }) {
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
            {problem.path ? <code>{problem.path}</code> : null} {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
