import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { CaseDetail, CaseEvent } from '../../api/types';
import { useCase } from './case-context';
import { keepShownPersonalData } from './shown-personal-data';

/** One case, as a read of it shows it (with the names and contacts the reader may see). */
export function caseQuery(id: string) {
  return queryOptions({
    queryKey: queryKeys.case(id),
    queryFn: ({ signal }): Promise<CaseDetail> => ok(client.GET('/api/v1/cases/{id}', { params: { path: { id } }, signal })),
  });
}

/** The case's whole timeline, oldest first, every page of it. */
export function caseEventsQuery(id: string) {
  return queryOptions({
    queryKey: queryKeys.caseEvents(id),
    queryFn: async ({ signal }): Promise<CaseEvent[]> => {
      const events: CaseEvent[] = [];
      let cursor: string | undefined;
      do {
        const query: { limit: number; cursor?: string } = cursor ? { limit: 500, cursor } : { limit: 500 };
        const page = await ok(client.GET('/api/v1/cases/{id}/events', { params: { path: { id }, query }, signal }));
        events.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return events;
    },
  });
}

/**
 * What an action answered, shown at once: with the names the last read showed (an action's answer
 * leaves them out), and the timeline fetched again behind it. A read still under way is dropped,
 * so it cannot put the case as it was before the action back on screen.
 */
export async function applyCase(queryClient: QueryClient, updated: CaseDetail): Promise<void> {
  const key = queryKeys.case(updated.id);
  await queryClient.cancelQueries({ queryKey: key, exact: true });
  queryClient.setQueryData<CaseDetail>(key, (shown) => keepShownPersonalData(shown, updated));
  await queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(updated.id) });
}

/** An action on the case on screen (a POST answering the updated case), applied when it answers. */
export function useCaseMutation<B = void>(send: (caseId: string, body: B) => Promise<CaseDetail>) {
  const { detail, acted } = useCase();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => send(detail.id, body),
    onSuccess: async (updated) => {
      acted();
      await applyCase(queryClient, updated);
    },
  });
}
