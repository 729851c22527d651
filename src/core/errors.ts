import type { ProblemCode, ProblemParams } from '../contract/problems.js';

/** One catalogue of domain errors: each has a stable code and the HTTP status it maps to. */
export const errorCatalogue = {
  validation_failed: 400,
  bad_request: 400,
  invalid_json: 400,
  invalid_plan: 400,
  /** A unit placed under itself or under one of its own descendants. */
  unit_cycle: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  /** The password was right; the account's second factor (a TOTP or recovery code) is asked for. */
  second_factor_required: 401,
  forbidden: 403,
  /** An unsafe request authenticated by the session cookie that came from another site (CSRF). */
  cross_site_request: 403,
  /** Signed in, but a new password or a second factor must be set up before anything else. */
  account_setup_required: 403,
  not_found: 404,
  conflict: 409,
  move_not_allowed: 409,
  guard_failed: 409,
  plan_published: 409,
  already_done: 409,
  /** A unit that still holds open assignments cannot be deactivated until they are rerouted. */
  unit_has_open_assignments: 409,
  /** A deactivated unit takes no new assignments or users. */
  unit_inactive: 409,
  /** The case came to rest (closed, not accepted): a unit's clocks no longer run and nothing more is recorded for it. */
  clocks_stopped: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  /** An Idempotency-Key sent again with a different request than the one it was first used with. */
  idempotency_key_reused: 422,
  rate_limited: 429,
  too_many_attempts: 429,
  internal_error: 500,
  /** A printed document (PDF) was asked for, and the font it is set in is not installed (fonts-noto-cjk, REDRESS_PDF_FONT). */
  pdf_font_missing: 503,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** A failure the caller can understand and act on; `field` names the offending input. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = errorCatalogue[code];
    this.field = options.field;
    this.details = options.details;
  }
}

/**
 * Shorthand for a 400 naming the field that is wrong. `problem` says what is wrong as a code and its
 * parameters (`details.problems`), which the apps word in their reader's language; the message is for logs.
 */
export function invalid(field: string, message: string, problem: { code: ProblemCode; params?: ProblemParams } = { code: 'invalid' }): DomainError {
  return new DomainError('validation_failed', `${field}: ${message}`, { field, details: { problems: [{ field, ...problem }] } });
}

/** Who can meet a refusal: staff in the web app, the public in the portal (and the public API), or both. */
type Audience = readonly ('staff' | 'public')[];

/**
 * Why a request was refused, where its error code alone would not tell a person: a stable reason in
 * `details.reason`, its parameters beside it. Each reason belongs to one error code. The apps word
 * every reason their readers can meet (web: `errors.reason.*`; portal: `errors.reasons`); the
 * message is for logs and for no one to match.
 */
export const errorReasons = {
  case_not_open: { code: 'conflict', params: ['stage'], for: ['staff'] },
  unit_already_assigned: { code: 'conflict', params: [], for: ['staff'] },
  lead_already_assigned: { code: 'conflict', params: [], for: ['staff'] },
  unit_released: { code: 'conflict', params: ['unitId'], for: ['staff'] },
  already_objected: { code: 'already_done', params: ['at'], for: ['staff'] },
  objection_window_passed: { code: 'conflict', params: ['until'], for: ['staff'] },
  assignment_rerouted: { code: 'conflict', params: [], for: ['staff'] },
  already_recorded: { code: 'already_done', params: ['at'], for: ['staff'] },
  answer_stage: { code: 'conflict', params: ['stage'], for: ['staff'] },
  step_already_done: { code: 'already_done', params: ['stepId', 'at'], for: ['staff'] },
  step_not_done: { code: 'conflict', params: ['stepId'], for: ['staff'] },
  not_flagged: { code: 'conflict', params: ['flag'], for: ['staff'] },
  no_personal_data: { code: 'conflict', params: [], for: ['staff'] },
  already_extended: { code: 'conflict', params: ['days'], for: ['staff'] },
  not_extendable: { code: 'conflict', params: ['stage'], for: ['staff'] },
  extension_pending: { code: 'conflict', params: ['days'], for: ['staff'] },
  no_extension_request: { code: 'conflict', params: [], for: ['staff'] },
  /** A clock pause asked for on a case whose handling clock is not running (not accepted yet, answered, at rest). */
  no_running_clock: { code: 'conflict', params: ['stage'], for: ['staff'] },
  pause_open: { code: 'conflict', params: ['pauseId'], for: ['staff'] },
  pause_ended: { code: 'already_done', params: ['at'], for: ['staff'] },
  /** The nature of the matter (core/matter.ts): the class asked for is the one the case has. */
  class_unchanged: { code: 'already_done', params: ['class'], for: ['staff'] },
  /** An adoption is recorded only on a suggestion (Art. 29). */
  not_a_suggestion: { code: 'conflict', params: ['class'], for: ['staff'] },
  /** A lawful channel (Art. 31 (1)–(5)) is recorded only on an appeal or request. */
  channel_needs_appeal: { code: 'conflict', params: ['class'], for: ['staff'] },
  /** The plan's discipline inspection unit is not (or no longer) in the unit tree. */
  discipline_unit_missing: { code: 'conflict', params: ['name'], for: ['staff'] },
  /** The earlier case named for Art. 36's finality has not been concluded yet. */
  earlier_case_open: { code: 'conflict', params: ['reference'], for: ['staff'] },
  /** The case is already concluded: its class, channel or finality are fixed. */
  case_concluded: { code: 'conflict', params: ['stage'], for: ['staff'] },
  /** Review by the body above (core/reviews.ts, core/policy.ts `reviewRefusal`): who handled the case before this round does not handle it (recusal). */
  review_recusal: { code: 'forbidden', params: ['round'], for: ['staff'] },
  /** The review is the body above's to handle: staff of another jurisdiction do not. */
  review_other_body: { code: 'forbidden', params: ['round'], for: ['staff'] },
  /** The case has no review round to record a conclusion or a body for. */
  no_review: { code: 'conflict', params: ['stage'], for: ['staff'] },
  /** A review's conclusion is recorded after the review's written answer. */
  review_not_answered: { code: 'conflict', params: ['round'], for: ['staff'] },
  /** The review body is an office in the system: no outside body is named, no request printed. */
  review_body_in_system: { code: 'conflict', params: ['round'], for: ['staff'] },
  /** The request for a body outside the system prints once its name is recorded. */
  review_body_unnamed: { code: 'conflict', params: ['round'], for: ['staff'] },
  /** Cases on the same issue (core/case-links.ts): a case is not linked to or merged into itself. */
  same_case: { code: 'validation_failed', params: [], for: ['staff'] },
  /** The case was merged into another as its duplicate (its `reference`): act on that one. */
  case_merged: { code: 'conflict', params: ['reference'], for: ['staff'] },
  /** A merge across jurisdictions (different trees of units): each body handles its own. */
  other_jurisdiction: { code: 'conflict', params: ['reference'], for: ['staff'] },
  /** The two cases are already linked (or merged) as the same issue. */
  already_linked: { code: 'already_done', params: ['at'], for: ['staff'] },
  /** Supervision (core/supervision.ts, Art. 40): one at a time on a case. */
  already_supervised: { code: 'conflict', params: ['kind'], for: ['staff'] },
  /** Supervision is of the lead unit: a case without one is not supervised. */
  no_lead_unit: { code: 'conflict', params: [], for: ['staff'] },
  /** Feedback or an end asked for on a case not under supervision. */
  not_supervised: { code: 'conflict', params: [], for: ['staff'] },
  /** The supervised unit gives its written feedback once. */
  feedback_given: { code: 'already_done', params: ['at'], for: ['staff'] },
  /** Reception days (core/receptions.ts): a cancelled day takes no bookings. */
  reception_cancelled: { code: 'conflict', params: ['at'], for: ['staff', 'public'] },
  /** Bookings close when the reception day begins. */
  reception_closed: { code: 'conflict', params: ['startsAt'], for: ['staff', 'public'] },
  /** The day has as many cases booked as it takes. */
  reception_full: { code: 'conflict', params: ['capacity'], for: ['staff', 'public'] },
  /** The case is booked on a reception day still to come (at `startsAt`): one at a time; cancel that booking first. */
  already_booked: { code: 'already_done', params: ['startsAt'], for: ['staff', 'public'] },
  /** The booking was cancelled already (or with its day). */
  booking_cancelled: { code: 'already_done', params: ['at'], for: ['staff'] },
  /** The reception day was cancelled already. */
  day_cancelled: { code: 'already_done', params: ['at'], for: ['staff'] },
  /** Personal charge (core/personal-charge.ts, 包案): another leader has it; they release it first. */
  in_charge_of_other: { code: 'conflict', params: ['leaderName'], for: ['staff'] },
  /** The leader has the case in personal charge already. */
  already_in_charge: { code: 'already_done', params: ['at'], for: ['staff'] },
  /** Only the leader in charge releases the charge; the case is not in theirs. */
  not_in_charge: { code: 'conflict', params: [], for: ['staff'] },
  /** A commitment (core/commitments.ts) is done or dropped once: it is `status` already. */
  commitment_settled: { code: 'already_done', params: ['status', 'at'], for: ['staff'] },
  /** A call-back recorded on a case with none due (core/callbacks.ts): one falls due on an answer or a reported rework. */
  no_callback_due: { code: 'conflict', params: [], for: ['staff'] },
  /** A case is sent back for rework once at a time: the unit reports the one under way first. */
  rework_open: { code: 'conflict', params: ['dueAt'], for: ['staff'] },
  /** A rework on the petitioner's rating asked for when the latest answer has no unsatisfied rating. */
  no_unsatisfied_rating: { code: 'conflict', params: [], for: ['staff'] },
  /** A rating sends the case back once. */
  rating_sent_back: { code: 'already_done', params: ['at'], for: ['staff'] },
  /** A rework report on a case not back with its unit. */
  no_rework: { code: 'conflict', params: [], for: ['staff'] },
  email_taken: { code: 'conflict', params: [], for: ['staff'] },
  unit_deactivated: { code: 'already_done', params: ['at'], for: ['staff'] },
  unit_active: { code: 'already_done', params: [], for: ['staff'] },
  key_revoked: { code: 'already_done', params: ['at'], for: ['staff'] },
  webhook_enabled: { code: 'already_done', params: [], for: ['staff'] },
  webhook_disabled: { code: 'already_done', params: [], for: ['staff'] },
  totp_already_set_up: { code: 'conflict', params: [], for: ['staff'] },
  totp_setup_not_started: { code: 'conflict', params: [], for: ['staff'] },
  no_second_factor: { code: 'already_done', params: [], for: ['staff'] },
  wrong_code: { code: 'validation_failed', params: [], for: ['staff'] },
  plan_already_published: { code: 'plan_published', params: [], for: ['staff'] },
  plan_key_fixed: { code: 'validation_failed', params: ['key'], for: ['staff'] },
  request_in_progress: { code: 'conflict', params: [], for: ['staff', 'public'] },
  no_published_plan: { code: 'conflict', params: [], for: ['staff', 'public'] },
  no_answer_to_rate: { code: 'conflict', params: [], for: ['public'] },
  rating_window_passed: { code: 'conflict', params: ['until'], for: ['public'] },
  already_rated: { code: 'already_done', params: [], for: ['public'] },
} as const satisfies Record<string, { code: ErrorCode; params: readonly string[]; for: Audience }>;

export type ErrorReason = keyof typeof errorReasons;
/** The reasons the petition portal can meet, which its catalogue words. */
export type PublicReason = { [R in ErrorReason]: 'public' extends (typeof errorReasons)[R]['for'][number] ? R : never }[ErrorReason];
type ReasonParams<R extends ErrorReason> = Record<(typeof errorReasons)[R]['params'][number], string | number>;

/** A refusal with its reason and parameters in `details` (and `field` when one input is at fault). */
export function refused<R extends ErrorReason>(reason: R, message: string, params: ReasonParams<R>, options: { field?: string } = {}): DomainError {
  return new DomainError(errorReasons[reason].code, message, { ...options, details: { reason, ...params } });
}

/** The reason a refusal carries, if it carries one of ours. */
export function reasonOf(error: DomainError): ErrorReason | undefined {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' && Object.hasOwn(errorReasons, reason) ? (reason as ErrorReason) : undefined;
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} was not found.`);
}

export function forbidden(message = 'You are not allowed to do this.'): DomainError {
  return new DomainError('forbidden', message);
}
