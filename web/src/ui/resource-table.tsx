import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { Empty, ErrorState, Loading } from './states';

/** What a table needs of a list query (TanStack's `useQuery` answer is one). */
export interface ListQuery<T> {
  data: { items: T[] } | undefined;
  error: ApiError | null;
  isPending: boolean;
  refetch: () => unknown;
}

interface ResourceTableProps<T> {
  query: ListQuery<T>;
  /** The column headings, in order. */
  columns: ReactNode[];
  /** One item's row: a `<tr>` with its key. */
  row: (item: T) => ReactNode;
  /** Said instead of an empty table; without it, an empty list is an empty table. */
  empty?: ReactNode;
  className?: string;
  /** The error without its own heading, when the section's heading already says what failed. */
  untitledError?: boolean;
}

/**
 * A list from the server as a table: what went wrong (with a retry), loading, the empty message,
 * or a row per item. The list stays on screen while it is fetched again.
 */
export function ResourceTable<T>({ query, columns, row, empty, className = 'data-table', untitledError }: ResourceTableProps<T>) {
  const items = query.data?.items;
  return (
    <>
      {query.error ? <ErrorState error={query.error} retry={() => void query.refetch()} untitled={untitledError} /> : null}
      {query.isPending ? <Loading /> : null}
      {items && items.length === 0 && empty ? <Empty>{empty}</Empty> : null}
      {items && (items.length > 0 || !empty) ? (
        <table className={className}>
          <thead>
            <tr>
              {columns.map((column, index) => (
                <th scope="col" key={index}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{items.map(row)}</tbody>
        </table>
      ) : null}
    </>
  );
}
