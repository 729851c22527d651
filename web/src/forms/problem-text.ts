import type { TFunction } from 'i18next';
import type { FieldError } from 'react-hook-form';
import { isProblemCode, type Problem, type ProblemParams } from '../../../src/contract/problems.js';

/** Formats an instant for a problem's words (`before_notified` names when the unit was notified). */
export type TimeWords = (iso: string) => string;

/** What is wrong with a field, in the user's language, from the problem's code and parameters. */
export function problemText(t: TFunction, problem: Pick<Problem, 'code' | 'params'>, time: TimeWords = (iso) => iso): string {
  const params = problem.params ?? {};
  const values = Array.isArray(params.values) ? params.values.join(t('problems.separator')) : '';
  const at = typeof params.at === 'string' ? time(params.at) : '';
  return t(`problems.${problem.code}`, { ...params, values, at });
}

/**
 * A problem as react-hook-form holds it: the code as the error's `type`, the parameters in its
 * `message` (as JSON), so the words are chosen when shown and follow a change of language.
 */
export function toFieldError(problem: Pick<Problem, 'code' | 'params'>): FieldError {
  return { type: problem.code, message: problem.params ? JSON.stringify(problem.params) : '' };
}

/** The problem a react-hook-form error holds; one the app set by hand (a `validate` rule) says only "invalid". */
export function problemOfFieldError(error: Pick<FieldError, 'type' | 'message'>): Pick<Problem, 'code' | 'params'> {
  const code = isProblemCode(error.type) ? error.type : 'invalid';
  if (!error.message) return { code };
  try {
    const params = JSON.parse(error.message) as unknown;
    return typeof params === 'object' && params !== null ? { code, params: params as ProblemParams } : { code };
  } catch {
    return { code };
  }
}
