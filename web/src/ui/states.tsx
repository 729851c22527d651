import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApiError } from '../api/client';
import { errorText } from './server-text';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** The heading for an error, by what the status means to the user. */
export function errorTitleKey(error: ApiError) {
  if (error.status === 403) return 'errors.forbiddenTitle' as const;
  if (error.status === 404) return 'errors.notFoundTitle' as const;
  return error.status === 0 ? ('errors.networkTitle' as const) : ('errors.genericTitle' as const);
}

/** What went wrong, in the user's language, with the server's own sentence beneath it (`untitled` when the page's h1 already says it). */
export function ErrorState({ error, retry, untitled }: { error: ApiError; retry?: () => void; untitled?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      {untitled ? null : <h2>{t(errorTitleKey(error))}</h2>}
      {error.status === 403 ? <p>{t('errors.forbiddenBody')}</p> : null}
      {error.status === 403 ? null : <p className="server-message">{errorText(t, error)}</p>}
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
      {errorText(t, error)}
    </p>
  );
}
