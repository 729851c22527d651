import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApiError } from '../api/client';
import { serverText } from './server-text';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** What went wrong, in the user's language, with the server's own sentence beneath it. */
export function ErrorState({ error, retry }: { error: ApiError; retry?: () => void }) {
  const { t } = useTranslation();
  const title =
    error.status === 403
      ? t('errors.forbiddenTitle')
      : error.status === 404
        ? t('errors.notFoundTitle')
        : error.status === 0
          ? t('errors.networkTitle')
          : t('errors.genericTitle');
  return (
    <div className="notice notice-error" role="alert">
      <h2>{title}</h2>
      {error.status === 403 ? <p>{t('errors.forbiddenBody')}</p> : null}
      <p className="server-message">{error.message}</p>
      <p className="notice-actions">
        {retry && error.status !== 403 && error.status !== 404 ? (
          <button type="button" className="button" onClick={retry}>
            {t('common.retry')}
          </button>
        ) : null}
        <Link to="/">{t('errors.backToQueue')}</Link>
      </p>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** An inline error from an action, e.g. a 409 from the stage machine, announced when it appears. */
export function ActionError({ error }: { error: ApiError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="action-error" role="alert">
      {serverText(t, error.message)}
    </p>
  );
}
