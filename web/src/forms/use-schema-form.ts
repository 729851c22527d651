import { useCallback, useMemo, useState, type BaseSyntheticEvent } from 'react';
import { useForm, type DefaultValues, type FieldError, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { Static, TSchema } from 'typebox';
import { problemsOf, type Problem } from '../../../src/contract/problems.js';
import { ApiError } from '../api/client';
import { toAnswerError, toFieldError } from './problem-text';
import { samePath, schemaResolver, type FieldOf } from './schema-resolver';

export interface SchemaForm<S extends TSchema, V extends FieldValues> {
  form: UseFormReturn<V, unknown, Static<S>>;
  /** The server's answer when it was not about a field of this form (a conflict, a refusal, the network). */
  failure: ApiError | undefined;
  /** The form's `onSubmit`: checks every field against the schema, then sends; never rejects. */
  onSubmit: (event?: BaseSyntheticEvent) => Promise<void>;
  clearFailure: () => void;
}

/**
 * What an error answer says about fields: every problem a 400 lists, or the one field another answer
 * names (a move held back for want of a `reason`), held as that answer so it is said in its own words.
 */
function serverProblems(error: ApiError): { field: string; held: FieldError }[] {
  const problems: Problem[] = error.code === 'validation_failed' ? problemsOf(error.details) : [];
  if (problems.length > 0) return problems.map((problem) => ({ field: problem.field, held: toFieldError(problem) }));
  return error.field === undefined ? [] : [{ field: error.field, held: toAnswerError(error) }];
}

/**
 * By default a body path belongs to the form field of the same name, when the form holds one; a
 * problem inside a field the form holds as one text (a line of `commitments`) belongs to that field.
 */
const sameField = <V extends FieldValues>(path: string, values: V): string | undefined => {
  const name = samePath(path);
  const top = name.split('.')[0] ?? '';
  if (!(top in values)) return undefined;
  const value: unknown = values[top];
  return typeof value === 'object' && value !== null ? name : top;
};

/**
 * A form checked by the server's own TypeBox schema for the body it sends (src/contract): every
 * field's problem shows at once, in the user's language, and the problems the server finds land on
 * the same fields. What is typed is `V`; `toBody` makes the body from it, so a field renamed in the
 * schema fails the typecheck there.
 */
export function useSchemaForm<S extends TSchema, V extends FieldValues>(options: {
  schema: S;
  defaultValues: DefaultValues<V>;
  toBody: (values: V) => Static<S>;
  /** Where a body path's problem shows (`representatives[1].name` → the row it was typed in). */
  fieldOf?: FieldOf<V>;
  send: (body: Static<S>) => Promise<unknown>;
}): SchemaForm<S, V> {
  const { schema, toBody, fieldOf, send } = options;
  const resolver = useMemo(() => schemaResolver(schema, toBody, fieldOf ?? sameField), [schema, toBody, fieldOf]);
  const form = useForm<V, unknown, Static<S>>({ resolver, defaultValues: options.defaultValues, mode: 'onSubmit', reValidateMode: 'onChange' });
  const [failure, setFailure] = useState<ApiError>();

  const place = useCallback(
    (error: ApiError): boolean => {
      const problems = serverProblems(error);
      if (problems.length === 0) return false;
      const values = form.getValues();
      const where = fieldOf ?? sameField;
      let placedAll = true;
      let first = true;
      for (const problem of problems) {
        const name = where(problem.field, values);
        if (name === undefined) {
          placedAll = false;
          continue;
        }
        form.setError(name as Path<V>, problem.held, { shouldFocus: first });
        first = false;
      }
      return placedAll;
    },
    [form, fieldOf],
  );

  const onSubmit = useMemo(
    () =>
      form.handleSubmit(async (body) => {
        setFailure(undefined);
        try {
          await send(body);
        } catch (caught) {
          const error = caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught));
          if (!place(error)) setFailure(error);
        }
      }),
    [form, send, place],
  );

  return { form, failure, onSubmit, clearFailure: useCallback(() => setFailure(undefined), []) };
}
