import { Settings } from 'typebox/system';

/**
 * What is wrong with one field of a request, as a stable code and its parameters: the server's 400
 * (`details.problems`) and the web app's forms both say a problem this way, and each app words the
 * code in its reader's language. Never a sentence to match.
 */
export interface Problem {
  /** The field, in the dotted form `representatives[1].name`; '' for the whole body. */
  field: string;
  code: ProblemCode;
  params?: ProblemParams;
}

export type ProblemParams = Record<string, string | number | string[]>;

export const problemCodes = [
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_few',
  'too_many',
  'not_integer',
  'not_number',
  'wrong_type',
  'one_of',
  'date_time',
  'unknown_field',
  'not_allowed',
  'in_future',
  'in_past',
  /** A reception day that ends at or before it starts. */
  'ends_before_start',
  /** A reception day longer than a day (params.hours). */
  'reception_too_long',
  /** A user named as the leader who receives, who is not an active leader. */
  'not_a_leader',
  'before_notified',
  'no_such_unit',
  'inactive_unit',
  'duplicate_catalogue_entry',
  'transfer_to_own_unit',
  'collective_headcount',
  'individual_headcount',
  'unknown_category',
  'unknown_class',
  'unknown_lawful_channel',
  'no_such_case',
  /** A commitment said to come from a meeting the case does not have. */
  'no_such_meeting',
  'unknown_placeholder',
  'file_type',
  'type_mismatch',
  'file_too_large',
  'unreadable',
  'invalid',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/** What the rules of a plan (beyond its schema) find wrong, and a YAML text that does not parse (core/plan.ts, core/plan-yaml.ts). */
export const planProblemCodes = ['missing_stage', 'duplicate_stage', 'stage_order', 'duplicate_step', 'duplicate_category', 'extension_too_long', 'unknown_placeholder', 'duplicate_class', 'discipline_unit_required', 'duplicate_lawful_channel', 'duplicate_catalogue_entry', 'unknown_unit', 'inactive_unit', 'reminder_point', 'reminder_twice', 'yaml_syntax'] as const;
export type PlanProblemCode = (typeof planProblemCodes)[number];

/** What can be wrong in a calendar file (core/calendar.ts). */
export const calendarProblemCodes = ['yaml_syntax', 'years_list', 'no_years', 'day_list', 'not_a_date', 'day_twice'] as const;
export type CalendarProblemCode = (typeof calendarProblemCodes)[number];

export function isProblemCode(value: unknown): value is ProblemCode {
  return (problemCodes as readonly unknown[]).includes(value);
}

// TypeBox stops after 8 errors by default; a form shows every field's problem at once, so both the
// server and the web app collect them all (a body is at most a megabyte, and each problem is small).
Settings.Set({ maxErrors: 200 });

/** A JSON pointer (`/stages/2/steps/0/id`) as path segments, array indexes as numbers. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Path segments in the dotted form our fields are named by: `stages[2].steps[0].id`. */
export function segmentsToPath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>(
    (path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment),
    '',
  );
}

/** A TypeBox (or Ajv) validation error, as much of it as a problem needs. */
export interface SchemaError {
  keyword?: string;
  instancePath?: string;
  params?: unknown;
  message?: string;
}

interface Params {
  limit?: number;
  type?: string;
  format?: string;
  allowedValue?: unknown;
  allowedValues?: unknown[];
  additionalProperties?: string[];
  requiredProperties?: string[];
  additionalProperty?: string;
  missingProperty?: string;
}

function words(values: unknown[]): string[] {
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
}

/** One error's problem, before the errors at one field are weighed against each other. */
function problemOfError(keyword: string, params: Params): Omit<Problem, 'field'> {
  const limit = params.limit ?? 0;
  switch (keyword) {
    case 'minLength':
      return limit <= 1 ? { code: 'required' } : { code: 'too_short', params: { limit } };
    case 'maxLength':
      return { code: 'too_long', params: { limit } };
    case 'minimum':
    case 'exclusiveMinimum':
      return { code: 'too_small', params: { limit } };
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'too_large', params: { limit } };
    case 'minItems':
      return { code: 'too_few', params: { limit } };
    case 'maxItems':
      return { code: 'too_many', params: { limit } };
    case 'type':
      if (params.type === 'integer') return { code: 'not_integer' };
      if (params.type === 'number') return { code: 'not_number' };
      return { code: 'wrong_type', params: { type: params.type ?? '' } };
    case 'enum':
      return { code: 'one_of', params: { values: words(params.allowedValues ?? []) } };
    case 'const':
      return { code: 'one_of', params: { values: words([params.allowedValue]) } };
    case 'format':
      return params.format === 'date-time' ? { code: 'date_time' } : { code: 'invalid', params: { format: params.format ?? '' } };
    default:
      return { code: 'invalid' };
  }
}

/**
 * The errors at one field as one problem: a union (`Nullable(…)`, a set of literals) fails each
 * branch, so its `const`s become one list of allowed values and its `null` branch says nothing.
 */
function weigh(field: string, found: { keyword: string; params: Params }[]): Problem {
  const consts = found.filter((error) => error.keyword === 'const');
  const allowed = [...new Set(consts.flatMap((error) => words([error.params.allowedValue])))];
  const enums = found.find((error) => error.keyword === 'enum');
  if (consts.length > 0 || enums) {
    const values = [...allowed, ...words(enums?.params.allowedValues ?? [])];
    return { field, code: 'one_of', params: { values } };
  }
  const telling = found.filter((error) => !(error.keyword === 'type' && error.params.type === 'null'));
  const first = telling[0] ?? found[0] ?? { keyword: 'invalid', params: {} };
  return { field, ...problemOfError(first.keyword, first.params) };
}

/** A problem with where it is as path segments (to find its line in a YAML text) and a sentence in English for logs and the command line. */
export interface LocatedProblem extends Problem {
  segments: (string | number)[];
  message: string;
}

interface Found {
  keyword: string;
  params: Params;
  message: string | undefined;
}

function english(problem: Problem, segments: (string | number)[], found: Found[]): string {
  const name = String(segments[segments.length - 1] ?? '');
  if (problem.code === 'unknown_field') return `unknown field "${name}"`;
  if (problem.code === 'required' && found.length === 0) return `missing field "${name}"`;
  const values = problem.params?.values;
  if (problem.code === 'one_of' && Array.isArray(values)) return `must be one of: ${values.join(', ')}`;
  const telling = found.find((error) => !(error.keyword === 'type' && error.params.type === 'null')) ?? found[0];
  return telling?.message ?? 'is not valid';
}

/** Every problem the schema errors name, one per field, in the order the fields were first named, each with where it is. */
export function locatedSchemaProblems(errors: Iterable<SchemaError>, whole = ''): LocatedProblem[] {
  const byField = new Map<string, { segments: (string | number)[]; found: Found[]; settled?: Problem['code'] }>();
  const entry = (segments: (string | number)[]) => {
    const field = segmentsToPath(segments) || whole;
    const known = byField.get(field) ?? { segments, found: [] };
    byField.set(field, known);
    return known;
  };
  for (const error of errors) {
    const keyword = error.keyword ?? 'invalid';
    const params = (error.params ?? {}) as Params;
    const segments = pointerSegments(error.instancePath ?? '');
    // A false sub-schema repeats what additionalProperties says, and anyOf only that a branch failed.
    if (keyword === 'boolean' || keyword === 'anyOf' || keyword === 'oneOf') continue;
    if (keyword === 'additionalProperties' || keyword === 'required') {
      const names = keyword === 'required' ? (params.requiredProperties ?? [params.missingProperty ?? '']) : (params.additionalProperties ?? [params.additionalProperty ?? '']);
      for (const name of names) entry([...segments, name]).settled = keyword === 'required' ? 'required' : 'unknown_field';
      continue;
    }
    entry(segments).found.push({ keyword, params, message: error.message });
  }
  return [...byField].map(([field, { segments, found, settled }]) => {
    const problem: Problem = settled ? { field, code: settled } : weigh(field, found);
    return { ...problem, segments, message: english(problem, segments, settled ? [] : found) };
  });
}

/** Every problem the schema errors name, one per field, in the order the fields were first named. */
export function schemaProblems(errors: Iterable<SchemaError>, whole = ''): Problem[] {
  return locatedSchemaProblems(errors, whole).map(({ field, code, params }) => ({ field, code, ...(params ? { params } : {}) }));
}

/** The problems an error answer carries (`details.problems`), ignoring anything not in that shape. */
export function problemsOf(details: unknown): Problem[] {
  const problems = (details as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.flatMap((item: unknown) => {
    const problem = item as { field?: unknown; code?: unknown; params?: unknown } | null;
    if (typeof problem?.field !== 'string' || !isProblemCode(problem.code)) return [];
    const params = typeof problem.params === 'object' && problem.params !== null ? (problem.params as ProblemParams) : undefined;
    return [{ field: problem.field, code: problem.code, ...(params ? { params } : {}) }];
  });
}
