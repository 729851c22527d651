import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { locatedSchemaProblems, segmentsToPath, type PlanProblemCode, type ProblemCode, type ProblemParams } from '../contract/problems.js';
import { statutoryDefaults } from './deadlines.js';
import { DomainError } from './errors.js';
import { reminderPointPattern, reminderPointProblem } from './ladder.js';
import { matterClasses } from './matter.js';
import { planStages, type PlanStage } from './types.js';
import { allowedPlaceholders, defaultNoticeTemplates, noticeKinds, placeholdersIn, type NoticeKind, type NoticeTemplate } from './written-notices.js';

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
    /** The receiving body's time to tell the petitioner whether it accepts a transferred or assigned case (Art. 23); 15 when left out. */
    transferReplyDays: Type.Optional(days),
  },
  { additionalProperties: false },
);

/**
 * The supervision ladder (core/ladder.ts, Art. 39–40): when a clock is reminded before it runs out
 * ("2/3" of its time, "last-working-day"), how long after a miss each step up the chain follows the
 * one before, and the unit's days for its written feedback on a supervision notice.
 */
const SupervisionSchema = Type.Object(
  {
    remindAt: Type.Optional(Type.Array(Type.String({ pattern: reminderPointPattern }), { maxItems: 10 })),
    escalateAfterMinutes: Type.Optional(Type.Array(minutes, { minItems: 1, maxItems: 20 })),
    feedbackDays: Type.Optional(days),
  },
  { additionalProperties: false },
);

/**
 * The office's call-back and rework (core/callbacks.ts; issue 13 item 3): the days from a written
 * answer to its call-back (回访), and the unit's days to redo a case sent back (发回重办).
 */
const CallbackSchema = Type.Object(
  {
    days: Type.Optional(days),
    reworkDays: Type.Optional(days),
  },
  { additionalProperties: false },
);

const NoticeTemplateSchema = Type.Object({ title: LocalText, body: LocalText }, { additionalProperties: false });

/** The written notices' templates (core/written-notices.ts): any kind left out uses the built-in text. */
const NoticeTemplatesSchema = Type.Object(
  Object.fromEntries(noticeKinds.map((kind) => [kind, Type.Optional(NoticeTemplateSchema)])) as Record<NoticeKind, Type.TOptional<typeof NoticeTemplateSchema>>,
  { additionalProperties: false },
);

/** A class of matter the plan uses (core/matter.ts), its name and its own clock. */
const MatterClassSchema = Type.Object(
  {
    code: Type.Enum([...matterClasses]),
    name: LocalText,
    /** The class's own time to conclude from acceptance, instead of the deadlines' concludeDays (an inquiry's short limit). */
    concludeDays: Type.Optional(days),
    /** For `report`: the name of the discipline inspection unit in the unit tree, to which reports are routed (Art. 30). */
    disciplineUnit: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** A lawful channel (Art. 31 (1)–(5)): a matter that belongs there is not worked as a petition; the petitioner is told how to use it. */
const LawfulChannelSchema = Type.Object(
  {
    code: Type.String(slug),
    /** Which item of Art. 31 (1–5) the channel stands for. */
    article: Type.Integer({ minimum: 1, maximum: 5 }),
    name: LocalText,
    /** How the petitioner uses the channel: the wording of the written notice. */
    howTo: LocalText,
    /** The office's own clock once the channel is recorded: the notice is sent and the case closed within these days. */
    answerDays: days,
  },
  { additionalProperties: false },
);

const unitName = Type.String({ minLength: 1, maxLength: 200 });

/**
 * One entry of the routing catalogue (派单目录): a category in an area goes to a lead unit, with
 * assisting units. Units are named as in the unit tree; an entry without an area covers the whole
 * jurisdiction, and one for an area (a township, or any unit of the tree) wins inside it.
 */
const CatalogueEntrySchema = Type.Object(
  {
    category: Type.String(slug),
    area: Type.Optional(unitName),
    lead: unitName,
    assisting: Type.Optional(Type.Array(unitName, { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export type CatalogueEntryDocument = Static<typeof CatalogueEntrySchema>;

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
    /** Reminders, the escalation's schedule and the supervision feedback's days (core/ladder.ts); defaults where left out. */
    supervision: Type.Optional(SupervisionSchema),
    /** The call-back's days after an answer and the rework's days (core/callbacks.ts); 7 and 15 where left out. */
    callback: Type.Optional(CallbackSchema),
    categories: Type.Array(
      Type.Object({ code: Type.String(slug), name: LocalText }, { additionalProperties: false }),
      { minItems: 1, maxItems: 500 },
    ),
    stages: Type.Array(PlanStageSchema, { minItems: 1, maxItems: 10 }),
    notices: Type.Optional(NoticeTemplatesSchema),
    /** The classes of matter (Art. 29–31); a plan without them classifies no case. */
    classes: Type.Optional(Type.Array(MatterClassSchema, { maxItems: matterClasses.length })),
    /** The lawful channels of Art. 31 (1)–(5) and their wording. */
    lawfulChannels: Type.Optional(Type.Array(LawfulChannelSchema, { maxItems: 50 })),
    /** The routing catalogue (派单目录): category × area → lead and assisting units. */
    catalogue: Type.Optional(Type.Array(CatalogueEntrySchema, { maxItems: 2000 })),
    /** What the published figures show: none counting fewer cases than `minimumCases` (5 when left out). */
    reporting: Type.Optional(Type.Object({ minimumCases: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type PlanDocument = Static<typeof PlanDocument>;
type PlanStageDocument = PlanDocument['stages'][number];

export interface PlanProblem {
  /** Where in the document, as a dotted path such as `stages[2].steps[0].id`. */
  path: string;
  /** What is wrong, as a code the apps word (a field's problem, or one of the plan's rules) with its parameters. */
  code: ProblemCode | PlanProblemCode;
  params?: ProblemParams;
  /** The same in English, for logs and the command line. */
  message: string;
  /** 1-based line in the source text, when the plan came from YAML. */
  line?: number;
}

const check = Compile(PlanDocument);

interface LocatedProblem {
  segments: (string | number)[];
  code: PlanProblem['code'];
  params?: ProblemParams;
  message: string;
}

function shapeProblems(document: unknown): LocatedProblem[] {
  if (check.Check(document)) return [];
  return locatedSchemaProblems(check.Errors(document)).map(({ segments, code, params, message }) => ({ segments, code, message, ...(params ? { params } : {}) }));
}

function ruleProblems(plan: PlanDocument): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const keys = plan.stages.map((stage) => stage.key);
  for (const stage of planStages) {
    if (!keys.includes(stage)) problems.push({ segments: ['stages'], code: 'missing_stage', params: { stage }, message: `missing stage "${stage}"` });
  }
  keys.forEach((key, index) => {
    if (keys.indexOf(key) !== index) {
      problems.push({ segments: ['stages', index, 'key'], code: 'duplicate_stage', params: { stage: key }, message: `stage "${key}" appears twice` });
    }
  });
  const expectedOrder = planStages.filter((stage) => keys.includes(stage));
  if (problems.length === 0 && keys.join() !== expectedOrder.join()) {
    problems.push({ segments: ['stages'], code: 'stage_order', params: { order: [...planStages] }, message: `stages must be in the order ${planStages.join(', ')}` });
  }
  plan.stages.forEach((stage, stageIndex) => {
    const ids = stage.steps.map((step) => step.id);
    ids.forEach((id, stepIndex) => {
      if (ids.indexOf(id) !== stepIndex) {
        problems.push({
          segments: ['stages', stageIndex, 'steps', stepIndex, 'id'],
          code: 'duplicate_step',
          params: { id, stage: stage.key },
          message: `step id "${id}" appears twice in stage "${stage.key}"`,
        });
      }
    });
  });
  const codes = plan.categories.map((category) => category.code);
  codes.forEach((code, index) => {
    if (codes.indexOf(code) !== index) {
      problems.push({ segments: ['categories', index, 'code'], code: 'duplicate_category', params: { code }, message: `category code "${code}" appears twice` });
    }
  });
  const classCodes = (plan.classes ?? []).map((item) => item.code);
  classCodes.forEach((code, index) => {
    if (classCodes.indexOf(code) !== index) {
      problems.push({ segments: ['classes', index, 'code'], code: 'duplicate_class', params: { code }, message: `class "${code}" appears twice` });
    }
  });
  (plan.classes ?? []).forEach((item, index) => {
    if (item.code === 'report' && item.disciplineUnit === undefined) {
      problems.push({ segments: ['classes', index, 'disciplineUnit'], code: 'discipline_unit_required', message: 'the report class names the discipline inspection unit' });
    }
  });
  const channelCodes = (plan.lawfulChannels ?? []).map((item) => item.code);
  channelCodes.forEach((code, index) => {
    if (channelCodes.indexOf(code) !== index) {
      problems.push({ segments: ['lawfulChannels', index, 'code'], code: 'duplicate_lawful_channel', params: { code }, message: `lawful channel "${code}" appears twice` });
    }
  });
  problems.push(...catalogueRuleProblems(plan, codes));
  if (plan.deadlines.extensionMaxDays > plan.deadlines.concludeDays) {
    problems.push({
      segments: ['deadlines', 'extensionMaxDays'],
      code: 'extension_too_long',
      message: 'an extension cannot be longer than the time to conclude',
    });
  }
  const points = plan.supervision?.remindAt ?? [];
  points.forEach((point, index) => {
    const problem = reminderPointProblem(point);
    if (problem !== null) problems.push({ segments: ['supervision', 'remindAt', index], code: 'reminder_point', params: { point }, message: `"${point}": ${problem}` });
    else if (points.indexOf(point) !== index) problems.push({ segments: ['supervision', 'remindAt', index], code: 'reminder_twice', params: { point }, message: `the reminder point "${point}" appears twice` });
  });
  for (const kind of noticeKinds) {
    const template = plan.notices?.[kind];
    if (!template) continue;
    const allowed = allowedPlaceholders(kind);
    for (const part of ['title', 'body'] as const) {
      for (const language of ['zh', 'en'] as const) {
        for (const name of placeholdersIn(template[part][language] ?? '')) {
          if (allowed.includes(name)) continue;
          problems.push({
            segments: ['notices', kind, part, language],
            code: 'unknown_placeholder',
            params: { placeholder: name, kind, allowed: allowed.join(', ') },
            message: `the ${kind} notice has no placeholder {{${name}}} (it may use ${allowed.join(', ')})`,
          });
        }
      }
    }
  }
  return problems;
}

/** The catalogue's own rules: each entry names a category of the plan, and a category × area appears once. */
function catalogueRuleProblems(plan: PlanDocument, categoryCodes: readonly string[]): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const seen = new Set<string>();
  (plan.catalogue ?? []).forEach((entry, index) => {
    if (!categoryCodes.includes(entry.category)) {
      problems.push({ segments: ['catalogue', index, 'category'], code: 'unknown_category', params: { values: [...categoryCodes] }, message: `"${entry.category}" is not a category of the plan` });
    }
    const key = `${entry.category}|${entry.area ?? ''}`;
    if (seen.has(key)) {
      problems.push({
        segments: ['catalogue', index],
        code: 'duplicate_catalogue_entry',
        params: { category: entry.category, area: entry.area ?? '' },
        message: `the catalogue has "${entry.category}"${entry.area ? ` in ${entry.area}` : ''} twice`,
      });
    }
    seen.add(key);
  });
  return problems;
}

/** A unit of the tree as the catalogue check sees it: its name and whether it still takes cases. */
export interface CatalogueUnit {
  name: string;
  active: boolean;
}

/**
 * The catalogue's units checked against the unit tree. A deactivated unit takes no new cases, so an
 * entry naming one is refused: throws `invalid_plan` naming the first such field (`catalogue[2].lead`),
 * listing every one. A name the tree does not have (yet) is not refused: a plan copied from another
 * county names its units; that entry proposes nothing until a unit of that name is added. Those are
 * returned, for the plan's page to show beside the plan.
 */
export function checkCatalogueUnits(plan: PlanDocument, units: readonly CatalogueUnit[]): CatalogueUnitProblem[] {
  const { refused, waiting } = catalogueUnitProblems(plan, units);
  const first = refused[0];
  if (!first) return waiting;
  throw new DomainError('invalid_plan', `The plan is not valid: ${first.path}: ${first.message}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''}.`, {
    field: first.path,
    details: { problems: refused },
  });
}

/** A catalogue field naming a unit the tree does not have, or has deactivated. */
export interface CatalogueUnitProblem extends PlanProblem {
  code: 'unknown_unit' | 'inactive_unit';
  params: { name: string };
}

/** Each catalogue field naming a deactivated unit (`refused`) or a name the tree does not have (`waiting`). */
export function catalogueUnitProblems(plan: PlanDocument, units: readonly CatalogueUnit[]): { refused: CatalogueUnitProblem[]; waiting: CatalogueUnitProblem[] } {
  const byName = new Map(units.map((unit) => [unit.name, unit]));
  const refused: CatalogueUnitProblem[] = [];
  const waiting: CatalogueUnitProblem[] = [];
  (plan.catalogue ?? []).forEach((entry, index) => {
    const named: [(string | number)[], string][] = [
      ...(entry.area === undefined ? [] : [[['catalogue', index, 'area'], entry.area] as [(string | number)[], string]]),
      [['catalogue', index, 'lead'], entry.lead],
      ...(entry.assisting ?? []).map((name, position) => [['catalogue', index, 'assisting', position], name] as [(string | number)[], string]),
    ];
    for (const [segments, name] of named) {
      const unit = byName.get(name);
      if (unit?.active) continue;
      const path = segmentsToPath(segments);
      if (unit) refused.push({ path, code: 'inactive_unit', params: { name }, message: `${name} is deactivated and takes no new cases` });
      else waiting.push({ path, code: 'unknown_unit', params: { name }, message: `no unit of the tree is named "${name}"; the entry proposes nothing until one is added` });
    }
  });
  return { refused, waiting };
}

/** The days a receiving body has to say whether it accepts a transferred case (Art. 23). */
export function transferReplyDays(plan: PlanDocument): number {
  return plan.deadlines.transferReplyDays ?? statutoryDefaults.transferReplyDays ?? 15;
}

/** The fewest cases a published figure or rate may count (annual report, public statistics, indicators): the plan's, or 5. */
export function minimumCases(plan: PlanDocument | null | undefined): number {
  return plan?.reporting?.minimumCases ?? 5;
}

/** The template a plan gives a notice kind, or the built-in one when the plan has none. */
export function noticeTemplate(plan: PlanDocument, kind: NoticeKind): NoticeTemplate {
  return plan.notices?.[kind] ?? defaultNoticeTemplates[kind];
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
  const listed: PlanProblem[] = problems.map(({ segments, code, params, message }) => {
    const line = locate(segments);
    return { path: segmentsToPath(segments), code, ...(params ? { params } : {}), message, ...(line === undefined ? {} : { line }) };
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
/** A category's name in both languages; its code where the plan (an older version, say) does not name it. */
export function categoryName(plan: PlanDocument | undefined, code: string): LocalText {
  return plan?.categories.find((category) => category.code === code)?.name ?? { zh: code, en: code };
}

export function localText(text: LocalText, language: 'zh' | 'en'): string {
  return text[language] ?? text.zh ?? text.en ?? '';
}

/** The plan's deadlines for a case of the given class: the class's own time to conclude, where the plan gives one. */
export function classDeadlines(plan: PlanDocument, matterClass: string | null): PlanDocument['deadlines'] {
  const own = plan.classes?.find((item) => item.code === matterClass)?.concludeDays;
  return own === undefined ? plan.deadlines : { ...plan.deadlines, concludeDays: own };
}
