import type { Kysely } from 'kysely';
import {
  indicatorNames,
  indicators,
  ratingOutcome,
  type IndicatorCaseFacts,
  type IndicatorCode,
  type IndicatorName,
  type IndicatorPart,
  type IndicatorRating,
  type IndicatorCommitment,
  type IndicatorRework,
} from '../core/indicators.js';
import { forbidden, invalid } from '../core/errors.js';
import { minimumCases } from '../core/plan.js';
import { can } from '../core/policy.js';
import type { Actor } from '../core/types.js';
import { loadCurrentPlan } from '../db/repositories/plans.js';
import type { Database } from '../db/schema.js';
import { reportReads, type Context } from '../context/context.js';
import { decodeCursor } from './list-cases.js';
import { reportPeriod } from './reports.js';

/** What this deployment does not record yet, so says so instead of printing a rate (none now: the call-back and the commitments ledger record rework and commitments). */
export const notYetRecorded: readonly IndicatorName[] = [];

export interface IndicatorFigureView {
  numerator: number;
  denominator: number;
  rate: number | null;
  code: IndicatorCode | null;
}

export interface UnitIndicatorsView {
  /** null: the whole jurisdiction (every case, with a lead unit or not). */
  unitId: string | null;
  unitName: string | null;
  figures: Record<IndicatorName, IndicatorFigureView>;
}

export interface IndicatorsReport {
  from: string;
  to: string;
  asOf: string;
  generatedAt: string;
  minimumCases: number;
  total: UnitIndicatorsView;
  units: UnitIndicatorsView[];
}

export interface IndicatorCases {
  indicator: IndicatorName;
  part: IndicatorPart;
  unitId: string | null;
  count: number;
  items: { id: string; reference: string }[];
  nextCursor: string | null;
}

interface Period {
  from: string;
  to: string;
  now: string;
}

/**
 * The queries the indicators read with: two range scans of `cases` (migration 043's indexes on
 * accept_due_at and concluded_at) and the ratings of the cases concluded in the period. Exported so
 * a test can EXPLAIN them.
 */
export function indicatorQueries(db: Kysely<Database>, period: { from: string; to: string }, unitId: string | undefined) {
  const columns = ['cases.id', 'cases.lead_unit_id', 'cases.accept_due_at', 'cases.accepted_at', 'cases.concluded_at', 'cases.conclude_due_at'] as const;
  const inPeriod = (column: 'cases.accept_due_at' | 'cases.concluded_at') => {
    const query = db.selectFrom('cases').select(columns).where(column, '>=', period.from).where(column, '<', period.to);
    return unitId ? query.where('cases.lead_unit_id', '=', unitId) : query;
  };
  const ratings = db
    .selectFrom('cases')
    .innerJoin('feedback', 'feedback.case_id', 'cases.id')
    .innerJoin('answers', 'answers.id', 'feedback.answer_id')
    .select(['feedback.case_id', 'feedback.created_at', 'feedback.rating'])
    .where('cases.concluded_at', '>=', period.from)
    .where('cases.concluded_at', '<', period.to)
    // The first stage's answer: a review's answer is the body above's, not the unit's.
    .where('answers.review_round', '=', 0);
  // The office's call-backs (回访) of the same cases count as ratings; "unreachable" is none.
  const callbacks = db
    .selectFrom('cases')
    .innerJoin('callbacks', 'callbacks.case_id', 'cases.id')
    .leftJoin('answers', 'answers.id', 'callbacks.answer_id')
    .select(['callbacks.case_id', 'callbacks.recorded_at', 'callbacks.outcome'])
    .where('cases.concluded_at', '>=', period.from)
    .where('cases.concluded_at', '<', period.to)
    .where('callbacks.recorded_at', 'is not', null)
    .where('callbacks.outcome', 'in', ['satisfied', 'basically_satisfied', 'unsatisfied'])
    // A call-back after a review's answer is the body above's; one after a rework follows the unit's.
    .where((eb) => eb.or([eb('answers.review_round', '=', 0), eb('callbacks.answer_id', 'is', null)]));
  const reworks = db
    .selectFrom('cases')
    .innerJoin('reworks', 'reworks.case_id', 'cases.id')
    .select(['reworks.case_id', 'reworks.started_at'])
    .where('cases.concluded_at', '>=', period.from)
    .where('cases.concluded_at', '<', period.to);
  const forUnit = <Q extends { where: (column: 'cases.lead_unit_id', op: '=', value: string) => Q }>(query: Q): Q => (unitId ? query.where('cases.lead_unit_id', '=', unitId) : query);
  return {
    commitments: (unitIds: readonly string[]) =>
      db
        .selectFrom('commitments')
        .select(['id', 'case_id', 'owner_unit_id', 'due_at', 'status', 'done_at', 'dropped_at'])
        // By owner unit and due time: commitments_owner_due (migration 039) serves it, one range per unit.
        .where('owner_unit_id', 'in', unitId ? [unitId] : unitIds.length > 0 ? [...unitIds] : [''])
        .where('due_at', '>=', period.from)
        .where('due_at', '<', period.to),
    accepting: inPeriod('cases.accept_due_at'),
    concluding: inPeriod('cases.concluded_at'),
    ratings: forUnit(ratings),
    callbacks: forUnit(callbacks),
    reworks: forUnit(reworks),
  };
}

async function readFacts(
  db: Kysely<Database>,
  period: Period,
  unitId: string | undefined,
): Promise<{ cases: IndicatorCaseFacts[]; ratings: IndicatorRating[]; reworks: IndicatorRework[]; commitments: IndicatorCommitment[] }> {
  const queries = indicatorQueries(db, period, unitId);
  const unitIds = unitId ? [] : (await db.selectFrom('units').select('id').execute()).map((row) => row.id);
  const [promised, accepting, concluding, rated, calledBack, reworked] = await Promise.all([
    queries.commitments(unitIds).execute(),
    queries.accepting.execute(),
    queries.concluding.execute(),
    queries.ratings.execute(),
    queries.callbacks.execute(),
    queries.reworks.execute(),
  ]);
  const cases = [...accepting, ...concluding].map((row) => ({
    id: row.id,
    leadUnitId: row.lead_unit_id,
    acceptDueAt: row.accept_due_at,
    acceptedAt: row.accepted_at,
    concludedAt: row.concluded_at,
    concludeDueAt: row.conclude_due_at,
  }));
  const ratings: IndicatorRating[] = [
    ...rated.map((row) => ({ caseId: row.case_id, at: row.created_at, outcome: ratingOutcome(Number(row.rating)) })),
    ...calledBack.flatMap((row) =>
      row.recorded_at !== null && row.outcome !== null && row.outcome !== 'unreachable' ? [{ caseId: row.case_id, at: row.recorded_at, outcome: row.outcome }] : [],
    ),
  ];
  return {
    cases,
    ratings,
    reworks: reworked.map((row) => ({ caseId: row.case_id, at: row.started_at })),
    commitments: promised.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      ownerUnitId: row.owner_unit_id,
      dueAt: row.due_at,
      status: row.status,
      doneAt: row.done_at,
      droppedAt: row.dropped_at,
    })),
  };
}

async function compute(ctx: Context, props: { actor: Actor; from?: string; to?: string; unitId?: string }) {
  if (!can(props.actor, 'report.read')) throw forbidden('The indicators are for the petition office, leaders, auditors and admins.');
  const period = reportPeriod(ctx, props);
  const db = reportReads(ctx);
  const [facts, plan] = await Promise.all([readFacts(db, period, props.unitId), loadCurrentPlan(db)]);
  // Judged now: a case whose acceptance fell due in the period was decided in time or not, however
  // long ago; and a petitioner has 30 days to rate an answer, so a rating given after the period
  // still counts for the answer given in it.
  const asOf = period.now;
  const minimum = minimumCases(plan?.document);
  const figures = indicators({ period, asOf, minimum, ...facts, notRecorded: notYetRecorded });
  return { period, asOf, minimum, db, figures };
}

const view = (figures: ReturnType<typeof indicators>['total'], names: Map<string, string>): UnitIndicatorsView => ({
  unitId: figures.unitId,
  unitName: figures.unitId === null ? null : (names.get(figures.unitId) ?? figures.unitId),
  figures: Object.fromEntries(
    indicatorNames.map((name) => {
      const { numerator, denominator, rate, code } = figures.figures[name];
      return [name, { numerator, denominator, rate, code }];
    }),
  ) as Record<IndicatorName, IndicatorFigureView>,
});

/** The indicators of a period (default: the last 30 days) per lead unit and for the jurisdiction, with the plan's minimum applied. */
export async function indicatorsReport(ctx: Context, props: { actor: Actor; from?: string; to?: string; unitId?: string }): Promise<IndicatorsReport> {
  const { period, asOf, minimum, db, figures } = await compute(ctx, props);
  const names = new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((row) => [row.id, row.name]));
  return {
    from: period.from,
    to: period.to,
    asOf,
    generatedAt: period.now,
    minimumCases: minimum,
    total: view(figures.total, names),
    units: figures.units.map((unit) => view(unit, names)).sort((a, b) => (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh')),
  };
}

const isOffset = (value: unknown): value is { offset: number } => Number.isInteger((value as { offset?: unknown } | null)?.offset) && (value as { offset: number }).offset >= 0;

/**
 * The cases behind one figure — its numerator's or its denominator's — of a unit (or the whole
 * jurisdiction), a page at a time: the same computation as the report, so the list and the figure agree.
 * A figure below the minimum still opens its cases: only the rate over them is withheld.
 */
export async function indicatorCases(
  ctx: Context,
  props: { actor: Actor; from?: string; to?: string; unitId?: string; indicator: string; part: string; limit?: number; cursor?: string },
): Promise<IndicatorCases> {
  const indicator = indicatorNames.find((name) => name === props.indicator);
  if (!indicator) throw invalid('indicator', `is one of ${indicatorNames.join(', ')}.`);
  const part = (['numerator', 'denominator'] as const).find((name) => name === props.part);
  if (!part) throw invalid('part', 'is numerator or denominator.');
  const limit = props.limit ?? 200;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalid('limit', 'must be between 1 and 1000.');
  // An offset into the sorted list: a commitment's case may stand in it more than once.
  const offset = props.cursor ? decodeCursor(props.cursor, isOffset).offset : 0;
  const { db, figures } = await compute(ctx, props);
  const unit = props.unitId ? figures.units.find((item) => item.unitId === props.unitId) : figures.total;
  const ids = unit ? unit.figures[indicator].cases[part] : [];
  const page = ids.slice(offset, offset + limit);
  const references = page.length === 0 ? [] : await db.selectFrom('cases').select(['id', 'reference']).where('id', 'in', page).execute();
  const byId = new Map(references.map((row) => [row.id, row.reference]));
  return {
    indicator,
    part,
    unitId: props.unitId ?? null,
    count: ids.length,
    items: page.map((id) => ({ id, reference: byId.get(id) ?? id })),
    nextCursor: offset + limit < ids.length ? Buffer.from(JSON.stringify({ offset: offset + limit })).toString('base64url') : null,
  };
}
