import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TransitionBody } from '../../../../src/contract/case-bodies.js';
import { stages, type Stage } from '../../../../src/core/types.js';
import { client, ok } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { FormFailure } from '../../forms/form-failure';
import { useFormat } from '../../session/formatters';
import { Field } from '../../ui/field';
import { guardText } from '../../ui/server-text';
import { useCase } from './case-context';
import { useCaseForm } from './case-form';
import { useChecklist } from './checklist';
import { hasDraft, writeDraft } from './drafts';
import { KeptDraft } from './kept-draft';
import { SubmitOrCancel } from '../../forms/submit-or-cancel';

const isStage = (value: string): value is Stage => stages.includes(value as Stage);

type Move = CaseDetail['moves'][number];

/** The steps of the current stage the move would leave undone, named from the plan: guidance, not a lock. */
function UndoneSteps({ move }: { move: Move }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const checklist = useChecklist(detail);
  if (move.undoneSteps.length === 0) return null;
  // Named from the plan's checklist; by id until it has come (it is fetched once per plan version).
  const steps = new Map((checklist.stages ?? []).flatMap((stage) => stage.steps).map((step) => [step.id, step.text]));
  return (
    <div className="notice notice-warning undone-steps" role="note">
      <p>{t('moves.undoneSteps', { count: move.undoneSteps.length, stage: t(`stage.${detail.stage}`) })}</p>
      <ul className="plain-list">
        {move.undoneSteps.map((id) => {
          const text = steps.get(id);
          return <li key={id}>{text ? format.text(text) : id}</li>;
        })}
      </ul>
      <p className="small">{t('moves.undoneStillAllowed')}</p>
    </div>
  );
}

function MoveForm({ move, onDone }: { move: Move; onDone: () => void }) {
  const { t } = useTranslation();
  const { detail } = useCase();
  const draft = `move:${move.to}`;
  const { form, failure, onSubmit, busy } = useCaseForm({
    // A move that needs a reason is held back by the stage machine's guard (reasonGiven), said beside the field.
    schema: TransitionBody,
    empty: { reason: '' },
    kept: { reason: draft },
    toBody: (values) => (values.reason.trim() ? { to: move.to, reason: values.reason } : { to: move.to }),
    send: (id, body) => ok(client.POST('/api/v1/cases/{id}/transitions', { params: { path: { id } }, body })),
    onDone,
  });
  const cancel = () => {
    writeDraft(detail.id, draft, '');
    onDone();
  };
  return (
    <form className="move-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <UndoneSteps move={move} />
      <Field
        label={t(move.to === 'resolution' && move.reasonRequired ? 'moves.decision' : 'moves.reason')}
        required={move.reasonRequired}
        error={form.formState.errors.reason}
      >
        {(control) => <textarea {...control} autoFocus rows={3} {...form.register('reason')} />}
      </Field>
      <FormFailure failure={failure} problems={form.formState.errors.root} />
      <SubmitOrCancel label={t('moves.confirm', { stage: t(`stage.${move.to}`) })} busy={busy} onCancel={cancel} />
    </form>
  );
}

/** The moves the stage machine offers this user now; a held-back move says what it still needs. */
export function Moves() {
  const { t } = useTranslation();
  const { detail } = useCase();
  // A move whose form holds a draft opens with it (after a reload, too), even one no longer offered.
  const [open, setOpen] = useState<string | undefined>(
    () => detail.moves.find((move) => hasDraft(detail.id, `move:${move.to}`))?.to ?? stages.find((stage) => hasDraft(detail.id, `move:${stage}`)),
  );
  // The move being written up is no longer offered: someone else moved the case meanwhile.
  const gone = open !== undefined && !detail.moves.some((move) => move.to === open) ? open : undefined;
  if (detail.moves.length === 0 && !gone) return null;
  return (
    <section className="card" aria-labelledby="moves-heading">
      <h2 id="moves-heading">{t('moves.title')}</h2>
      {gone ? (
        <KeptDraft
          form={`move:${gone}`}
          label={t('moves.reason')}
          why={t('drafts.moveGone', { stage: isStage(gone) ? t(`stage.${gone}`) : gone, now: t(`stage.${detail.stage}`) })}
          onDone={() => setOpen(undefined)}
        />
      ) : null}
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
                {guardText(t, move.blockedBy)}
              </p>
            ) : null}
            {open === move.to ? <MoveForm move={move} onDone={() => setOpen(undefined)} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
