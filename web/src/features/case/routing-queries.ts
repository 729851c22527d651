import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { RoutingProposal, Transfer } from '../../api/types';

/** What the routing catalogue (派单目录) proposed for the case at registration, or null. */
export function routingQuery(caseId: string) {
  return queryOptions({
    queryKey: queryKeys.caseRouting(caseId),
    queryFn: async ({ signal }): Promise<RoutingProposal | null> => (await ok(client.GET('/api/v1/cases/{id}/routing', { params: { path: { id: caseId } }, signal }))).proposal,
  });
}

/** The case's transfers (转送) and assignments (交办) to other bodies, oldest first, with their clocks. */
export function transfersQuery(caseId: string) {
  return queryOptions({
    queryKey: queryKeys.caseTransfers(caseId),
    queryFn: async ({ signal }): Promise<Transfer[]> => (await ok(client.GET('/api/v1/cases/{id}/transfers', { params: { path: { id: caseId } }, signal }))).items,
  });
}

/** After an action on the case: its proposal and transfers are read again (the action answers the case only). */
export function useRefreshRouting(caseId: string): () => void {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.caseRouting(caseId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.caseTransfers(caseId) });
  };
}
