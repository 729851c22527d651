import { acceptDueAt, concludeDueAt, reviewDueAt, type DeadlinePolicy, type Jurisdiction } from './deadlines.js';
import type { CaseKind, Role, Stage } from './types.js';

/** What the stage machine needs to know about a case to judge a move. Built by the caller. */
export interface MoveContext {
  kind: CaseKind;
  representativeCount: number;
  /** A recorded decision to receive a collective visit together, when it would not elect representatives. */
  receiveTogether: boolean;
  hasLeadAssignment: boolean;
  answerCount: number;
  /** Answers given since the current review began (0 when not in review). */
  answersSinceReview: number;
  reviewCount: number;
  /** Last moment a review may be requested; null when no answer has been given yet. */
  reviewRequestDueAt: string | null;
  /** When the latest written answer was given; null when none has been. */
  lastAnswerAt: string | null;
  /** Commitments of the case still open (core/commitments.ts): it is concluded with them only with a reason recorded. */
  openCommitments: number;
  now: string;
  reason: string | undefined;
}

/**
 * What holds a move back, as a stable code the apps translate (web i18n `guards.*`, portal i18n);
 * the API's error `details` carry it as `guard`, with the facts the words need (e.g. `until`).
 */
export const guardCodes = [
  'representativesChosen',
  'leadUnitAssigned',
  'reasonGiven',
  'answered',
  'reviewAnswered',
  'noAnswerYet',
  'reviewWindowPassed',
  'reviewsUsed',
  'commitmentsOpen',
] as const;
export type GuardCode = (typeof guardCodes)[number];

/** The English words of each code, for the API's `message` (read by developers, never shown by the apps). */
export const guardMessages: Record<GuardCode, string> = {
  representativesChosen: 'A collective visit needs its representatives recorded, or a recorded decision to receive the group together.',
  leadUnitAssigned: 'Assign a lead unit responsible for the case first.',
  reasonGiven: 'This move needs a reason.',
  answered: 'Record the written answer before closing the case.',
  reviewAnswered: 'Record the answer to the review before closing it.',
  noAnswerYet: 'A review can only be requested after an answer has been given.',
  reviewWindowPassed: 'The time to request a review (30 days from the answer) has passed.',
  reviewsUsed: 'Both the review and the second review have been used; the answer is final.',
  commitmentsOpen: 'Commitments of the case are still open: settle them, or record why the case is concluded without them.',
};

/** A guard returns null when the move may go ahead, or the code of what is missing. */
type Guard = (ctx: MoveContext) => GuardCode | null;

/** The most reviews a petitioner may have of one claim: review (复查) and second review (复核). */
export const maxReviews = 2;

const guards = {
  representativesChosen: (ctx) =>
    ctx.kind === 'collective' && ctx.representativeCount === 0 && !ctx.receiveTogether ? 'representativesChosen' : null,
  leadUnitAssigned: (ctx) => (ctx.hasLeadAssignment ? null : 'leadUnitAssigned'),
  reasonGiven: (ctx) => (ctx.reason && ctx.reason.trim() !== '' ? null : 'reasonGiven'),
  answered: (ctx) => (ctx.answerCount > 0 ? null : 'answered'),
  reviewAnswered: (ctx) => (ctx.answersSinceReview > 0 ? null : 'reviewAnswered'),
  /** The written answer of this stage has been given: it opens the window to request a review. */
  answerGiven: (ctx) => (ctx.answerCount > 0 ? null : 'noAnswerYet'),
  reviewAnswerGiven: (ctx) => (ctx.answersSinceReview > 0 ? null : 'noAnswerYet'),
  withinReviewWindow: (ctx) => {
    if (ctx.reviewRequestDueAt === null) return 'noAnswerYet';
    return ctx.now <= ctx.reviewRequestDueAt ? null : 'reviewWindowPassed';
  },
  reviewsLeft: (ctx) => (ctx.reviewCount < maxReviews ? null : 'reviewsUsed'),
  /** The case is concluded while commitments are open only with the office's reason why. */
  commitmentsSettled: (ctx) => (ctx.openCommitments === 0 || (ctx.reason !== undefined && ctx.reason.trim() !== '') ? null : 'commitmentsOpen'),
} satisfies Record<string, Guard>;

/**
 * Who may make a move: a staff role, or the petitioner themself, who has no account and acts
 * through the public portal with the case's reference and private access code.
 */
export type Mover = Role | 'petitioner';

/**
 * What a move does to the case's clocks and the fields they read, besides setting its stage:
 * - `startAccept`: the time to decide on acceptance starts;
 * - `accept`: the petition is accepted: the accept clock is done and the time to conclude starts;
 * - `decline`: not accepted: the accept clock is done, and the reason is kept for the petitioner;
 * - `reopen`: a decision not to accept is taken back, so acceptance is open again;
 * - `close`: the case is closed;
 * - `stopUnitClocks`: the answer concluded the units' part, so what they still owed stops as closing would stop it;
 * - `startReview`: a review round begins with a clock of its own, and the case is open again.
 * (What a stage does to the clocks while the case is in it is `clocksIn` in clock-stops.ts.)
 */
type MoveEffect = 'startAccept' | 'accept' | 'decline' | 'reopen' | 'close' | 'stopUnitClocks' | 'startReview';

interface Move {
  from: Stage;
  to: Stage;
  /** Who may make this move (admins may make any). */
  by: readonly Mover[];
  guards: readonly Guard[];
  reasonRequired: boolean;
  effects: readonly MoveEffect[];
}

const office: readonly Role[] = ['coordinator'];
const officeAndUnits: readonly Role[] = ['coordinator', 'unit_officer'];

/** The one table of allowed moves. Anything not listed here is forbidden. */
export const moves: readonly Move[] = [
  // A forming grievance reported by a unit becomes a visit, or is solved where it arose.
  { from: 'prevention', to: 'reception', by: officeAndUnits, guards: [], reasonRequired: false, effects: ['startAccept'] },
  { from: 'prevention', to: 'resolution', by: officeAndUnits, guards: [guards.leadUnitAssigned], reasonRequired: false, effects: ['accept'] },
  // Acceptance: the office accepts (to decision or straight to resolution) or declines with a reason.
  {
    from: 'reception',
    to: 'decision',
    by: office,
    guards: [guards.representativesChosen, guards.leadUnitAssigned],
    reasonRequired: false,
    effects: ['accept'],
  },
  {
    from: 'reception',
    to: 'resolution',
    by: office,
    guards: [guards.representativesChosen, guards.leadUnitAssigned],
    reasonRequired: false,
    effects: ['accept'],
  },
  { from: 'reception', to: 'not_accepted', by: office, guards: [guards.reasonGiven], reasonRequired: true, effects: ['decline'] },
  { from: 'not_accepted', to: 'reception', by: office, guards: [guards.reasonGiven], reasonRequired: true, effects: ['reopen'] },
  // The leadership group decides; the reason is the decision itself.
  { from: 'decision', to: 'resolution', by: ['coordinator', 'leader'], guards: [guards.reasonGiven], reasonRequired: true, effects: [] },
  { from: 'resolution', to: 'closed', by: office, guards: [guards.answered, guards.commitmentsSettled], reasonRequired: false, effects: ['close'] },
  // The review is the petitioner's right: they request it themself, or the office records their request.
  // Finality (Art. 36) is checked before the window: after the second review, its end is not the reason.
  // The written answer opens the window at once (Regulations 2022, Art. 35: 30 days from the written
  // reply): the review may be asked for before the office closes the case, and after the review's own answer.
  {
    from: 'resolution',
    to: 'review',
    by: ['coordinator', 'petitioner'],
    guards: [guards.reasonGiven, guards.answerGiven, guards.withinReviewWindow, guards.reviewsLeft],
    reasonRequired: true,
    effects: ['stopUnitClocks', 'startReview'],
  },
  {
    from: 'closed',
    to: 'review',
    by: ['coordinator', 'petitioner'],
    guards: [guards.reasonGiven, guards.reviewsLeft, guards.withinReviewWindow],
    reasonRequired: true,
    effects: ['startReview'],
  },
  { from: 'review', to: 'closed', by: office, guards: [guards.reviewAnswered, guards.commitmentsSettled], reasonRequired: false, effects: ['close'] },
  {
    from: 'review',
    to: 'review',
    by: ['coordinator', 'petitioner'],
    guards: [guards.reasonGiven, guards.reviewAnswerGiven, guards.reviewsLeft, guards.withinReviewWindow],
    reasonRequired: true,
    effects: ['startReview'],
  },
];

type MoveVerdict =
  | { ok: true }
  | { ok: false; code: 'move_not_allowed' | 'forbidden'; message: string; guard?: undefined; details?: undefined }
  | { ok: false; code: 'guard_failed'; message: string; guard: GuardCode; details: { guard: GuardCode; until?: string } };

function findMove(from: Stage, to: Stage): Move | undefined {
  return moves.find((move) => move.from === from && move.to === to);
}

/** Judges a move from one stage to another for an actor with the given role (or the petitioner). */
export function judgeMove(from: Stage, to: Stage, role: Mover, ctx: MoveContext): MoveVerdict {
  const move = findMove(from, to);
  if (!move) return { ok: false, code: 'move_not_allowed', message: `A case cannot move from ${from} to ${to}.` };
  if (role !== 'admin' && !move.by.includes(role)) {
    return { ok: false, code: 'forbidden', message: `Your role cannot move a case from ${from} to ${to}.` };
  }
  for (const guard of move.guards) {
    const problem = guard(ctx);
    if (problem) return { ok: false, code: 'guard_failed', message: guardMessages[problem], guard: problem, details: guardDetails(problem, ctx) };
  }
  return { ok: true };
}

/** The facts a guard's words need: the end of the window that has passed. */
function guardDetails(guard: GuardCode, ctx: MoveContext): { guard: GuardCode; until?: string } {
  return guard === 'reviewWindowPassed' && ctx.reviewRequestDueAt !== null ? { guard, until: ctx.reviewRequestDueAt } : { guard };
}

/**
 * The petitioner's window to request a review, one rule for the portal, the public API and the
 * staff view: the written answer of the stage opens it (in resolution, when closed, and after a
 * review's own answer), it ends `reviewRequestDays` later, and `possible` says whether the stage
 * machine would take the request now (`blockedBy` the code of what holds it back).
 */
export interface ReviewWindow {
  /** When the window opened: the answer it is for; null while there is no answer to review. */
  opensAt: string | null;
  /** The last moment to ask; null with `opensAt`. */
  until: string | null;
  possible: boolean;
  blockedBy: GuardCode | null;
}

export function reviewWindow(stage: Stage, ctx: MoveContext): ReviewWindow {
  const move = findMove(stage, 'review');
  const answered = stage === 'closed' || (stage === 'resolution' && ctx.answerCount > 0) || (stage === 'review' && ctx.answersSinceReview > 0);
  const open = move !== undefined && answered && ctx.reviewRequestDueAt !== null;
  // Before any answer nothing can be asked yet; a declined petition has no answer to review.
  const blockedBy = move ? firstProblem(move, ctx) : stage === 'not_accepted' ? null : 'noAnswerYet';
  return {
    opensAt: open ? ctx.lastAnswerAt : null,
    until: open ? ctx.reviewRequestDueAt : null,
    possible: move !== undefined && blockedBy === null,
    blockedBy,
  };
}

/** What first holds a move back when it is offered (the reason is typed with the move, so it never does). */
function firstProblem(move: Move, ctx: MoveContext): GuardCode | null {
  const withReason = { ...ctx, reason: 'offered' };
  return move.guards.map((guard) => guard(withReason)).find((problem) => problem !== null) ?? null;
}

export interface OfferedMove {
  to: Stage;
  reasonRequired: boolean;
  /** Why the move cannot be made yet, when a guard holds it back: a code, never a sentence. */
  blockedBy: GuardCode | null;
  /**
   * The checklist steps of the stage being left that are not ticked (ids `stage.step`). The plan's
   * steps are guidance, not a lock: the move stays allowed, and the UI names them before it is confirmed.
   */
  undoneSteps: string[];
}

/** A plan's checklist as the stage machine needs it: each stage's step ids. */
interface ChecklistShape {
  key: string;
  steps: readonly { id: string }[];
}

/** The steps of a stage's checklist that are not done, by id (`stage.step`), in the plan's order. */
export function undoneSteps(checklist: readonly ChecklistShape[], stage: Stage, done: ReadonlySet<string>): string[] {
  const current = checklist.find((candidate) => candidate.key === stage);
  return (current?.steps ?? []).map((step) => `${stage}.${step.id}`).filter((id) => !done.has(id));
}

/**
 * The moves an actor of this role could make from a stage, with what still holds each back and the
 * stage's steps each would leave undone (every move leaves the stage, so the same steps for all).
 */
export function offeredMoves(from: Stage, role: Mover, ctx: MoveContext, undone: readonly string[] = []): OfferedMove[] {
  return moves
    .filter((move) => move.from === from && (role === 'admin' || move.by.includes(role)))
    .map((move) => {
      // Concluding with commitments still open needs the reason why (the move's own rule otherwise).
      const reasonRequired = move.reasonRequired || (move.guards.includes(guards.commitmentsSettled) && ctx.openCommitments > 0);
      return { to: move.to, reasonRequired, blockedBy: firstProblem(move, ctx), undoneSteps: [...undone] };
    });
}

/** True when moving between these stages is the moment the petition is accepted for handling. */
export function isAcceptance(from: Stage, to: Stage): boolean {
  return findMove(from, to)?.effects.includes('accept') ?? false;
}

/** What a move sets on the case, in the names of `CaseDueTimes` (case-deadlines.ts) plus the stage's own fields. */
export interface StageChanges {
  stage: Stage;
  stageChangedAt: string;
  acceptDueAt?: string;
  acceptedAt?: string | null;
  concludeDueAt?: string;
  notAcceptedReason?: string | null;
  closedAt?: string | null;
  reviewCount?: number;
  reviewStartedAt?: string;
  reviewDueAt?: string;
  reviewConcludedAt?: null;
  /** The units' clocks not yet done stop at this moment (`stopUnitClocks`). */
  unitClocksStopAt?: string;
}

/** What the caller knows when a move is made: when, why, the case's review count, and how its plan counts time. */
interface MoveMoment {
  now: string;
  reason: string | undefined;
  reviewCount: number;
  policy: DeadlinePolicy;
  where: Jurisdiction;
}

/** The fields a listed move sets, from its effects in the table (the move must have been judged first). */
export function stageChanges(from: Stage, to: Stage, moment: MoveMoment): StageChanges {
  const move = findMove(from, to);
  if (!move) throw new Error(`A case cannot move from ${from} to ${to}.`);
  const { now, policy, where } = moment;
  const changes: StageChanges = { stage: to, stageChangedAt: now };
  for (const effect of move.effects) {
    if (effect === 'startAccept') changes.acceptDueAt = acceptDueAt(policy, now, where);
    if (effect === 'accept') {
      changes.acceptedAt = now;
      changes.concludeDueAt = concludeDueAt(policy, now, where);
    }
    if (effect === 'decline') {
      changes.acceptedAt = now;
      changes.notAcceptedReason = moment.reason ?? null;
    }
    if (effect === 'reopen') {
      changes.acceptedAt = null;
      changes.notAcceptedReason = null;
    }
    if (effect === 'close') changes.closedAt = now;
    if (effect === 'stopUnitClocks') changes.unitClocksStopAt = now;
    if (effect === 'startReview') {
      changes.reviewCount = moment.reviewCount + 1;
      changes.reviewStartedAt = now;
      changes.reviewDueAt = reviewDueAt(policy, now, where);
      changes.reviewConcludedAt = null;
      changes.closedAt = null;
    }
  }
  return changes;
}
