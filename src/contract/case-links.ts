import { Type } from 'typebox';
import { stages } from '../core/types.js';
import { Id, Nullable, Time } from './common.js';

/**
 * Cases on the same issue (同一事项, core/case-links.ts): the case page's panel, the link and merge
 * bodies, and the recurring-issues report. No person is named anywhere here: cases link by issue.
 */

const LocalName = Type.Object({ zh: Type.String(), en: Type.String() });

/** Another case as the panel shows it: its reference, title, stage, when it came, and its area. */
const OtherCase = Type.Object({
  id: Id,
  reference: Type.String(),
  title: Type.String(),
  stage: Type.Enum([...stages]),
  receivedAt: Time,
  areaUnitId: Nullable(Id),
});

export const SameIssueSuggestion = Type.Object({
  case: OtherCase,
  /** How alike the words of the two matters are, 0–1 (same category and area is a condition, not a score). */
  score: Type.Number(),
});

export const SameIssueLink = Type.Object({
  case: OtherCase,
  linkedAt: Time,
  linkedBy: Nullable(Id),
  /** The score it was suggested with; null when a person linked it by its reference. */
  score: Nullable(Type.Number()),
});

export const MergedCase = Type.Object({ id: Id, reference: Type.String(), mergedAt: Time, mergedBy: Nullable(Id) });

export const SameIssue = Type.Object({
  caseId: Id,
  reference: Type.String(),
  /** The cases the system suggests as the same issue (same category and area, alike words): a person confirms or dismisses each. */
  suggestions: Type.Array(SameIssueSuggestion),
  links: Type.Array(SameIssueLink),
  /** The duplicates merged into this case: their references and access codes find this case. */
  merged: Type.Array(MergedCase),
  /** Whether the reader may link, dismiss and merge (`case.link`). */
  mayLink: Type.Boolean(),
});

export const LinkBody = Type.Object(
  {
    caseId: Type.Optional(Id),
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'The other case by its reference, instead of its id.' })),
  },
  { additionalProperties: false, description: 'The other case: its id (a suggestion confirmed) or its reference.' },
);

export const MergeBody = Type.Object(
  {
    into: Id,
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, description: 'Merge this case (a duplicate) into the case `into`, which survives it.' },
);

export const MergeResult = Type.Object({
  survivor: SameIssue,
  mergedCaseId: Id,
  mergedReference: Type.String(),
});

export const RecurringIssuesQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    area: Type.Optional(Id),
    lang: Type.Optional(Type.Enum(['zh', 'en'])),
    /** A download link cannot set Accept: `format=csv` asks for the CSV. */
    format: Type.Optional(Type.Enum(['csv'])),
  },
  { additionalProperties: false },
);

const Issue = Type.Object({
  /** The cases of the issue received in the period (a merged duplicate is not counted again). */
  cases: Type.Integer(),
  firstReceivedAt: Time,
  lastReceivedAt: Time,
  references: Type.Array(Type.Object({ id: Id, reference: Type.String() })),
});

export const RecurringIssues = Type.Object({
  from: Time,
  to: Time,
  generatedAt: Time,
  groups: Type.Array(
    Type.Object({
      category: Type.String(),
      categoryName: LocalName,
      areaUnitId: Nullable(Id),
      areaName: Nullable(LocalName),
      /** Every case of the category and area received in the period. */
      cases: Type.Integer(),
      /** Of them, those on an issue that came more than once. */
      recurringCases: Type.Integer(),
      issues: Type.Array(Issue),
    }),
  ),
});
