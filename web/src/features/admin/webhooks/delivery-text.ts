import type { TFunction } from 'i18next';
import type { Delivery } from '../../../api/types';

/** How a delivery stands, in the reader's language: delivered, waiting (for a retry after a failure), or given up. */
export function deliveryState(t: TFunction, delivery: Pick<Delivery, 'status' | 'attempts'>): string {
  if (delivery.status === 'sent') return t('adminWebhooks.delivery.sent');
  if (delivery.status === 'failed') return t('adminWebhooks.delivery.failed');
  return t(delivery.attempts > 0 ? 'adminWebhooks.delivery.retrying' : 'adminWebhooks.delivery.pending');
}

/** Why the last attempt failed, from the server's code (and the receiver's HTTP status). */
export function deliveryProblem(t: TFunction, delivery: Pick<Delivery, 'lastErrorCode' | 'lastHttpStatus'>): string {
  switch (delivery.lastErrorCode) {
    case null:
      return '';
    case 'http_status':
      return t('adminWebhooks.problem.http_status', { status: delivery.lastHttpStatus ?? '?' });
    case 'timeout':
      return t('adminWebhooks.problem.timeout');
    case 'unreachable':
      return t('adminWebhooks.problem.unreachable');
    case 'webhook_disabled':
      return t('adminWebhooks.problem.webhook_disabled');
    case 'unsubscribed':
      return t('adminWebhooks.problem.unsubscribed');
    default:
      return t('adminWebhooks.problem.error');
  }
}
