import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { CaseDetail, ChecklistStage, PlanChecklist } from '../../api/types';

/**
 * A plan version's checklist never changes once published, so it is fetched once per version and
 * kept for the page's life (the browser's cache keeps it across loads: it comes with an ETag and
 * Cache-Control: immutable). Every case pinned to that version shares it; a case answers only
 * which steps are ticked (`completedSteps`).
 */
const kept = new Map<string, Promise<PlanChecklist>>();

export function fetchChecklist(planId: string): Promise<PlanChecklist> {
  let pending = kept.get(planId);
  if (!pending) {
    pending = api<PlanChecklist>(`/api/v1/plans/${encodeURIComponent(planId)}/checklist`);
    // A failed fetch is not kept: the next render (or Retry) asks again.
    pending.catch(() => kept.delete(planId));
    kept.set(planId, pending);
  }
  return pending;
}

/** The plan's stages with the case's ticks on their steps. */
export function withTicks(checklist: PlanChecklist, completed: CaseDetail['completedSteps']): ChecklistStage[] {
  const done = new Map(completed.map((step) => [step.id, step]));
  return checklist.stages.map((stage) => ({
    ...stage,
    steps: stage.steps.map((step) => {
      const tick = done.get(step.id);
      return { ...step, doneAt: tick?.doneAt ?? null, doneBy: tick?.doneBy ?? null };
    }),
  }));
}

/** The case's checklist: the pinned plan's (fetched once per version) with the case's ticks. */
export function useChecklist(detail: Pick<CaseDetail, 'planId' | 'completedSteps'>): {
  stages: ChecklistStage[] | undefined;
  error: ApiError | undefined;
  retry(): void;
} {
  const [loaded, setLoaded] = useState<PlanChecklist>();
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  const { planId } = detail;
  useEffect(() => {
    let current = true;
    setError(undefined);
    fetchChecklist(planId).then(
      (checklist) => {
        if (current) setLoaded(checklist);
      },
      (caught: unknown) => {
        if (current) setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
      },
    );
    return () => {
      current = false;
    };
  }, [planId, attempt]);
  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  const stages = loaded && loaded.planId === planId ? withTicks(loaded, detail.completedSteps) : undefined;
  return { stages, error, retry };
}
