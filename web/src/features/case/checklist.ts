import { useQuery } from '@tanstack/react-query';
import { client, ok } from '../../api/client';
import type { ApiError } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { CaseDetail, ChecklistStage, PlanChecklist } from '../../api/types';

/**
 * A plan version's checklist never changes once published, so it is fetched once per version and
 * kept for the page's life (the browser's cache keeps it across loads: it comes with an ETag and
 * Cache-Control: immutable). Every case pinned to that version shares it; a case answers only
 * which steps are ticked (`completedSteps`).
 */
function checklistQuery(planId: string) {
  return {
    queryKey: queryKeys.planChecklist(planId),
    queryFn: ({ signal }: { signal: AbortSignal }): Promise<PlanChecklist> =>
      ok(client.GET('/api/v1/plans/{id}/checklist', { params: { path: { id: planId } }, signal })),
    staleTime: Infinity,
  };
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
  const checklist = useQuery(checklistQuery(detail.planId));
  const stages = checklist.data ? withTicks(checklist.data, detail.completedSteps) : undefined;
  return { stages, error: checklist.error ?? undefined, retry: () => void checklist.refetch() };
}
