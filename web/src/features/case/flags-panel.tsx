import { useTranslation } from 'react-i18next';
import type { CaseFlag } from '../../api/types';
import { ActionError } from '../../ui/states';
import { client, ok } from '../../api/client';
import { useCase } from './case-context';
import { useCaseMutation } from './case-queries';

/**
 * What the case is flagged for and why, so nobody works it unawares; the office clears a flag
 * once it has checked the case. A flag never hides a case.
 */
export function FlagsPanel() {
  const { t } = useTranslation();
  const { detail } = useCase();
  const clearing = useCaseMutation((id, flag: CaseFlag) => ok(client.POST('/api/v1/cases/{id}/flags/{flag}/clear', { params: { path: { id, flag } } })));
  const mayClear = detail.abilities['case.assign'];
  const cleared = clearing.isSuccess ? clearing.variables : undefined;
  return (
    <>
      <div role="status" aria-live="polite">
        {cleared && !detail.flags.includes(cleared) ? <p className="notice notice-success">{t('flag.cleared', { flag: t(`flag.${cleared}`) })}</p> : null}
      </div>
      {detail.flags.length > 0 ? (
        <section className="notice notice-warning flags-panel" aria-labelledby="flags-heading">
          <h2 id="flags-heading">{t('flag.heading')}</h2>
          {detail.flags.map((flag) => (
            <div key={flag} className="flag-entry">
              <p>
                <strong>{t(`flag.${flag}`)}</strong> — {t(`flag.explain.${flag}`)}
              </p>
              {mayClear ? (
                <button type="button" className="button" disabled={clearing.isPending} onClick={() => clearing.mutate(flag)}>
                  {t('flag.clear')}
                  <span className="visually-hidden"> ({t(`flag.${flag}`)})</span>
                </button>
              ) : (
                <p className="muted small">{t('flag.officeClears')}</p>
              )}
            </div>
          ))}
          <ActionError error={clearing.error ?? undefined} />
        </section>
      ) : null}
    </>
  );
}
