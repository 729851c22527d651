import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Plan } from '../../api/types';
import { ActionError } from '../../ui/states';

/** Publishing is final (a published version never changes), so it asks once more. */
export function PublishButton({ plan, onPublished }: { plan: Plan; onPublished?: (plan: Plan) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: () => ok(client.POST('/api/v1/plans/{id}/publish', { params: { path: { id: plan.id } } })),
    onSuccess: (published) => {
      // The list, and the current plan new cases open under, have changed.
      queryClient.setQueryData(queryKeys.plan(published.id), published);
      void queryClient.invalidateQueries({ queryKey: queryKeys.plans, predicate: (query) => query.queryKey[2] !== published.id });
      setConfirming(false);
      onPublished?.(published);
    },
  });
  const busy = publish.isPending;
  const error = publish.error ?? undefined;
  return (
    <div className="publish">
      {confirming ? (
        <div className="notice notice-warning" role="alertdialog" aria-labelledby="publish-question">
          <p id="publish-question">{t('plan.publishQuestion', { version: plan.version })}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => publish.mutate()}>
              {t('plan.publishConfirm')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {t('plan.publish')}
        </button>
      )}
      <ActionError error={error} />
    </div>
  );
}
