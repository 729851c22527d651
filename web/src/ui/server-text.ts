import type { TFunction } from 'i18next';

/**
 * The stage machine's sentences (src/core/stages.ts), so a Chinese screen does not show English.
 * Any other server message is shown as the server wrote it; a test checks every guard is here.
 */
export const guardSentences = {
  'A collective visit needs its representatives recorded, or a recorded decision to receive the group together.': 'representativesChosen',
  'Assign a lead unit responsible for the case first.': 'leadUnitAssigned',
  'This move needs a reason.': 'reasonGiven',
  'Record the written answer before closing the case.': 'answered',
  'Record the answer to the review before closing it.': 'reviewAnswered',
  'A review can only be requested after an answer has been given.': 'noAnswerYet',
  'The time to request a review (30 days from the answer) has passed.': 'reviewWindowPassed',
  'Both the review and the second review have been used; the answer is final.': 'reviewsUsed',
} as const;

type GuardKey = (typeof guardSentences)[keyof typeof guardSentences];

/** A server sentence in the user's language when it is one of the stage machine's, else as written. */
export function serverText(t: TFunction, message: string): string {
  const key: GuardKey | undefined = (guardSentences as Record<string, GuardKey>)[message];
  return key ? t(`guards.${key}`) : message;
}

/** Schema messages that only say a required field is empty, however the server words it. */
const emptyField = /: (must not have fewer than 1 characters|is required|must not be empty)\.?$/i;

/** A plain sentence to show above the server's own message for a field, when it says no more than "required". */
export function fieldGloss(t: TFunction, message: string): string | null {
  return emptyField.test(message) ? t('common.required') : null;
}

/** What an error answer from the server says, as this app words it: from its code, reason and field, never its message. */
export function errorText(t: TFunction, error: { code: string; message: string; field?: string | undefined; details?: unknown }): string {
  const guard = (guardSentences as Record<string, GuardKey>)[error.message];
  if (guard) return t(`guards.${guard}`);
  const reason = (error.details as { reason?: unknown } | null | undefined)?.reason;
  const byReason = typeof reason === 'string' ? t(`errors.reason.${reason}`, { defaultValue: '' }) : '';
  if (byReason !== '') return byReason;
  if (error.code === 'validation_failed' && emptyField.test(error.message)) return t('common.required');
  const said = t(`errors.code.${error.code}`, { defaultValue: '' });
  return said !== '' ? said : t('errors.code.error');
}
