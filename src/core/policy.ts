import { accuserMaterialShown, type MatterFacts } from './matter.js';
import type { Actor, Role } from './types.js';

/** What a user may try to do. Case actions are judged against the units assigned to the case. */
export const caseActions = [
  'case.read',
  'case.move',
  'case.assign',
  'case.note',
  'case.meet',
  'case.answer',
  'case.step',
  'case.representatives',
  /** Ask for the one extension of the time to conclude (the office). */
  'case.extension.request',
  /** Approve or refuse a requested extension: the head's decision (Art. 34), a leader's alone. */
  'case.extension.decide',
  /** Start and end a clock pause (a hearing, an assessment, a mediation; core/pauses.ts): the office's right. */
  'case.pause',
  /**
   * Classify the matter, record its lawful channel, a suggestion's adoption, or the earlier
   * conclusion that stands (core/matter.ts, Art. 29–31 and 36): the office's decision.
   */
  'case.classify',
  /** Attach a file to the case (a scanned letter, a photo, a document): the office and the units on it. */
  'case.attach',
  /**
   * Record a review's conclusion (upheld, changed, revoked), the name of a review body outside the
   * system, and print the request for it (Art. 35–36): the office's right, subject to `reviewRefusal`.
   */
  'case.review',
  /**
   * Link cases on the same issue, dismiss a suggested one, merge a duplicate into the case that
   * survives it (core/case-links.ts): the office's decision. Cases link by issue, never by person.
   */
  'case.link',
  /** Put a case under supervision or listed supervision (督办, 挂牌督办, Art. 40) and end it: the leadership group's alone. */
  'case.supervise',
  /** Give the written feedback a supervision notice asks for: the lead unit's officers (the command checks the unit). */
  'case.supervision.feedback',
  /** Book the case onto a leader's reception day (领导接访日) and cancel the booking: the office's. */
  'case.reception.book',
  /** Take personal charge of the case (包案) and release it: a leader, for themselves (core/personal-charge.ts). */
  'case.personal_charge',
  /** Record a commitment a meeting or a decision made (承诺事项), and drop one with a reason: the office and the leadership group. */
  'case.commitment',
  /** Record a commitment done with its evidence: the office, and the owner unit's officers (the command checks the unit). */
  'case.commitment.done',
  /**
   * Record the call-back's outcome (回访) and send a case back to its lead unit for rework (发回重办)
   * on the petitioner's unsatisfied rating (core/callbacks.ts): the office's.
   */
  'case.callback',
  /** Report the rework the office sent the case back for: the lead unit's officers (the command checks the unit). */
  'case.rework.report',
] as const;
export type CaseAction = (typeof caseActions)[number];

/** What can be done for one unit on a case; judged against that unit (`{ type: 'assignment', unitId }`). */
export type AssignmentAction =
  | 'assignment.acknowledge'
  | 'assignment.arrive'
  /** Submit the unit's proposed solution (解决方案). */
  | 'assignment.propose'
  /** Say the case is outside the unit's remit: only the unit itself does (the office reroutes instead). */
  | 'assignment.object'
  /** Move the assignment to another unit: the office's right. */
  | 'assignment.reroute';

/** What a user may do outside any one case: the app's navigation shows only these (`globalAbilities`). */
export const globalActions = [
  'case.create',
  'case.list',
  'unit.read',
  'unit.create',
  /** Edit, move in the tree, deactivate and reactivate a unit. */
  'unit.update',
  /** Webhooks, the holiday calendar, and the settings in force: the running of the server. */
  'settings.manage',
  'user.read',
  'user.create',
  /** Edit, deactivate, reset the password of, and end the sessions and tokens of another user. */
  'user.update',
  /** Which roles must use a second factor. */
  'auth.policy',
  'plan.read',
  'plan.write',
  'plan.publish',
  'audit.read',
  /** The accountability report and dashboard statistics: the whole jurisdiction's figures. */
  'report.read',
  'open311.keys',
  /** The office's response templates (答复模板): write, edit, deactivate. */
  'template.manage',
  /** The leaders' reception days (领导接访日): publish and cancel them, see their bookings. */
  'reception.manage',
  /** The office's list of call-backs due (回访): the office's work list. */
  'callback.list',
] as const;
export type GlobalAction = (typeof globalActions)[number];

export type Action = CaseAction | AssignmentAction | GlobalAction;

export type Resource =
  | { type: 'case'; assignedUnitIds: readonly string[] }
  | { type: 'assignment'; unitId: string }
  | { type: 'global' };

/**
 * Every case action but the leaders' own (the decision on an extension, which the office asks for and
 * cannot grant itself; supervision; personal charge), the supervised unit's written feedback and the unit's rework report.
 */
const notTheOffice: readonly CaseAction[] = ['case.extension.decide', 'case.supervise', 'case.supervision.feedback', 'case.personal_charge', 'case.rework.report'];
const everyCaseAction: readonly CaseAction[] = caseActions.filter((action) => !notTheOffice.includes(action));

/** Declarative rules: which actions each role holds, before the unit scope is applied. */
const grants: Record<Role, readonly Action[]> = {
  admin: [
    ...everyCaseAction,
    'assignment.acknowledge',
    'assignment.arrive',
    'assignment.propose',
    'assignment.reroute',
    ...globalActions,
  ],
  coordinator: [
    ...everyCaseAction,
    'assignment.acknowledge',
    'assignment.arrive',
    'assignment.propose',
    'assignment.reroute',
    'case.create',
    'case.list',
    'unit.read',
    'user.read',
    'plan.read',
    'report.read',
    'template.manage',
    'reception.manage',
    'callback.list',
  ],
  unit_officer: [
    'case.read',
    'case.move',
    'case.note',
    'case.meet',
    'case.answer',
    'case.step',
    'case.attach',
    'case.supervision.feedback',
    'case.commitment.done',
    'case.rework.report',
    'assignment.acknowledge',
    'assignment.arrive',
    'assignment.propose',
    'assignment.object',
    'case.create',
    'case.list',
    'unit.read',
    'plan.read',
  ],
  leader: ['case.read', 'case.move', 'case.note', 'case.meet', 'case.extension.decide', 'case.supervise', 'case.personal_charge', 'case.commitment', 'case.list', 'unit.read', 'user.read', 'plan.read', 'report.read'],
  auditor: ['case.read', 'case.list', 'unit.read', 'user.read', 'plan.read', 'audit.read', 'report.read'],
};

/** Which cases an actor sees: all of the jurisdiction, or only those assigned to their unit. */
export type CaseScope = { all: true } | { all: false; unitId: string | null };

/** The scope list queries filter by in SQL; `can` applies the same rule to a single case. */
export function caseScope(actor: Actor): CaseScope {
  return actor.role === 'unit_officer' ? { all: false, unitId: actor.unitId } : { all: true };
}

/** Whether an actor may perform an action on a resource. Every route asks this. */
export function can(actor: Actor, action: Action, resource: Resource = { type: 'global' }): boolean {
  if (!grants[actor.role].includes(action)) return false;
  const scope = caseScope(actor);
  if (scope.all) return true;
  if (resource.type === 'case') return scope.unitId !== null && resource.assignedUnitIds.includes(scope.unitId);
  if (resource.type === 'assignment') return scope.unitId === resource.unitId;
  return true;
}

/** Every case ability of an actor at once, so a UI can show or hide controls without repeating rules. */
export function caseAbilities(actor: Actor, assignedUnitIds: readonly string[]): Record<CaseAction, boolean> {
  const resource: Resource = { type: 'case', assignedUnitIds };
  return Object.fromEntries(caseActions.map((action) => [action, can(actor, action, resource)])) as Record<
    CaseAction,
    boolean
  >;
}

/** Every global ability of an actor at once, sent with the session so the app's navigation repeats no rule. */
export function globalAbilities(actor: Actor): Record<GlobalAction, boolean> {
  return Object.fromEntries(globalActions.map((action) => [action, can(actor, action)])) as Record<GlobalAction, boolean>;
}

/**
 * Who sees a case's names and contacts (petitioner, representatives): `shown` to the office and to
 * officers of a unit assigned to the case, who answer the petitioner; `on_request` to everyone
 * else who may read the case, who sees it without them and may reveal them only with a stated
 * reason (a "break-glass" read, audited and reported to the auditor); `none` to who cannot read it.
 */
type PersonalDataAccess = 'shown' | 'on_request' | 'none';

export function personalDataAccess(actor: Actor, assignedUnitIds: readonly string[], matter?: MatterFacts): PersonalDataAccess {
  if (!can(actor, 'case.read', { type: 'case', assignedUnitIds })) return 'none';
  // A report's accuser is never shown to a unit other than discipline inspection (Art. 30), not even by a break-glass read.
  if (matter !== undefined && !accuserMaterialShown(actor, matter)) return 'none';
  if (actor.role === 'coordinator') return 'shown';
  if (actor.role === 'unit_officer' && actor.unitId !== null && assignedUnitIds.includes(actor.unitId)) return 'shown';
  return 'on_request';
}

/** What can be recorded of a unit's work on a case: each once, and only while its clocks run. */
export interface AssignmentStanding {
  unitId: string;
  /** When its clocks stopped: rerouted away, or the case came to rest (core/clock-stops.ts). */
  stoppedAt: string | null;
  /** Set when the office rerouted the case away from this unit. */
  releasedAt: string | null;
  acknowledged: boolean;
  /** Whether the unit is expected on the scene and has not arrived yet. */
  arrivalOwed: boolean;
  proposed: boolean;
  /** The unit's window to object (null on assignments made before it had one), and its objection if made. */
  objection: { dueAt: string | null; at: string | null };
  /** Whether the case is being worked (an open stage): only then is a unit rerouted. */
  caseOpen: boolean;
}

interface AssignmentAbilities {
  acknowledge: boolean;
  arrive: boolean;
  propose: boolean;
  /** Object that the case is outside the unit's remit: its own officers, once, within the window. */
  object: boolean;
  /** Move the assignment to another unit: the office, on a case being worked, while the unit still has it. */
  reroute: boolean;
  /** The actor is not of the unit: what they record, they record on the unit's behalf. */
  onBehalf: boolean;
}

/** Every step an actor may take for one assigned unit at `now`, so the UI shows only those buttons. */
export function assignmentAbilities(actor: Actor, assignment: AssignmentStanding, now: string): AssignmentAbilities {
  const resource: Resource = { type: 'assignment', unitId: assignment.unitId };
  const open = assignment.stoppedAt === null;
  const held = assignment.releasedAt === null;
  const { dueAt, at } = assignment.objection;
  return {
    acknowledge: open && can(actor, 'assignment.acknowledge', resource) && !assignment.acknowledged,
    arrive: open && can(actor, 'assignment.arrive', resource) && assignment.arrivalOwed,
    propose: open && can(actor, 'assignment.propose', resource) && !assignment.proposed,
    // The server refuses only after the due time, so the due instant itself is still open.
    object: held && can(actor, 'assignment.object', resource) && at === null && dueAt !== null && now <= dueAt,
    reroute: held && assignment.caseOpen && can(actor, 'assignment.reroute', resource),
    onBehalf: actor.unitId !== assignment.unitId,
  };
}

/**
 * Who may handle a review (Art. 35–36), beyond the role and scope `can` judges: the facts of the
 * review under way. `bodyUnitIds` are the units of the review body's jurisdiction (its office and
 * the units under it); null when the review body is outside the system, whose answer the office
 * only records. `handledEarlier` are the staff who handled the case before this round began: who
 * answered it, assigned or were assigned it, or acted on it in any recorded way (the timeline).
 */
export interface ReviewHandling {
  round: number;
  bodyUnitIds: readonly string[] | null;
  handledEarlier: readonly string[];
}

/**
 * The rules of the review, as refusal codes naming them:
 * - `review_recusal`: who handled the first stage (or the review before a second review) does not handle the review;
 * - `review_other_body`: the review is the body above's to handle: staff of another jurisdiction do not (admins aside).
 * Null when the actor may handle it. Reading the case is never refused by these rules.
 */
export type ReviewRefusal = 'review_recusal' | 'review_other_body';

export function reviewRefusal(actor: Actor, action: Action, review: ReviewHandling | null): ReviewRefusal | null {
  if (review === null || action === 'case.read') return null;
  // A body outside the system handles its review itself; the office here only records it.
  if (review.bodyUnitIds === null) return null;
  if (review.handledEarlier.includes(actor.id)) return 'review_recusal';
  if (actor.role === 'admin') return null;
  if (actor.unitId === null || !review.bodyUnitIds.includes(actor.unitId)) return 'review_other_body';
  return null;
}
