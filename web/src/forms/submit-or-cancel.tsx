import { useTranslation } from 'react-i18next';

/** A form's own two buttons: send it (held while it is being sent) or put it away. */
export function SubmitOrCancel({ label, busy, onCancel }: { label: string; busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <button type="submit" className="button button-primary" disabled={busy}>
        {label}
      </button>
      <button type="button" className="button button-quiet" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
