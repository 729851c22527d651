import type { TFunction } from 'i18next';

/** What holds a stage move back (the stage machine's code, src/core/stages.ts `guardCodes`), in the user's language. */
export function guardText(t: TFunction, guard: string, params: Record<string, unknown> = {}): string {
  return t(`guards.${guard}`, { ...params, defaultValue: guard });
}

/** Schema messages that only say a required field is empty, however the server words it. */
const emptyField = /: (must not have fewer than 1 characters|is required|must not be empty)\.?$/i;

/** A plain sentence to show above the server's own message for a field, when it says no more than "required". */
export function fieldGloss(t: TFunction, message: string): string | null {
  return emptyField.test(message) ? t('common.required') : null;
}

/** What an error answer from the server says, as this app words it: from its code, reason and field, never its message. */
export function errorText(t: TFunction, error: { code: string; message: string; field?: string | undefined; details?: unknown }): string {
  const details = error.details as { reason?: unknown; guard?: unknown } | null | undefined;
  if (typeof details?.guard === 'string') return guardText(t, details.guard, details);
  const reason = details?.reason;
  const byReason = typeof reason === 'string' ? t(`errors.reason.${reason}`, { defaultValue: '' }) : '';
  if (byReason !== '') return byReason;
  if (error.code === 'validation_failed' && emptyField.test(error.message)) return t('common.required');
  const said = t(`errors.code.${error.code}`, { defaultValue: '' });
  return said !== '' ? said : t('errors.code.error');
}
