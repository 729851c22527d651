import type { TFunction } from 'i18next';

const reasons = ['too_short', 'too_long', 'common', 'repetitive', 'contains_email', 'unchanged', 'wrong'] as const;
type Reason = (typeof reasons)[number];
const isReason = (value: string): value is Reason => (reasons as readonly string[]).includes(value);

/** Why the server refused a password (its `details.reason`, never its message), in the reader's language. */
export function passwordWords(t: TFunction, reason: string): string {
  return isReason(reason) ? t(`account.passwordProblem.${reason}`) : t('problems.invalid');
}
