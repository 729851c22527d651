import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { pointerSegments, segmentsToPath } from '../contract/problems.js';
import { DomainError } from './errors.js';
import { planStages, type PlanStage } from './types.js';

/** Text a plan shows to people, in Simplified Chinese and/or English. */
export const LocalText = Type.Object(
  {
    zh: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    en: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type LocalText = Static<typeof LocalText>;

const slug = { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 1, maxLength: 64 };

const organisationRoles = [
  'leadership_group',
  'office',
  'responsible_unit',
  'assisting_unit',
  'security',
  'emergency',
] as const;

const Step = Type.Object({ id: Type.String(slug), text: LocalText }, { additionalProperties: false });

const PlanStageSchema = Type.Object(
  {
    key: Type.Enum([...planStages]),
    name: LocalText,
    requirements: Type.Array(LocalText, { default: [] }),
    steps: Type.Array(Step, { maxItems: 50 }),
    cautions: Type.Array(LocalText),
    staffing: Type.Array(LocalText),
  },
  { additionalProperties: false },
);

const days = Type.Integer({ minimum: 1, maximum: 365 });
const minutes = Type.Integer({ minimum: 1, maximum: 60 * 24 * 30 });

const DeadlinePolicySchema = Type.Object(
  {
    dayKind: Type.Union([Type.Literal('calendar'), Type.Literal('working')]),
    acceptDays: days,
    concludeDays: days,
    extensionMaxDays: days,
    reviewRequestDays: days,
    reviewConcludeDays: days,
    acknowledgeMinutes: minutes,
    onSceneMinutes: minutes,
    proposalDays: days,
    /** How long a unit's missed clock stays with the office before it goes up to the leadership group. */
    escalateAfterMinutes: Type.Optional(minutes),
  },
  { additionalProperties: false },
);

export const PlanDocument = Type.Object(
  {
    key: Type.String(slug),
    name: LocalText,
    purpose: LocalText,
    principles: Type.Array(LocalText, { maxItems: 100 }),
    organisation: Type.Array(
      Type.Object(
        {
          role: Type.Enum([...organisationRoles]),
          name: LocalText,
          duties: Type.Array(LocalText),
        },
        { additionalProperties: false },
      ),
    ),
    deadlines: DeadlinePolicySchema,
    categories: Type.Array(
      Type.Object({ code: Type.String(slug), name: LocalText }, { additionalProperties: false }),
      { minItems: 1, maxItems: 500 },
    ),
    stages: Type.Array(PlanStageSchema, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type PlanDocument = Static<typeof PlanDocument>;
type PlanStageDocument = PlanDocument['stages'][number];

export interface PlanProblem {
  /** Where in the document, as a dotted path such as `stages[2].steps[0].id`. */
  path: string;
  message: string;
  /** 1-based line in the source text, when the plan came from YAML. */
  line?: number;
}

const check = Compile(PlanDocument);

interface LocatedProblem {
  segments: (string | number)[];
  message: string;
}

function shapeProblems(document: unknown): LocatedProblem[] {
  if (check.Check(document)) return [];
  const seen = new Set<string>();
  const problems: LocatedProblem[] = [];
  const add = (segments: (string | number)[], message: string): void => {
    const key = `${JSON.stringify(segments)}|${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ segments, message });
  };
  for (const error of check.Errors(document)) {
    // A false sub-schema repeats what `additionalProperties` already says, less clearly.
    if (error.keyword === 'boolean') continue;
    const segments = pointerSegments(error.instancePath);
    const params = error.params as { additionalProperties?: string[]; requiredProperties?: string[] };
    if (error.keyword === 'additionalProperties' && params.additionalProperties) {
      // Each unknown field is its own problem, placed at the field so its line is the field's line.
      for (const name of params.additionalProperties) add([...segments, name], `unknown field "${name}"`);
      continue;
    }
    if (error.keyword === 'required' && params.requiredProperties) {
      // Named at the missing field's path (its line is the parent's, where it should be added).
      for (const name of params.requiredProperties) add([...segments, name], `missing field "${name}"`);
      continue;
    }
    add(segments, error.message);
  }
  return problems;
}

function ruleProblems(plan: PlanDocument): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const keys = plan.stages.map((stage) => stage.key);
  for (const stage of planStages) {
    if (!keys.includes(stage)) problems.push({ segments: ['stages'], message: `missing stage "${stage}"` });
  }
  keys.forEach((key, index) => {
    if (keys.indexOf(key) !== index) {
      problems.push({ segments: ['stages', index, 'key'], message: `stage "${key}" appears twice` });
    }
  });
  const expectedOrder = planStages.filter((stage) => keys.includes(stage));
  if (problems.length === 0 && keys.join() !== expectedOrder.join()) {
    problems.push({ segments: ['stages'], message: `stages must be in the order ${planStages.join(', ')}` });
  }
  plan.stages.forEach((stage, stageIndex) => {
    const ids = stage.steps.map((step) => step.id);
    ids.forEach((id, stepIndex) => {
      if (ids.indexOf(id) !== stepIndex) {
        problems.push({
          segments: ['stages', stageIndex, 'steps', stepIndex, 'id'],
          message: `step id "${id}" appears twice in stage "${stage.key}"`,
        });
      }
    });
  });
  const codes = plan.categories.map((category) => category.code);
  codes.forEach((code, index) => {
    if (codes.indexOf(code) !== index) {
      problems.push({ segments: ['categories', index, 'code'], message: `category code "${code}" appears twice` });
    }
  });
  if (plan.deadlines.extensionMaxDays > plan.deadlines.concludeDays) {
    problems.push({
      segments: ['deadlines', 'extensionMaxDays'],
      message: 'an extension cannot be longer than the time to conclude',
    });
  }
  return problems;
}

/**
 * Checks a parsed plan document. `locate` maps a path to a source line where the plan came from text.
 * Throws `invalid_plan` listing every problem; returns the typed document otherwise.
 */
export function validatePlan(
  document: unknown,
  locate: (segments: (string | number)[]) => number | undefined = () => undefined,
): PlanDocument {
  const located = shapeProblems(document);
  const problems = located.length > 0 ? located : ruleProblems(document as PlanDocument);
  if (problems.length === 0) return document as PlanDocument;
  const listed: PlanProblem[] = problems.map(({ segments, message }) => {
    const line = locate(segments);
    return { path: segmentsToPath(segments), message, ...(line === undefined ? {} : { line }) };
  });
  const first = listed[0] as PlanProblem;
  const where = first.line === undefined ? first.path : `line ${first.line}, ${first.path}`;
  const more = listed.length > 1 ? ` (and ${listed.length - 1} more)` : '';
  throw new DomainError('invalid_plan', `The plan is not valid: ${where || 'document'}: ${first.message}${more}.`, {
    field: first.path,
    details: { problems: listed },
  });
}

/** The stage of a plan with the given key; plans are validated to have every one. */
export function planStage(plan: PlanDocument, key: PlanStage): PlanStageDocument {
  const stage = plan.stages.find((candidate) => candidate.key === key);
  if (!stage) throw new Error(`Plan ${plan.key} has no stage ${key}; it was not validated.`);
  return stage;
}

/** Picks the text for a language, falling back to whichever language the plan has. */
export function localText(text: LocalText, language: 'zh' | 'en'): string {
  return text[language] ?? text.zh ?? text.en ?? '';
}
