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

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} was not found.`);
}

export function forbidden(message = 'You are not allowed to do this.'): DomainError {
  return new DomainError('forbidden', message);
}
