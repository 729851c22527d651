import type { FieldError, FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { ApiError } from '../../api/client';

const refused = 'refused';

/**
 * Holds on its field a refusal the server explains by `details.reason` (a wrong current password,
 * one the password policy refuses, a wrong code), for `refusalText` to word; true when it did.
 * The schema's own problems and every other answer are the form's (forms/use-schema-form.ts).
 */
export function holdRefusal<V extends FieldValues, B>(form: UseFormReturn<V, unknown, B>, caught: unknown, fields: Path<V>[]): boolean {
  if (!(caught instanceof ApiError)) return false;
  const reason = (caught.details as { reason?: unknown } | undefined)?.reason;
  const field = fields.find((name) => name === caught.field);
  if (typeof reason !== 'string' || field === undefined) return false;
  form.setError(field, { type: refused, message: reason }, { shouldFocus: true });
  return true;
}

/** A field's error as `Field` shows it: a held refusal in `words`, any other problem as it is. */
export function refusalText(error: FieldError | undefined, words: (reason: string) => string): FieldError | string | undefined {
  return error?.type === refused ? words(error.message ?? '') : error;
}
