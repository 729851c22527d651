import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, FieldValues, Resolver } from 'react-hook-form';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { schemaProblems } from '../../../src/contract/problems.js';
import { toFieldError } from './problem-text';

/** The form field a body path such as `representatives[1].name` belongs to; undefined when none shows it. */
export type FieldOf<V> = (path: string, values: V) => string | undefined;

/** `representatives[1].name` as react-hook-form names it: `representatives.1.name`. */
export const samePath = (path: string): string => path.replace(/\[(\d+)\]/g, '.$1');

/**
 * A react-hook-form resolver that checks the body a form would send against the server's own schema
 * for it, and puts every problem on its field at once. `toBody` turns what is typed into that body
 * (a number from its text, an instant from a local time); the checked body is what the form submits.
 */
export function schemaResolver<S extends TSchema, V extends FieldValues>(
  schema: S,
  toBody: (values: V) => Static<S>,
  fieldOf: FieldOf<V> = samePath,
): Resolver<V, unknown, Static<S>> {
  return (values, _context, options) => {
    const body = toBody(values);
    const problems = schemaProblems(Value.Errors(schema, body));
    if (problems.length === 0) return { values: body, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const problem of problems) {
      // A problem no field of this form shows (a field the form never sends) marks the form itself.
      const name = fieldOf(problem.field, values) ?? 'root';
      errors[name] ??= toFieldError(problem);
    }
    return { values: {}, errors: toNestErrors(errors, options) };
  };
}
