import { queryOptions } from '@tanstack/react-query';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { User } from '../../../api/types';

/** Every staff account (the admin's list, and the audit page's choice of actor). */
export const usersQuery = queryOptions({
  queryKey: queryKeys.users,
  queryFn: ({ signal }): Promise<{ items: User[] }> => ok(client.GET('/api/v1/users', { signal })),
});
