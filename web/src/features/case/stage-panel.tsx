import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistStage } from '../../api/types';
import { useFormat } from '../../session/formatters';
import { ActionError, ErrorState, Loading } from '../../ui/states';
import { client, ok } from '../../api/client';
import { useCase } from './case-context';
import { useCaseMutation } from './case-queries';
import { useChecklist } from './checklist';

function Checklist({ stage, who }: { stage: ChecklistStage; who: Map<string, string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  const tick = useCaseMutation((id, { stepId, done }: { stepId: string; done: boolean }) => {
    const path = { params: { path: { id, stepId } } };
    return ok(done ? client.POST('/api/v1/cases/{id}/steps/{stepId}/done', path) : client.POST('/api/v1/cases/{id}/steps/{stepId}/undone', path));
  });
  const mayTick = detail.abilities['case.step'];
  // Shown at once as asked while the server records it; back as it was if the server refuses. Held
  // in the component's own state, set in the click itself: the mutation's state arrives a moment
  // later, and a checkbox React controls would meanwhile snap back to what the case last said.
  const [asked, setAsked] = useState<{ stepId: string; done: boolean } | null>(null);
  return (
    <>
      <ul className="checklist">
        {stage.steps.map((step) => {
          const done = step.doneAt !== null;
          const id = `step-${step.id.replace(/\W/g, '-')}`;
          return (
            <li key={step.id} className={done ? 'done' : undefined}>
              <input
                id={id}
                type="checkbox"
                checked={asked?.stepId === step.id ? asked.done : done}
                disabled={!mayTick || tick.isPending}
                aria-describedby={done && mayTick ? `${id}-undo` : undefined}
                onChange={(event) => {
                  const wanted = { stepId: step.id, done: event.target.checked };
                  setAsked(wanted);
                  // Settled after the answer is in the case's data (or refused): the case says it from then on.
                  tick.mutate(wanted, { onSettled: () => setAsked(null) });
                }}
              />
              <label htmlFor={id}>
                {format.text(step.text)}
                {step.doneAt ? (
                  <span className="step-done">{t('stagePanel.doneBy', { who: who.get(step.id) ?? t('stagePanel.someone'), when: format.dateTime(step.doneAt) })}</span>
                ) : null}
                {done && mayTick ? (
                  <span className="visually-hidden" id={`${id}-undo`}>
                    {t('stagePanel.untickHint')}
                  </span>
                ) : null}
              </label>
            </li>
          );
        })}
      </ul>
      <ActionError error={tick.error ?? undefined} />
    </>
  );
}

function Guidance({ stage }: { stage: ChecklistStage }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {stage.requirements.length > 0 ? (
        <>
          <h3>{t('stagePanel.requirements')}</h3>
          <ul className="plain-list">
            {stage.requirements.map((item, index) => (
              <li key={index}>{format.text(item)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {stage.cautions.length > 0 ? (
        <div className="cautions">
          <h3>{t('stagePanel.cautions')}</h3>
          <ul className="plain-list">
            {stage.cautions.map((item, index) => (
              <li key={index}>{format.text(item)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {stage.staffing.length > 0 ? (
        <>
          <h3>{t('stagePanel.staffing')}</h3>
          <ul className="plain-list">
            {stage.staffing.map((item, index) => (
              <li key={index}>{format.text(item)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The current stage as the pinned plan describes it: what it requires, what to beware of, the checklist. */
export function StagePanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const { detail, events } = useCase();
  // Who ticked each step last (a tick taken back and given again names the second).
  const who = new Map(events.filter((event) => event.type === 'step.done').map((event) => [String(event.data.stepId), event.actorName ?? '']));
  // The plan's text comes once per plan version; the case says only which steps are ticked.
  const checklist = useChecklist(detail);
  const stages = checklist.stages ?? [];
  const current = stages.find((stage) => stage.stage === detail.stage);
  const others = stages.filter((stage) => stage !== current);
  return (
    <section className="card stage-panel" aria-labelledby="stage-heading">
      <h2 id="stage-heading">
        {t('stagePanel.title', { stage: current ? format.text(current.name) : t(`stage.${detail.stage}`) })}
      </h2>
      {checklist.error ? (
        <ErrorState error={checklist.error} retry={checklist.retry} untitled />
      ) : !checklist.stages ? (
        <Loading />
      ) : current ? (
        <>
          <Guidance stage={current} />
          <h3>{t('stagePanel.checklist')}</h3>
          <Checklist stage={current} who={who} />
        </>
      ) : (
        <p className="muted">{t('stagePanel.noChecklist')}</p>
      )}
      {detail.notAcceptedReason ? (
        <p className="notice notice-info">
          {t('case.notAcceptedBecause', { reason: detail.notAcceptedReason })}
        </p>
      ) : null}
      {others.length > 0 ? (
        <details className="other-stages">
          <summary>{t('stagePanel.otherStages')}</summary>
          {others.map((stage) => (
            <div key={stage.stage} className="other-stage">
              <h3>{format.text(stage.name)}</h3>
              <Checklist stage={stage} who={who} />
            </div>
          ))}
        </details>
      ) : null}
    </section>
  );
}
