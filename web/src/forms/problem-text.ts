import type { TFunction } from 'i18next';
import type { FieldError } from 'react-hook-form';
import { fileSize } from '../ui/file-size';
import { isProblemCode, type Problem, type ProblemParams } from '../../../src/contract/problems.js';

/** Formats an instant for a problem's words (`before_notified` names when the unit was notified). */
export type TimeWords = (iso: string) => string;

/** What is wrong with a field, in the user's language, from the problem's code and parameters. */
export function problemText(t: TFunction, problem: Pick<Problem, 'code' | 'params'>, time: TimeWords = (iso) => iso): string {
  const params = problem.params ?? {};
  const values = Array.isArray(params.values) ? params.values.join(t('problems.separator')) : '';
  const at = typeof params.at === 'string' ? time(params.at) : '';
  // A file's size limit comes in bytes; it is read in KB or MB.
  const size = typeof params.limit === 'number' ? fileSize(params.limit) : '';
  return t(`problems.${problem.code}`, { ...params, values, at, size });
}

/**
 * A problem as react-hook-form holds it: the code as the error's `type`, the parameters in its
 * `message` (as JSON), so the words are chosen when shown and follow a change of language.
 */
export function toFieldError(problem: Pick<Problem, 'code' | 'params'>): FieldError {
  return { type: problem.code, message: problem.params ? JSON.stringify(problem.params) : '' };
}

/** A react-hook-form error, a field's or the form's own (`errors.root`). */
export interface HeldProblem {
  type?: string | number;
  message?: string;
}

/** The problem a react-hook-form error holds; one the app set by hand (a `validate` rule) says only "invalid". */
export function problemOfFieldError(error: HeldProblem): Pick<Problem, 'code' | 'params'> {
  const code = isProblemCode(error.type) ? error.type : 'invalid';
  if (!error.message) return { code };
  try {
    const params = JSON.parse(error.message) as unknown;
    return typeof params === 'object' && params !== null ? { code, params: params as ProblemParams } : { code };
  } catch {
    return { code };
  }
}

/** The type of a held error that is the server's own answer about a field (a guard, a conflict), not a problem of its shape. */
export const answerType = 'answer';

/** The server's answer about one field (`guard_failed` on `reason`), held on that field. */
export function toAnswerError(error: { code: string; details?: unknown }): FieldError {
  return { type: answerType, message: JSON.stringify({ code: error.code, details: error.details }) };
}
