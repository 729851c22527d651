import { useEffect, useState } from 'react';
import type { FieldValues } from 'react-hook-form';
import type { Static, TSchema } from 'typebox';
import type { CaseDetail } from '../../api/types';
import type { FieldOf } from '../../forms/schema-resolver';
import { useSchemaForm } from '../../forms/use-schema-form';
import { useCase } from './case-context';
import { useCaseMutation } from './case-queries';
import { readDraft, writeDraft } from './drafts';

/**
 * A form on the case page: checked by the route's own body schema (every problem at once, the
 * server's on the same fields), sent as an action on the case, and with the text fields named in
 * `kept` kept as drafts (drafts.ts) while typed, so a live update or a reload never loses them.
 */
export function useCaseForm<S extends TSchema, V extends FieldValues>(options: {
  schema: S;
  /** What the form holds when empty; a kept field starts from its draft. */
  empty: V;
  /** The text fields kept as drafts, each under its draft's name (`answer`, `meeting:summary`). */
  kept?: Partial<Record<keyof V & string, string>>;
  toBody: (values: V) => Static<S>;
  /** Where a body path's problem shows, when not on the field of the same name (forms/use-schema-form.ts). */
  fieldOf?: FieldOf<V>;
  send: (caseId: string, body: Static<S>) => Promise<CaseDetail>;
  /** After the case took it: the form is emptied and its drafts let go. */
  onDone?: () => void;
}) {
  const { detail } = useCase();
  const { schema, empty, toBody, onDone } = options;
  const kept = Object.entries(options.kept ?? {}) as [keyof V & string, string][];
  const [start] = useState<V>(() => ({ ...empty, ...Object.fromEntries(kept.flatMap(([field, draft]) => (readDraft(detail.id, draft) ? [[field, readDraft(detail.id, draft)]] : []))) }));
  const mutation = useCaseMutation(options.send);
  const schemaForm = useSchemaForm<S, V>({
    schema,
    defaultValues: start as never,
    toBody,
    ...(options.fieldOf ? { fieldOf: options.fieldOf } : {}),
    send: async (body) => {
      await mutation.mutateAsync(body);
      for (const [, draft] of kept) writeDraft(detail.id, draft, '');
      schemaForm.form.reset(empty);
      onDone?.();
    },
  });
  const { form } = schemaForm;
  const keptKey = JSON.stringify(kept);
  useEffect(() => {
    const fields = JSON.parse(keptKey) as [string, string][];
    if (fields.length === 0) return;
    const subscription = form.watch((values) => {
      for (const [field, draft] of fields) writeDraft(detail.id, draft, String((values as Record<string, unknown>)[field] ?? ''));
    });
    return () => subscription.unsubscribe();
  }, [form, keptKey, detail.id]);
  return { ...schemaForm, busy: mutation.isPending || form.formState.isSubmitting };
}
