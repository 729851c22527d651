import { createContext, useContext } from 'react';
import type { CaseDetail, CaseEvent } from '../../api/types';

export interface CaseState {
  detail: CaseDetail;
  events: CaseEvent[];
  /** Called when the reader's own action on the case succeeded (the page then stops saying it was just registered). */
  acted(): void;
}

export const CaseContext = createContext<CaseState | null>(null);

export function useCase(): CaseState {
  const value = useContext(CaseContext);
  if (!value) throw new Error('useCase outside a case page');
  return value;
}
