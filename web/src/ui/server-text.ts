import type { TFunction } from 'i18next';
import { problemsOf } from '../../../src/contract/problems.js';
import { isReviewOutcome } from '../../../src/core/reviews.js';
import { problemText } from '../forms/problem-text';

/** What holds a stage move back (the stage machine's code, src/core/stages.ts `guardCodes`), in the user's language. */
export function guardText(t: TFunction, guard: string, params: Record<string, unknown> = {}): string {
  // A third review refused (Art. 36) names the conclusion that stands.
  const conclusion = params.conclusion as { outcome?: unknown } | null | undefined;
  if (guard === 'reviewsUsed' && typeof conclusion?.outcome === 'string' && isReviewOutcome(conclusion.outcome)) {
    return t('guards.reviewsUsedWith', { outcome: t(`reviews.outcomes.${conclusion.outcome}`) });
  }
  return t(`guards.${guard}`, { ...params, defaultValue: guard });
}

/**
 * What an error answer from the server says, as this app words it: from its code and details (a
 * guard, a reason, a field's problem), never its message.
 */
export function errorText(t: TFunction, error: { code: string; message?: string; field?: string | undefined; details?: unknown }): string {
  const details = error.details as { reason?: unknown; guard?: unknown } | null | undefined;
  if (typeof details?.guard === 'string') return guardText(t, details.guard, details);
  const reason = details?.reason;
  const byReason = typeof reason === 'string' ? t(`errors.reason.${reason}`, { ...(details as Record<string, unknown>), defaultValue: '' }) : '';
  if (byReason !== '') return byReason;
  const [problem] = error.code === 'validation_failed' ? problemsOf(error.details) : [];
  if (problem) return problemText(t, problem);
  const said = t(`errors.code.${error.code}`, { defaultValue: '' });
  return said !== '' ? said : t('errors.code.error');
}
