/**
 * The indicators (issue 13 item 4): per unit and period, rates a reader can check — each a
 * numerator over a denominator of cases, both lists kept so every figure opens the cases behind it,
 * and no rate at all over fewer cases than the plan's minimum (a rate over three cases misleads).
 * Computed from the record only: the cases' stored clocks and the ratings of their answers.
 *
 * The definitions (the words are the apps', keyed by indicator):
 * - timelyAcceptance (及时受理率): of the cases whose acceptance fell due in the period (and was
 *   decided, or is due by now), those decided — accepted or not — by the deadline.
 * - onTimeConclusion (按期办结率): of the cases concluded (first written answer) in the period,
 *   those concluded by their conclusion deadline (extensions and pauses included).
 * - ratingParticipation (参评率): of the cases concluded in the period, those whose first-stage
 *   answer was rated.
 * - satisfaction (满意率): of those rated, the satisfied and basically satisfied (the latest rating).
 * - rework (发回重办率): of the cases concluded in the period, those sent back for rework.
 * - commitmentsKept (承诺按期兑现率): of the commitments due in the period (less those dropped before
 *   they fell due, and those open and not yet due), those done by their due date; each counts for
 *   its owner unit, and its case is listed once per commitment.
 * A case counts for its lead unit and in the total of the jurisdiction. A rating is the petitioner's
 * on the portal or the office's call-back (not "unreachable"); the latest of a case counts.
 */

export const indicatorNames = ['timelyAcceptance', 'onTimeConclusion', 'ratingParticipation', 'satisfaction', 'rework', 'commitmentsKept'] as const;
export type IndicatorName = (typeof indicatorNames)[number];

/** Why a figure has no rate: too few cases in its denominator, or the record does not hold what it counts yet. */
export const indicatorCodes = ['below_minimum', 'not_recorded'] as const;
export type IndicatorCode = (typeof indicatorCodes)[number];

/** The two lists behind a rate. */
export const indicatorParts = ['numerator', 'denominator'] as const;
export type IndicatorPart = (typeof indicatorParts)[number];

/** How satisfied a rating says the petitioner was (the portal's 1–5 and, later, the office's call-back). */
export type RatingOutcome = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** What the indicators read of one case: its lead unit and stored clocks. */
export interface IndicatorCaseFacts {
  id: string;
  leadUnitId: string | null;
  acceptDueAt: string | null;
  /** When acceptance was decided, either way (core/stages.ts). */
  acceptedAt: string | null;
  concludedAt: string | null;
  concludeDueAt: string | null;
}

/** A rating of a case's first-stage answer: the petitioner's on the portal, or the office's call-back (回访). */
export interface IndicatorRating {
  caseId: string;
  at: string;
  outcome: RatingOutcome;
}

/** A case sent back to its unit for rework (发回重办), when. */
export interface IndicatorRework {
  caseId: string;
  at: string;
}

/** A commitment (承诺事项) as the indicators read it: its owner unit, due time and how it was settled. */
export interface IndicatorCommitment {
  id: string;
  caseId: string;
  ownerUnitId: string;
  dueAt: string;
  status: string;
  doneAt: string | null;
  droppedAt: string | null;
}

export interface IndicatorFigure {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator (0–1, four decimals); null when `code` says why not. */
  rate: number | null;
  code: IndicatorCode | null;
  cases: Record<IndicatorPart, string[]>;
}

/** One unit's figures; `unitId` null is the whole jurisdiction. */
export interface UnitIndicators {
  unitId: string | null;
  figures: Record<IndicatorName, IndicatorFigure>;
}

export interface IndicatorInput {
  period: { from: string; to: string };
  /** The time the record is read at (now): a clock not yet due by it, or a rating after it, does not count. */
  asOf: string;
  /** The plan's minimum (core/plan.ts minimumCases): a denominator below it shows no rate. */
  minimum: number;
  /** Every case with its acceptance due, or its conclusion, in the period. */
  cases: readonly IndicatorCaseFacts[];
  ratings: readonly IndicatorRating[];
  /** The reworks of the cases concluded in the period. */
  reworks?: readonly IndicatorRework[];
  /** The commitments due in the period. */
  commitments?: readonly IndicatorCommitment[];
  /** The indicators this deployment cannot count yet: reported with code `not_recorded`. */
  notRecorded: readonly IndicatorName[];
}

/** The portal's rating (1–5) as an outcome: 4–5 satisfied, 3 basically satisfied (基本满意), 1–2 unsatisfied. */
export function ratingOutcome(rating: number): RatingOutcome {
  if (rating >= 4) return 'satisfied';
  if (rating === 3) return 'basically_satisfied';
  return 'unsatisfied';
}

/** A rate from its two lists, or the code that stands instead of it. */
export function figureOf(numerator: readonly string[], denominator: readonly string[], minimum: number, notRecorded = false): IndicatorFigure {
  const cases = { numerator: [...numerator].sort(), denominator: [...denominator].sort() };
  const counts = { numerator: numerator.length, denominator: denominator.length };
  if (notRecorded) return { numerator: 0, denominator: 0, rate: null, code: 'not_recorded', cases: { numerator: [], denominator: [] } };
  if (counts.denominator < minimum || counts.denominator === 0) return { ...counts, rate: null, code: 'below_minimum', cases };
  return { ...counts, rate: Number((counts.numerator / counts.denominator).toFixed(4)), code: null, cases };
}

type Lists = Record<IndicatorName, Record<IndicatorPart, string[]>>;
const emptyLists = (): Lists =>
  Object.fromEntries(indicatorNames.map((name) => [name, { numerator: [], denominator: [] }])) as unknown as Lists;

/** The figures of every lead unit with a case in the period, and of the whole jurisdiction. */
export function indicators(input: IndicatorInput): { total: UnitIndicators; units: UnitIndicators[] } {
  const { from, to } = input.period;
  const inPeriod = (at: string | null): at is string => at !== null && at >= from && at < to;
  const total = emptyLists();
  const byUnit = new Map<string, Lists>();
  const addFor = (unitId: string | null, caseId: string, name: IndicatorName, part: IndicatorPart) => {
    total[name][part].push(caseId);
    if (unitId === null) return;
    let lists = byUnit.get(unitId);
    if (!lists) byUnit.set(unitId, (lists = emptyLists()));
    lists[name][part].push(caseId);
  };
  const add = (item: IndicatorCaseFacts, name: IndicatorName, part: IndicatorPart) => addFor(item.leadUnitId, item.id, name, part);
  const reworked = new Set((input.reworks ?? []).filter((rework) => rework.at <= input.asOf).map((rework) => rework.caseId));
  const seen = new Set<string>();
  // The latest rating of each case stands (a later call-back corrects an earlier rating).
  const latest = new Map<string, IndicatorRating>();
  for (const rating of input.ratings) {
    const before = latest.get(rating.caseId);
    if (!before || rating.at >= before.at) latest.set(rating.caseId, rating);
  }

  for (const item of input.cases) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    if (inPeriod(item.acceptDueAt)) {
      const decided = item.acceptedAt !== null && item.acceptedAt <= input.asOf;
      // A case still undecided whose deadline has not come is not yet due: it counts once it is.
      if (decided || item.acceptDueAt <= input.asOf) {
        add(item, 'timelyAcceptance', 'denominator');
        if (decided && item.acceptedAt !== null && item.acceptedAt <= item.acceptDueAt) add(item, 'timelyAcceptance', 'numerator');
      }
    }
    if (inPeriod(item.concludedAt) && item.concludedAt <= input.asOf) {
      add(item, 'onTimeConclusion', 'denominator');
      // A case without a conclusion clock cannot be late (as the annual report counts it).
      if (item.concludeDueAt === null || item.concludedAt <= item.concludeDueAt) add(item, 'onTimeConclusion', 'numerator');
      add(item, 'ratingParticipation', 'denominator');
      add(item, 'rework', 'denominator');
      if (reworked.has(item.id)) add(item, 'rework', 'numerator');
      const rating = latest.get(item.id);
      if (rating && rating.at <= input.asOf) {
        add(item, 'ratingParticipation', 'numerator');
        add(item, 'satisfaction', 'denominator');
        if (rating.outcome !== 'unsatisfied') add(item, 'satisfaction', 'numerator');
      }
    }
  }

  // Commitments count for their owner unit, one entry each (a case with two commitments is listed twice).
  for (const commitment of input.commitments ?? []) {
    if (!inPeriod(commitment.dueAt)) continue;
    const done = commitment.status === 'done' && commitment.doneAt !== null && commitment.doneAt <= input.asOf;
    const dropped = commitment.status === 'dropped' && commitment.droppedAt !== null;
    // One dropped before it fell due was withdrawn, not broken; one still open and not yet due is not yet owed.
    if (dropped && commitment.droppedAt !== null && commitment.droppedAt <= commitment.dueAt) continue;
    if (!done && !dropped && commitment.dueAt > input.asOf) continue;
    addFor(commitment.ownerUnitId, commitment.caseId, 'commitmentsKept', 'denominator');
    if (done && commitment.doneAt !== null && commitment.doneAt <= commitment.dueAt) addFor(commitment.ownerUnitId, commitment.caseId, 'commitmentsKept', 'numerator');
  }

  const figures = (lists: Lists): Record<IndicatorName, IndicatorFigure> =>
    Object.fromEntries(
      indicatorNames.map((name) => [name, figureOf(lists[name].numerator, lists[name].denominator, input.minimum, input.notRecorded.includes(name))]),
    ) as Record<IndicatorName, IndicatorFigure>;
  return {
    total: { unitId: null, figures: figures(total) },
    units: [...byUnit].map(([unitId, lists]) => ({ unitId, figures: figures(lists) })),
  };
}
