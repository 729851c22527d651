import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/types';
import { errorFor, Field } from '../../ui/field';
import { serverText } from '../../ui/server-text';
import { ActionError } from '../../ui/states';
import { useCase, useCaseAction } from './case-context';

type Move = CaseDetail['moves'][number];

function MoveForm({ move, onDone }: { move: Move; onDone: () => void }) {
  const { t } = useTranslation();
  const action = useCaseAction();
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = reason.trim() ? { to: move.to, reason } : { to: move.to };
    if (await action.run('/transitions', body)) onDone();
  };
  return (
    <form className="move-form" onSubmit={(event) => void submit(event)} noValidate>
      <Field
        label={t(move.to === 'resolution' && move.reasonRequired ? 'moves.decision' : 'moves.reason')}
        required={move.reasonRequired}
        error={errorFor(action.error, 'reason')}
      >
        {(control) => <textarea {...control} autoFocus rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      {action.error?.field === 'reason' ? null : <ActionError error={action.error} />}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('moves.confirm', { stage: t(`stage.${move.to}`) })}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The moves the stage machine offers this user now; a held-back move says what it still needs. */
export function Moves() {
  const { t } = useTranslation();
  const { detail } = useCase();
  const [open, setOpen] = useState<string>();
  if (detail.moves.length === 0) return null;
  return (
    <section className="card" aria-labelledby="moves-heading">
      <h2 id="moves-heading">{t('moves.title')}</h2>
      <ul className="moves">
        {detail.moves.map((move) => (
          <li key={move.to}>
            <button
              type="button"
              className="button"
              aria-expanded={open === move.to}
              disabled={move.blockedBy !== null}
              aria-describedby={move.blockedBy ? `blocked-${move.to}` : undefined}
              onClick={() => setOpen(open === move.to ? undefined : move.to)}
            >
              {t('moves.moveTo', { stage: t(`stage.${move.to}`) })}
            </button>
            {move.blockedBy ? (
              <p className="blocked" id={`blocked-${move.to}`}>
                {serverText(t, move.blockedBy)}
              </p>
            ) : null}
            {open === move.to ? <MoveForm move={move} onDone={() => setOpen(undefined)} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
