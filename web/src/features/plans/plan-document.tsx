import { useTranslation } from 'react-i18next';
import type { PlanDocument } from '../../api/types';
import { useFormat } from '../../session/formatters';

const policyRows = [
  ['acceptDays', 'days'],
  ['concludeDays', 'days'],
  ['extensionMaxDays', 'days'],
  ['reviewRequestDays', 'days'],
  ['reviewConcludeDays', 'days'],
  ['acknowledgeMinutes', 'minutes'],
  ['onSceneMinutes', 'minutes'],
  ['proposalDays', 'days'],
] as const;

/** A plan as people read and print it: principles, organisation, deadlines, stages, categories. */
export function PlanDocumentView({ document: plan }: { document: PlanDocument }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="plan-document">
      <p className="plan-purpose">{format.text(plan.purpose)}</p>

      <h2>{t('plan.principles')}</h2>
      <ol className="plan-list">
        {plan.principles.map((principle, index) => (
          <li key={index}>{format.text(principle)}</li>
        ))}
      </ol>

      <h2>{t('plan.organisation')}</h2>
      {plan.organisation.map((body) => (
        <section key={body.role} className="plan-block">
          <h3>{format.text(body.name)}</h3>
          <ul className="plan-list">
            {body.duties.map((duty, index) => (
              <li key={index}>{format.text(duty)}</li>
            ))}
          </ul>
        </section>
      ))}

      <h2>{t('plan.deadlines')}</h2>
      <table className="plan-table">
        <tbody>
          {policyRows.map(([key, unit]) => (
            <tr key={key}>
              <th scope="row">{t(`plan.policy.${key}`)}</th>
              <td>{t(unit === 'days' ? 'plan.daysValue' : 'plan.minutesValue', { count: plan.deadlines[key] })}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('plan.policy.dayKind')}</th>
            <td>{t(`plan.dayKind.${plan.deadlines.dayKind}`)}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t('plan.stages')}</h2>
      {plan.stages.map((stage, index) => (
        <section key={stage.key} className="plan-block plan-stage">
          <h3>
            {t('plan.stageNumber', { n: index + 1 })} {format.text(stage.name)}
          </h3>
          {stage.requirements.length > 0 ? (
            <>
              <h4>{t('stagePanel.requirements')}</h4>
              <ul className="plan-list">
                {stage.requirements.map((item, position) => (
                  <li key={position}>{format.text(item)}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h4>{t('stagePanel.checklist')}</h4>
          <ol className="plan-list">
            {stage.steps.map((step) => (
              <li key={step.id}>{format.text(step.text)}</li>
            ))}
          </ol>
          {stage.cautions.length > 0 ? (
            <div className="cautions">
              <h4>{t('stagePanel.cautions')}</h4>
              <ul className="plan-list">
                {stage.cautions.map((item, position) => (
                  <li key={position}>{format.text(item)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {stage.staffing.length > 0 ? (
            <>
              <h4>{t('stagePanel.staffing')}</h4>
              <ul className="plan-list">
                {stage.staffing.map((item, position) => (
                  <li key={position}>{format.text(item)}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}

      <h2>{t('plan.categories')}</h2>
      <ul className="plan-categories">
        {plan.categories.map((category) => (
          <li key={category.code}>
            {format.text(category.name)} <span className="mono muted">{category.code}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
