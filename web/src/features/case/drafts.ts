import { useCallback, useEffect, useState } from 'react';

const prefix = 'redress:draft:';
const keyOf = (caseId: string, form: string) => `${prefix}${caseId}:${form}`;

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    if (value === '') sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage may be full or switched off; the draft then lives only on screen.
  }
}

/**
 * Text typed into one of a case's forms, kept (in this tab's session storage) until it is saved or
 * discarded — so a live update that changes or removes the form, or a reload, never loses it.
 */
export function useDraft(caseId: string, form: string): [string, (value: string) => void, () => void] {
  const key = keyOf(caseId, form);
  const [value, setValue] = useState(() => read(key) ?? '');
  useEffect(() => setValue(read(key) ?? ''), [key]);
  const set = useCallback(
    (next: string) => {
      setValue(next);
      write(key, next);
    },
    [key],
  );
  const clear = useCallback(() => set(''), [set]);
  return [value, set, clear];
}

/** The kept draft of one of a case's forms ('' when none). */
export function readDraft(caseId: string, form: string): string {
  return read(keyOf(caseId, form)) ?? '';
}

/** Keeps (or, when empty, lets go of) the draft of one of a case's forms. */
export function writeDraft(caseId: string, form: string, value: string): void {
  write(keyOf(caseId, form), value);
}

/** Whether a form of this case holds a kept draft. */
export function hasDraft(caseId: string, form: string): boolean {
  return (read(keyOf(caseId, form)) ?? '') !== '';
}

/** Whether any form of this case holds a kept draft. */
export function anyDraft(caseId: string): boolean {
  try {
    for (let index = 0; index < sessionStorage.length; index += 1) {
      const key = sessionStorage.key(index);
      if (key?.startsWith(keyOf(caseId, '')) && sessionStorage.getItem(key)) return true;
    }
  } catch {
    return false;
  }
  return false;
}
