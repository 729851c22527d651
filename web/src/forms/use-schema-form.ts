import { useCallback, useMemo, useState, type BaseSyntheticEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { Static, TSchema } from 'typebox';
import { problemsOf, type Problem } from '../../../src/contract/problems.js';
import { ApiError } from '../api/client';
import { toFieldError } from './problem-text';
import { samePath, schemaResolver, type FieldOf } from './schema-resolver';

export interface SchemaForm<S extends TSchema, V extends FieldValues> {
  form: UseFormReturn<V, unknown, Static<S>>;
  /** The server's answer when it was not about a field of this form (a conflict, a refusal, the network). */
  failure: ApiError | undefined;
  /** The form's `onSubmit`: checks every field against the schema, then sends; never rejects. */
  onSubmit: (event?: BaseSyntheticEvent) => Promise<void>;
  clearFailure: () => void;
}

/** The field problems a 400 names; an older answer that names only `field` says that field is invalid. */
function serverProblems(error: ApiError): Problem[] {
  if (error.code !== 'validation_failed') return [];
  const problems = problemsOf(error.details);
  if (problems.length > 0) return problems;
  return error.field === undefined ? [] : [{ field: error.field, code: 'invalid' }];
}

/** By default a body path belongs to the form field of the same name, when the form holds one. */
function holdsField<V extends FieldValues>(values: V): FieldOf<V> {
  return (path) => {
    const name = samePath(path);
    const top = name.split('.')[0] ?? '';
    return top in values ? name : undefined;
  };
}

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
  const resolver = useMemo(() => schemaResolver(schema, toBody, fieldOf ?? ((path, values) => holdsField(values)(path, values))), [schema, toBody, fieldOf]);
  const form = useForm<V, unknown, Static<S>>({ resolver, defaultValues: options.defaultValues, mode: 'onSubmit', reValidateMode: 'onChange' });
  const [failure, setFailure] = useState<ApiError>();

  const place = useCallback(
    (error: ApiError): boolean => {
      const problems = serverProblems(error);
      if (problems.length === 0) return false;
      const values = form.getValues();
      const where = fieldOf ?? holdsField(values);
      let placedAll = true;
      let first = true;
      for (const problem of problems) {
        const name = where(problem.field, values);
        if (name === undefined) {
          placedAll = false;
          continue;
        }
        form.setError(name as Path<V>, toFieldError(problem), { shouldFocus: first });
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
