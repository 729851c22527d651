import { createContext, useCallback, useContext, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { CaseDetail, CaseEvent } from '../../api/types';

export interface CaseState {
  detail: CaseDetail;
  events: CaseEvent[];
  /** Shows what an action answered and fetches the timeline again. */
  apply(detail: CaseDetail): void;
}

export const CaseContext = createContext<CaseState | null>(null);

export function useCase(): CaseState {
  const value = useContext(CaseContext);
  if (!value) throw new Error('useCase outside a case page');
  return value;
}

/** Runs one action on the case (a POST answering the updated case) and applies the answer. */
export function useCaseAction() {
  const { detail, apply } = useCase();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(
    async (path: string, body?: unknown): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        const updated = await api<CaseDetail>(`/api/v1/cases/${encodeURIComponent(detail.id)}${path}`, { method: 'POST', body: body ?? {} });
        apply(updated);
        return true;
      } catch (caught) {
        setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [detail.id, apply],
  );
  return { busy, error, run, clearError: () => setError(undefined) };
}
