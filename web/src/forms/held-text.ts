import type { TFunction } from 'i18next';
import { errorText } from '../ui/server-text';
import { answerType, problemOfFieldError, problemText, type HeldProblem, type TimeWords } from './problem-text';

/** What a held error says, in the user's language: a problem from its code, or the server's answer from its code and details. */
export function heldText(t: TFunction, error: HeldProblem, time?: TimeWords): string {
  if (error.type === answerType && error.message) {
    try {
      const answer = JSON.parse(error.message) as { code?: unknown; details?: unknown };
      if (typeof answer.code === 'string') return errorText(t, { code: answer.code, details: answer.details });
    } catch {
      // not an answer after all; said as a problem below
    }
  }
  return problemText(t, problemOfFieldError(error), time);
}
