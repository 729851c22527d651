import type { CaseSummary } from '../../api/types';
import { nextOwed } from '../../ui/badges';

export const sortOrders = ['newest', 'oldest', 'deadline', 'urgency'] as const;
export type SortOrder = (typeof sortOrders)[number];

export function isSortOrder(value: unknown): value is SortOrder {
  return sortOrders.includes(value as SortOrder);
}

/** What sorting looks at. */
export type Sortable = Pick<CaseSummary, 'id' | 'receivedAt' | 'urgency' | 'deadlines'>;

const urgencyRank: Record<CaseSummary['urgency'], number> = { major: 0, urgent: 1, normal: 2 };

const byNewest = (a: Sortable, b: Sortable) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id);

/** Cases with no clock owed sort after every case that has one. */
const dueKey = (item: Sortable) => nextOwed(item)?.deadline.dueAt ?? '\uffff';

/** The loaded cases in the order asked for; the server pages newest first. */
export function sortCases<T extends Sortable>(items: readonly T[], order: SortOrder): T[] {
  const sorted = [...items];
  switch (order) {
    case 'newest':
      return sorted.sort(byNewest);
    case 'oldest':
      return sorted.sort((a, b) => byNewest(b, a));
    case 'deadline':
      return sorted.sort((a, b) => dueKey(a).localeCompare(dueKey(b)) || byNewest(a, b));
    case 'urgency':
      return sorted.sort((a, b) => urgencyRank[a.urgency] - urgencyRank[b.urgency] || byNewest(a, b));
  }
}
