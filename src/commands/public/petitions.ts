import type { CheckedFile } from '../../attachments/content.js';
import { storeOpeningFiles } from '../attachments.js';
import { commitmentStatus, type CommitmentStatus } from '../../core/commitments.js';
import { caseNotices, type WrittenNotice } from '../written-notices.js';
import { randomBytes } from 'node:crypto';
import { accessCodeDigest, newAccessCode } from '../../core/access-code.js';
import { caseDeadlines, type CaseDeadlines } from '../../core/case-deadlines.js';
import { invalid, refused } from '../../core/errors.js';
import type { CaseFlag } from '../../core/flags.js';
import { categoryName, type LocalText } from '../../core/plan.js';
import { maxReviews, reviewWindow, type ReviewWindow } from '../../core/stages.js';
import type { CaseKind, Channel, Stage } from '../../core/types.js';
import type { CaseRow } from '../../db/repositories/cases.js';
import { loadPlan } from '../../db/repositories/plans.js';
import { moveContext } from '../support/move-facts.js';
import { runCaseWrite } from '../support/case-command.js';
import { caseDueTimes } from '../../presenters/case-view.js';
import type { PauseKind } from '../../core/pauses.js';
import type { Context, Trx } from '../../context/context.js';
import { stageMove } from '../move-stage.js';
import { keepIdempotentResult, type IdempotencyKey } from '../support/idempotency.js';
import { openPublicCase } from './open-public-case.js';
import { petitionFor, type PetitionKey } from './petition-access.js';
import { publicLimits, type PetitionInput } from './petition-input.js';

/** What the petitioner's receipt shows; the access code exists nowhere else once this is returned. */
export interface Receipt {
  reference: string;
  accessCode: string;
  receivedAt: string;
  acceptDueAt: string | null;
}

/** Registers a petition from the portal or the public API and issues its private access code. */
export async function submitPetition(
  ctx: Context,
  props: {
    input: PetitionInput;
    via: 'portal' | 'public_api';
    flags?: CaseFlag[];
    idempotency?: IdempotencyKey | undefined;
    /** Files sent with it (the portal's form), already checked: stored with the case, in its transaction. */
    files?: readonly CheckedFile[];
  },
): Promise<Receipt> {
  const accessCode = newAccessCode(randomBytes(20));
  const { attached } = await openPublicCase(
    ctx,
    { input: props.input, origin: { channel: 'online', via: props.via, ...(props.flags ? { flags: props.flags } : {}) }, idempotency: props.idempotency },
    async (trx, opened): Promise<Receipt> => {
      await trx
        .insertInto('access_codes')
        .values({ case_id: opened.id, digest: accessCodeDigest(accessCode), created_at: opened.created_at })
        .execute();
      await storeOpeningFiles(ctx, trx, opened, props.files ?? [], opened.created_at);
      const receipt = { reference: opened.reference, accessCode, receivedAt: opened.received_at, acceptDueAt: opened.accept_due_at };
      // A retry with the same key gets this receipt again, so the code is kept (sealed) until the key expires.
      if (props.idempotency) await keepIdempotentResult(ctx, trx, props.idempotency, opened.id, receipt);
      return receipt;
    },
  );
  return attached;
}

interface PublicAnswer {
  id: string;
  body: string;
  reviewRound: number;
  createdAt: string;
  /** The petitioner's own rating of this answer, once given. */
  rating: number | null;
}

/** What the petitioner may see of their case: its progress and the official answers, never personal data. */
export interface PublicStatus {
  reference: string;
  kind: CaseKind;
  channel: Channel;
  category: { code: string; name: LocalText };
  receivedAt: string;
  stage: Stage;
  stageChangedAt: string;
  notAcceptedReason: string | null;
  deadlines: CaseDeadlines;
  /** The open clock pause, as the petitioner is told of it: its kind and planned end (the office's own reason stays internal). */
  pause: { kind: PauseKind; startedAt: string; plannedEndAt: string } | null;
  /** The written notices the petitioner was sent, as sent. */
  notices: WrittenNotice[];
  /**
   * The nature of the matter as the petitioner is told it (core/matter.ts): its class, the lawful
   * channel it belongs to with the plan's wording of how to use it (Art. 31 (1)–(5)), a
   * suggestion's adoption, and the earlier case whose conclusion stands (Art. 36), by reference.
   */
  matter: {
    class: { code: string; name: LocalText } | null;
    lawfulChannel: { code: string; article: number; name: LocalText; howTo: LocalText; at: string | null } | null;
    adoption: { value: string; note: string } | null;
    earlierReference: string | null;
  };
  answers: PublicAnswer[];
  reviewCount: number;
  maxReviews: number;
  /** The window to request a review: when the answer opened it, when it ends, whether a review can be requested now. */
  review: ReviewWindow;
  /** Whether the latest answer can still be rated (once, within the same 30 days). */
  feedback: { possible: boolean; answerId: string | null; until: string | null };
  /** The commitments made on the case and how each stands (the evidence and who recorded it stay internal). */
  commitments: PublicCommitment[];
}

/** A commitment as the petitioner sees it. */
interface PublicCommitment {
  text: string;
  unitName: { zh: string; en: string };
  dueAt: string;
  status: CommitmentStatus;
  doneAt: string | null;
  droppedAt: string | null;
  dropReason: string | null;
}

async function publicStatus(ctx: Context, trx: Trx, row: CaseRow, now: string): Promise<PublicStatus> {
  const [plan, answers, ratings, facts, pause, notices, commitments] = await Promise.all([
    loadPlan(trx, row.plan_id),
    trx.selectFrom('answers').select(['id', 'body', 'review_round', 'created_at']).where('case_id', '=', row.id).orderBy('created_at').execute(),
    trx.selectFrom('feedback').select(['answer_id', 'rating']).where('case_id', '=', row.id).execute(),
    moveContext(trx, row, now, undefined),
    trx.selectFrom('pauses').select(['kind', 'started_at', 'planned_end']).where('case_id', '=', row.id).where('ended_at', 'is', null).executeTakeFirst(),
    caseNotices(ctx, trx, row.id, { petitioner: true }),
    trx
      .selectFrom('commitments')
      .innerJoin('units', 'units.id', 'commitments.owner_unit_id')
      .select(['commitments.text', 'commitments.due_at', 'commitments.status', 'commitments.done_at', 'commitments.dropped_at', 'commitments.drop_reason', 'units.name', 'units.name_en'])
      .where('commitments.case_id', '=', row.id)
      .orderBy('commitments.due_at')
      .orderBy('commitments.id')
      .execute(),
  ]);
  const matterClass = plan?.document.classes?.find((item) => item.code === row.matter_class);
  const lawfulChannel = plan?.document.lawfulChannels?.find((item) => item.code === row.lawful_channel);
  const rated = new Map(ratings.map((item) => [item.answer_id, item.rating]));
  const latest = answers.at(-1);
  const withinWindow = row.review_request_due_at !== null && now <= row.review_request_due_at;
  return {
    reference: row.reference,
    kind: row.kind,
    channel: row.channel,
    category: { code: row.category, name: categoryName(plan?.document, row.category) },
    receivedAt: row.received_at,
    stage: row.stage,
    stageChangedAt: row.stage_changed_at,
    notAcceptedReason: row.not_accepted_reason,
    deadlines: caseDeadlines(caseDueTimes(row), now),
    pause: pause ? { kind: pause.kind as PauseKind, startedAt: pause.started_at, plannedEndAt: pause.planned_end } : null,
    notices,
    matter: {
      class: matterClass ? { code: matterClass.code, name: matterClass.name } : null,
      lawfulChannel: lawfulChannel
        ? { code: lawfulChannel.code, article: lawfulChannel.article, name: lawfulChannel.name, howTo: lawfulChannel.howTo, at: row.lawful_channel_at ?? null }
        : null,
      adoption: row.adoption ? { value: row.adoption, note: row.adoption_note ?? '' } : null,
      earlierReference: row.earlier_reference ?? null,
    },
    answers: answers.map((answer) => ({
      id: answer.id,
      body: answer.body,
      reviewRound: answer.review_round,
      createdAt: answer.created_at,
      rating: rated.get(answer.id) ?? null,
    })),
    reviewCount: row.review_count,
    maxReviews,
    review: reviewWindow(row.stage, facts),
    feedback: {
      possible: latest !== undefined && !rated.has(latest.id) && withinWindow,
      answerId: latest?.id ?? null,
      until: latest ? row.review_request_due_at : null,
    },
    commitments: commitments.map((item) => ({
      text: item.text,
      unitName: { zh: item.name, en: item.name_en ?? item.name },
      dueAt: item.due_at,
      status: commitmentStatus(item.status, item.due_at, now),
      doneAt: item.done_at,
      droppedAt: item.dropped_at,
      dropReason: item.drop_reason,
    })),
  };
}

/** The petitioner's view of their case, opened with the reference and access code. */
export async function getPetitionStatus(ctx: Context, key: PetitionKey): Promise<PublicStatus> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => publicStatus(ctx, trx, await petitionFor(ctx, trx, key), now));
}

/** A rating at or below this is "unsatisfied", and the answer to it offers the review. */
const unsatisfiedRating = 2;

/**
 * Records the petitioner's rating (1–5) of the latest answer, once per answer and within 30 days
 * of it. An unsatisfied rating comes back with `offerReview` when a review may be requested.
 */
export async function giveFeedback(
  ctx: Context,
  props: PetitionKey & { rating: number; comment?: string },
): Promise<{ status: PublicStatus; offerReview: boolean }> {
  if (!Number.isInteger(props.rating) || props.rating < 1 || props.rating > 5) throw invalid('rating', 'must be a whole number from 1 to 5.');
  const comment = props.comment?.trim() || null;
  if (comment && [...comment].length > publicLimits.comment) throw invalid('comment', `must be at most ${publicLimits.comment} characters.`);
  const status = await runCaseWrite(ctx, {
    by: { kind: 'petitioner' },
    lock: async (trx) => ({ row: await petitionFor(ctx, trx, props, { lock: true }) }),
    work: async (trx, { row }, now) => {
      const latest = await trx
        .selectFrom('answers')
        .select(['id', 'review_round'])
        .where('case_id', '=', row.id)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!latest) throw refused('no_answer_to_rate', 'There is no answer to rate yet: you can rate the official answer once it is given.', {});
      if (row.review_request_due_at === null || now > row.review_request_due_at) {
        throw refused('rating_window_passed', 'The time to rate this answer (30 days from the answer) has passed.', { until: row.review_request_due_at ?? '' });
      }
      const already = await trx.selectFrom('feedback').select('id').where('answer_id', '=', latest.id).executeTakeFirst();
      if (already) throw refused('already_rated', 'You have already rated this answer.', {});
      const feedbackId = ctx.newId();
      await trx
        .insertInto('feedback')
        .values({ id: feedbackId, case_id: row.id, answer_id: latest.id, rating: props.rating, comment, created_at: now })
        .execute();
      return {
        event: {
          type: 'feedback.given',
          data: { from: 'the petitioner', answerId: latest.id, reviewRound: latest.review_round, rating: props.rating, ...(comment ? { comment } : {}) },
        },
        audit: { action: 'case.feedback', detail: { from: 'the petitioner', feedbackId, answerId: latest.id, rating: props.rating } },
      };
    },
    result: (trx, updated, _locked, now) => publicStatus(ctx, trx, updated, now),
  });
  return { status, offerReview: props.rating <= unsatisfiedRating && status.review.possible };
}

/**
 * The petitioner's own request for a review of the answer: the move to review, judged by the
 * stage machine for the petitioner exactly as for the office (a reason, within 30 days of the
 * answer, at most a review and a second review), through the same frame as every write.
 */
export async function requestReview(ctx: Context, props: PetitionKey & { reason: string }): Promise<PublicStatus> {
  const reason = props.reason.trim();
  if ([...reason].length > publicLimits.reason) throw invalid('reason', `must be at most ${publicLimits.reason} characters.`);
  return runCaseWrite(ctx, {
    by: { kind: 'petitioner' },
    lock: async (trx) => ({ row: await petitionFor(ctx, trx, props, { lock: true }) }),
    work: (trx, { row }, now) =>
      stageMove(ctx, trx, row, {
        by: 'petitioner',
        to: 'review',
        reason: reason || undefined,
        now,
        notAllowed: 'noAnswerYet',
      }),
    result: (trx, updated, _locked, now) => publicStatus(ctx, trx, updated, now),
  });
}
