import type { TFunction } from 'i18next';
import type { ApiError } from '../../api/client';

const reasons = ['too_short', 'too_long', 'common', 'repetitive', 'contains_email', 'unchanged', 'wrong'] as const;
type Reason = (typeof reasons)[number];

/** Why the server refused a password, in the reader's language (from `details.reason`, never the message). */
export function passwordError(t: TFunction, error: ApiError): string {
  const reason = (error.details as { reason?: string } | undefined)?.reason;
  return reasons.includes(reason as Reason) ? t(`account.passwordProblem.${reason as Reason}`) : error.message;
}
