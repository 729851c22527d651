import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Plan } from '../../api/types';
import { forgetCurrentPlan } from '../../session/plans';
import { ActionError } from '../../ui/states';

/** Publishing is final (a published version never changes), so it asks once more. */
export function PublishButton({ plan, onPublished }: { plan: Plan; onPublished: (plan: Plan) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const publish = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const published = await api<Plan>(`/api/v1/plans/${plan.id}/publish`, { method: 'POST' });
      forgetCurrentPlan();
      setConfirming(false);
      onPublished(published);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'error', String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="publish">
      {confirming ? (
        <div className="notice notice-warning" role="alertdialog" aria-labelledby="publish-question">
          <p id="publish-question">{t('plan.publishQuestion', { version: plan.version })}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void publish()}>
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
