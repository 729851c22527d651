import { LineCounter, parseDocument, stringify, isNode } from 'yaml';
import { DomainError } from './errors.js';
import { validatePlan, type PlanDocument, type PlanProblem } from './plan.js';

/** Parses and validates a plan written in YAML; every error names its line and field. */
export function parsePlanYaml(source: string): PlanDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const problems: PlanProblem[] = document.errors.map((error) => ({
      path: '',
      code: 'yaml_syntax',
      params: { yamlCode: error.code },
      line: lineCounter.linePos(error.pos[0]).line,
      message: error.message.split('\n')[0] ?? error.message,
    }));
    const first = problems[0] as { line: number; message: string };
    throw new DomainError('invalid_plan', `The plan is not valid YAML: line ${first.line}: ${first.message}`, {
      details: { problems },
    });
  }
  const locate = (segments: (string | number)[]): number | undefined => {
    // Walk up until a node exists: a missing field is reported at its parent.
    for (let depth = segments.length; depth >= 0; depth -= 1) {
      const node = document.getIn(segments.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return validatePlan(document.toJS(), locate);
}

/** Writes a plan as YAML in the same shape `parsePlanYaml` reads. */
export function planToYaml(plan: PlanDocument): string {
  return stringify(plan, { lineWidth: 0 });
}
