import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { errorText } from '../ui/server-text';
import { heldText } from './held-text';
import type { HeldProblem } from './problem-text';

/** A problem of a group of fields (the representatives as a whole), said beside them. */
export function FieldProblem({ error }: { error: HeldProblem | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field-error" role="alert">
      {heldText(t, error)}
    </p>
  );
}

/**
 * What went wrong that no field of the form shows: the server's refusal or conflict, the network,
 * or a problem of a field the form does not have. Focused when it appears, so it is read out.
 */
export function FormFailure({ failure, problems }: { failure: ApiError | undefined; problems?: HeldProblem | undefined }) {
  const { t } = useTranslation();
  const shown = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (failure) shown.current?.focus();
  }, [failure]);
  const text = failure ? errorText(t, failure) : problems ? heldText(t, problems) : null;
  if (text === null) return null;
  return (
    <p ref={shown} className="form-error" role="alert" tabIndex={-1}>
      {text}
    </p>
  );
}
