import { writtenNoticeView } from './written-notices.js';
import { caseAbilities, personalDataAccess, type CaseAction } from '../core/policy.js';
import { offeredMoves, reviewWindow, undoneSteps } from '../core/stages.js';
import type { Actor } from '../core/types.js';
import { recordAudit } from '../db/audit.js';
import { findCase } from '../db/repositories/cases.js';
import { prepared } from '../db/prepared.js';
import { loadPlan } from '../db/repositories/plans.js';
import { notFound } from '../core/errors.js';
import { checkCaseAccess } from './support/case-access.js';
import { moveFacts } from './support/move-facts.js';
import { completedSteps } from './plan-checklist.js';
import { caseReviews } from './reviews.js';
import { assignmentView, caseSummary, type CaseDetail } from '../presenters/case-view.js';
import type { Context, Trx } from '../context/context.js';
import type { CaseRow } from '../db/repositories/cases.js';
import type { AnswersTable, AssignmentsTable, MeetingsTable, PausesTable, WrittenNoticesTable, RepresentativesTable, StepCompletionsTable } from '../db/schema.js';
import { pauseView } from '../presenters/pause-view.js';
import { openCommitmentCount } from '../db/repositories/commitments.js';
import { matterFacts, matterView } from '../presenters/matter-view.js';

type PersonalData = Pick<CaseDetail, 'petitioner' | 'representatives'>;

function hasPersonalData(row: CaseRow, representatives: readonly RepresentativesTable[]): boolean {
  return row.petitioner_name_sealed !== null || row.petitioner_contact_sealed !== null || representatives.length > 0;
}

/** The case's names and contacts opened: a pure view; whoever shows them to a person records the read (`recordPersonalDataRead`). */
function openedPersonalData(ctx: Context, row: CaseRow, representatives: readonly RepresentativesTable[]): PersonalData {
  const open = (sealed: string | null) => (sealed === null ? null : ctx.sealer.open(sealed));
  const petitioner =
    row.petitioner_name_sealed || row.petitioner_contact_sealed
      ? { name: open(row.petitioner_name_sealed), contact: open(row.petitioner_contact_sealed) }
      : null;
  return {
    petitioner,
    representatives: representatives.map((rep) => ({ id: rep.id, position: rep.position, name: ctx.sealer.open(rep.name_sealed), contact: open(rep.contact_sealed) })),
  };
}

/**
 * Writes the read of a case's names and contacts to the audit log, in the caller's transaction:
 * called by the reads that show them to a person (the case page, the break-glass reveal, the
 * answer to opening a case), never by a view itself. A case holding none records nothing.
 */
async function recordPersonalDataRead(
  ctx: Context,
  trx: Trx,
  actor: Actor,
  caseId: string,
  shown: PersonalData,
  breakGlass?: { reason: string },
): Promise<void> {
  if (!shown.petitioner && shown.representatives.length === 0) return;
  await recordAudit(trx, {
    at: ctx.now(),
    actorId: actor.id,
    action: breakGlass ? 'case.personal_data.break_glass' : 'case.personal_data.read',
    subjectType: 'case',
    subjectId: caseId,
    detail: { representatives: shown.representatives.length, petitioner: shown.petitioner !== null, ...(breakGlass ? { reason: breakGlass.reason } : {}) },
  });
}

/** The case's names and contacts opened for a person, and that read written to the audit log. */
export async function openPersonalData(
  ctx: Context,
  trx: Trx,
  actor: Actor,
  row: CaseRow,
  representatives: readonly RepresentativesTable[],
  breakGlass?: { reason: string },
): Promise<PersonalData> {
  const shown = openedPersonalData(ctx, row, representatives);
  await recordPersonalDataRead(ctx, trx, actor, row.id, shown, breakGlass);
  return shown;
}

/** What a reader without a need to know gets: that there is a petitioner and how many representatives, not who. */
function withheldPersonalData(row: CaseRow, representatives: readonly RepresentativesTable[]): PersonalData {
  const petitioner = row.petitioner_name_sealed || row.petitioner_contact_sealed ? { name: null, contact: null } : null;
  return { petitioner, representatives: representatives.map((rep) => ({ id: rep.id, position: rep.position, name: null, contact: null })) };
}

type AssignmentRow = AssignmentsTable & { unit_name: string };

/** Everything the case view shows besides the case row, each table read once. */
interface CaseRecords {
  representatives: RepresentativesTable[];
  assignments: AssignmentRow[];
  meetings: MeetingsTable[];
  answers: AnswersTable[];
  completions: StepCompletionsTable[];
  pauses: PausesTable[];
  notices: WrittenNoticesTable[];
  /** Commitments still open: the stage machine's fact for concluding. */
  openCommitments: number;
}

/**
 * Reads a case's records for its view, one statement per table. `fresh`: the case was opened in
 * this transaction, so it has no meetings, answers or ticked steps yet and those are not asked for.
 */
async function caseRecords(trx: Trx, caseId: string, options: { fresh?: boolean } = {}): Promise<CaseRecords> {
  const none = Promise.resolve([]);
  const of = { caseId };
  const [representatives, assignments, meetings, answers, completions, pauses, notices, openCommitments] = await Promise.all([
    recordQueries.representatives.execute(trx, of),
    recordQueries.assignments.execute(trx, of),
    options.fresh ? none : recordQueries.meetings.execute(trx, of),
    options.fresh ? none : recordQueries.answers.execute(trx, of),
    options.fresh ? none : recordQueries.completions.execute(trx, of),
    options.fresh ? none : recordQueries.pauses.execute(trx, of),
    options.fresh ? none : recordQueries.notices.execute(trx, of),
    options.fresh ? Promise.resolve(0) : openCommitmentCount(trx, caseId),
  ]);
  return { representatives, assignments, meetings, answers, completions, pauses, notices, openCommitments };
}

// The case view's reads, compiled once (db/prepared.ts): every case page runs them all.
const recordQueries = {
  representatives: prepared((db, p: { caseId: string }) => db.selectFrom('representatives').selectAll().where('case_id', '=', p.caseId).orderBy('position')),
  assignments: prepared((db, p: { caseId: string }) =>
    db
      .selectFrom('assignments')
      .innerJoin('units', 'units.id', 'assignments.unit_id')
      .selectAll('assignments')
      .select('units.name as unit_name')
      .where('assignments.case_id', '=', p.caseId)
      .orderBy('assignments.notified_at'),
  ),
  meetings: prepared((db, p: { caseId: string }) => db.selectFrom('meetings').selectAll().where('case_id', '=', p.caseId).orderBy('held_at')),
  answers: prepared((db, p: { caseId: string }) => db.selectFrom('answers').selectAll().where('case_id', '=', p.caseId).orderBy('created_at')),
  completions: prepared((db, p: { caseId: string }) => db.selectFrom('step_completions').selectAll().where('case_id', '=', p.caseId)),
  pauses: prepared((db, p: { caseId: string }) => db.selectFrom('pauses').selectAll().where('case_id', '=', p.caseId).orderBy('started_at')),
  notices: prepared((db, p: { caseId: string }) => db.selectFrom('written_notices').selectAll().where('case_id', '=', p.caseId).orderBy('issued_at').orderBy('id')),
};

/** The units still assigned (not rerouted away), as `assignedUnitIds` reads them. */
function activeUnitIds(assignments: readonly AssignmentRow[]): string[] {
  return assignments.filter((assignment) => assignment.released_at === null).map((assignment) => assignment.unit_id);
}

/**
 * Builds the full staff view of a case already loaded in a transaction. A view writes nothing:
 * names and contacts are left sealed unless `open` is asked for by a read that shows them to a
 * person, which then records that read itself (`recordPersonalDataRead`). Commands answer with
 * the case without them (`personalData.sent` false), so acting on a case is not a read of them.
 * The records are read here unless the caller has them (`records`), and the units still assigned
 * come from them unless given; the plan comes from the cache of published versions.
 */
export async function caseDetail(
  ctx: Context,
  trx: Trx,
  actor: Actor,
  row: CaseRow,
  unitIds?: string[],
  options: { open?: boolean; records?: CaseRecords } = {},
): Promise<CaseDetail> {
  const now = ctx.now();
  const [plan, records] = await Promise.all([loadPlan(trx, row.plan_id), options.records ?? caseRecords(trx, row.id)]);
  const { representatives, assignments, meetings, answers, completions, pauses, notices, openCommitments } = records;
  if (!plan) throw notFound('The plan this case was opened under');
  const units = unitIds ?? activeUnitIds(assignments);
  const facts = moveFacts(
    row,
    {
      representativeCount: representatives.length,
      hasLeadAssignment: assignments.some((assignment) => assignment.role === 'lead' && assignment.released_at === null),
      answers,
      openCommitments,
    },
    now,
    undefined,
  );
  const document = plan.document;
  const done = new Map(completions.map((item) => [item.step_id, item]));
  const matter = matterView(row, actor);
  const access = personalDataAccess(actor, units, matterFacts(row));
  const opened = access === 'shown' && options.open === true;
  const personal = opened ? openedPersonalData(ctx, row, representatives) : withheldPersonalData(row, representatives);
  const summary = caseSummary(row, now, actor, { openObjection: assignments.some((assignment) => assignment.objected_at !== null && assignment.released_at === null) });
  const reviews = await caseReviews(trx, actor, row, summary.deadlines.review, now);
  const abilities = caseAbilities(actor, units);
  return {
    ...summary,
    // A report's material is never shown to a unit other than discipline inspection (Art. 30).
    description: matter.accuserMaterialWithheld ? '' : row.description,
    notAcceptedReason: row.not_accepted_reason,
    receiveTogether: row.receive_together === 1,
    ...personal,
    personalData: {
      withheld: (access !== 'shown' && hasPersonalData(row, representatives)) || matter.accuserMaterialWithheld,
      mayReveal: access === 'on_request' && hasPersonalData(row, representatives),
      sent: opened,
    },
    assignments: assignments.map((assignment) => assignmentView(assignment, row, actor, now)),
    meetings: meetings.map((meeting) => ({
      id: meeting.id,
      heldAt: meeting.held_at,
      attendees: meeting.attendees,
      summary: meeting.summary,
      commitments: JSON.parse(meeting.commitments) as string[],
      createdAt: meeting.created_at,
    })),
    answers: answers.map((answer) => ({ id: answer.id, body: answer.body, reviewRound: answer.review_round, createdAt: answer.created_at })),
    matter,
    pauses: pauses.map(pauseView),
    notices: notices.map((notice) => writtenNoticeView(ctx, notice)),
    completedSteps: completedSteps(document, done),
    moves: offeredMoves(row.stage, actor.role, facts, undoneSteps(document.stages, row.stage, new Set(done.keys()))),
    review: reviewWindow(row.stage, facts),
    extension: row.extension_days === null ? null : { days: row.extension_days, reason: row.extension_reason ?? '', at: row.extended_at },
    extensionRequest:
      row.extension_request_days === null || row.extension_requested_at === null
        ? null
        : { days: row.extension_request_days, reason: row.extension_request_reason ?? '', requestedAt: row.extension_requested_at, requestedBy: row.extension_requested_by },
    reviews: reviews.rounds,
    reviewHandling: reviews.refusal,
    // Under review, who the review rules keep out (recusal, another body) may read the case and do nothing else.
    abilities: reviews.refusal === null ? abilities : withoutWrites(abilities),
  };
}

/** Only the read left of a reader's case abilities. */
function withoutWrites(abilities: Record<CaseAction, boolean>): Record<CaseAction, boolean> {
  return Object.fromEntries(Object.entries(abilities).map(([action, allowed]) => [action, action === 'case.read' && allowed])) as Record<CaseAction, boolean>;
}

/**
 * Reads a case and its records for a view, checking the action on the way: 404 when there is no
 * such case, 403 when the actor may not. The assignments it reads decide access too, so they are
 * read once, not once for the check and again for the view. With `open`, names and contacts are
 * shown to who may see them and that read is written to the audit log.
 */
export async function readCase(
  ctx: Context,
  trx: Trx,
  props: { actor: Actor; caseId: string; action: CaseAction },
  options: { fresh?: boolean; open?: boolean; followMerge?: boolean } = {},
): Promise<CaseDetail> {
  let row = await findCase(trx, ctx.adapter, props.caseId);
  // A duplicate merged into another case (commands/case-links.ts) answers, on the case page, with the case that survives it.
  if (row?.merged_into_id && options.followMerge) row = await findCase(trx, ctx.adapter, row.merged_into_id);
  if (!row) throw notFound('The case');
  const records = await caseRecords(trx, row.id, options);
  const unitIds = activeUnitIds(records.assignments);
  checkCaseAccess(props.actor, props.action, unitIds);
  const view = await caseDetail(ctx, trx, props.actor, row, unitIds, { records, open: options.open ?? false });
  if (view.personalData.sent) await recordPersonalDataRead(ctx, trx, props.actor, row.id, view);
  return view;
}

/** Reads one case for a person (the case page): names and contacts for who sees them, and that read is written to the audit log. */
export async function getCase(ctx: Context, props: { actor: Actor; caseId: string }): Promise<CaseDetail> {
  return ctx.db.transaction().execute((trx) => readCase(ctx, trx, { ...props, action: 'case.read' }, { open: true, followMerge: true }));
}
