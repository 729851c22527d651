import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { client, ok } from '../api/client';
import { queryKeys } from '../api/queries';
import type { Plan, PlanSummary } from '../api/types';

/** One plan version. A published version never changes, so once loaded it is never fetched again. */
export function planQuery(id: string) {
  return queryOptions({
    queryKey: queryKeys.plan(id),
    queryFn: ({ signal }): Promise<Plan> => ok(client.GET('/api/v1/plans/{id}', { params: { path: { id } }, signal })),
    staleTime: (query) => (query.state.data?.status === 'published' ? Infinity : 0),
  });
}

/** Every version of every plan. */
export const planListQuery = queryOptions({
  queryKey: queryKeys.planList,
  queryFn: ({ signal }): Promise<{ items: PlanSummary[] }> => ok(client.GET('/api/v1/plans', { signal })),
});

/** The version new cases open under: the most recently published one. */
export function currentPlanSummary(items: PlanSummary[]): PlanSummary | undefined {
  return items
    .filter((item) => item.status === 'published')
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.version - a.version)[0];
}

/**
 * The current published plan (for categories). It changes only when someone publishes, which
 * invalidates `plans` (publish-button.tsx), so it is fetched once per page load until then.
 */
export function currentPlanQuery(queryClient: QueryClient) {
  return queryOptions({
    queryKey: queryKeys.currentPlan,
    queryFn: async ({ signal }): Promise<Plan | null> => {
      const { items } = await ok(client.GET('/api/v1/plans', { signal }));
      const summary = currentPlanSummary(items);
      return summary ? queryClient.fetchQuery(planQuery(summary.id)) : null;
    },
    staleTime: Infinity,
  });
}

/** One plan version, once loaded (a case's pinned plan). */
export function usePlan(id: string): Plan | undefined {
  return useQuery(planQuery(id)).data;
}

/** The current published plan (for categories), once loaded. */
export function useCurrentPlan(): Plan | undefined {
  const { data } = useQuery({ ...currentPlanQuery(useQueryClient()) });
  return data ?? undefined;
}
