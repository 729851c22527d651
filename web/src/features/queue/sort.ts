import { isQueueOrder, queueOrders, type QueueOrder } from '../../../../src/core/queue.js';

/**
 * The orders the queue offers. The server sorts the whole filtered set and pages it in that order,
 * so a case on what would be a later page is never missed by sorting only what is loaded.
 */
export const sortOrders = queueOrders;
export type SortOrder = QueueOrder;
export const isSortOrder = isQueueOrder;
