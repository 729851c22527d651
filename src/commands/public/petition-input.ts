import { invalid, type DomainError } from '../../core/errors.js';
import { maxRepresentatives, type CaseKind } from '../../core/types.js';

/**
 * How long each thing a member of the public may type can be. The API schemas, the portal form
 * (`maxlength`) and the commands all read these, so the limits cannot disagree.
 */
export const publicLimits = {
  title: 200,
  description: 5000,
  location: 500,
  name: 100,
  contact: 200,
  headcount: 100_000,
  reason: 2000,
  comment: 2000,
  accessCode: 40,
  reference: 40,
} as const;

/** A petition as the public submits it, already trimmed: empty fields are absent. */
export interface PetitionInput {
  kind: CaseKind;
  category: string;
  title: string;
  description: string;
  location?: string;
  headcount?: number;
  representatives?: { name: string; contact?: string }[];
  /** Absent for an anonymous petition. */
  petitioner?: { name?: string; contact?: string };
}

type ProblemRule = 'required' | 'too_long' | 'invalid' | 'too_many' | 'not_allowed';

/** One thing wrong with what was typed, named so the portal can say it in the reader's language. */
export interface Problem {
  field: string;
  rule: ProblemRule;
  limit?: number;
}

const sentences: Record<ProblemRule, (limit: number | undefined) => string> = {
  required: () => 'is required.',
  too_long: (limit) => `must be at most ${limit} characters.`,
  invalid: () => 'is not valid.',
  too_many: (limit) => `at most ${limit} are allowed.`,
  not_allowed: () => 'is not allowed here.',
};

/** The first problem as our 400 error, naming the field. */
export function problemError(problem: Problem): DomainError {
  return invalid(problem.field, sentences[problem.rule](problem.limit), { code: problem.rule, ...(problem.limit === undefined ? {} : { params: { limit: problem.limit } }) });
}

function text(problems: Problem[], field: string, value: string | undefined, limit: number, required: boolean): void {
  if (value === undefined || value === '') {
    if (required) problems.push({ field, rule: 'required' });
    return;
  }
  if ([...value].length > limit) problems.push({ field, rule: 'too_long', limit });
}

/** Everything wrong with a petition, in form order; an empty list means it may be registered. */
export function petitionProblems(input: PetitionInput, categoryCodes: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  if (input.kind !== 'individual' && input.kind !== 'collective') problems.push({ field: 'kind', rule: 'invalid' });
  if (!categoryCodes.includes(input.category)) {
    problems.push({ field: 'category', rule: input.category === '' ? 'required' : 'invalid' });
  }
  text(problems, 'title', input.title, publicLimits.title, true);
  text(problems, 'description', input.description, publicLimits.description, true);
  text(problems, 'location', input.location, publicLimits.location, false);
  if (input.headcount !== undefined) {
    const valid = Number.isInteger(input.headcount) && input.headcount >= 1 && input.headcount <= publicLimits.headcount;
    if (input.kind === 'individual' && input.headcount !== 1) problems.push({ field: 'headcount', rule: 'not_allowed' });
    else if (!valid || input.headcount < 2) problems.push({ field: 'headcount', rule: 'invalid' });
  }
  const representatives = input.representatives ?? [];
  if (input.kind === 'individual' && representatives.length > 0) problems.push({ field: 'representatives', rule: 'not_allowed' });
  if (representatives.length > maxRepresentatives) {
    problems.push({ field: 'representatives', rule: 'too_many', limit: maxRepresentatives });
  }
  representatives.slice(0, maxRepresentatives).forEach((rep, index) => {
    text(problems, `representatives[${index}].name`, rep.name, publicLimits.name, true);
    text(problems, `representatives[${index}].contact`, rep.contact, publicLimits.contact, false);
  });
  text(problems, 'petitioner.name', input.petitioner?.name, publicLimits.name, false);
  text(problems, 'petitioner.contact', input.petitioner?.contact, publicLimits.contact, false);
  return problems;
}

/** Trims a typed value; blank becomes absent. */
export function typed(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
