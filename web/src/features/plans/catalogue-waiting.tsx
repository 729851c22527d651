import { useTranslation } from 'react-i18next';
import type { Plan } from '../../api/types';
import { yamlProblemText } from './yaml-problems';

/**
 * The catalogue entries of a plan that name a unit the tree does not have (or has deactivated):
 * saved and published as written, they propose nothing until the unit is there. A plan copied from
 * another county (the built-in one is the demo county's) lists its units here.
 */
export function CatalogueWaiting({ plan }: { plan: Pick<Plan, 'catalogueWaiting'> }) {
  const { t } = useTranslation();
  if (plan.catalogueWaiting.length === 0) return null;
  return (
    <div className="notice notice-warning catalogue-waiting" role="status">
      <h2>{t('plan.catalogueWaiting.title', { count: plan.catalogueWaiting.length })}</h2>
      <p>{t('plan.catalogueWaiting.lead')}</p>
      <ul>
        {plan.catalogueWaiting.map((item) => (
          <li key={item.path}>
            <code>{item.path}</code> {yamlProblemText(t, item)}
          </li>
        ))}
      </ul>
    </div>
  );
}
