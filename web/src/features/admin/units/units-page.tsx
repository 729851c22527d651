import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../api/types';
import { unitsQuery } from '../../../session/session-queries';
import { PageTitle } from '../../../ui/page-title';
import { ErrorState, Loading } from '../../../ui/states';
import { UnitEditor } from './unit-editor';
import { unitTree } from './unit-tree';

/** The units as a tree: each with its responsible leader, editable by admins. */
export function UnitsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const units = useQuery(unitsQuery);
  const [editing, setEditing] = useState<string | null>(null);
  const items = units.data?.items ?? [];
  // The unit as saved replaces its row, without fetching the list again.
  const saved = (unit: Unit) =>
    queryClient.setQueryData(unitsQuery.queryKey, (previous) => previous && { items: previous.items.map((item) => (item.id === unit.id ? unit : item)) });
  const current = items.find((unit) => unit.id === editing);
  return (
    <>
      <PageTitle title={t('adminUnits.title')}>{t('adminUnits.title')}</PageTitle>
      <p className="muted">{t('adminUnits.intro')}</p>
      {units.error ? <ErrorState error={units.error} retry={() => void units.refetch()} /> : null}
      {units.isPending ? <Loading /> : null}
      {current ? <UnitEditor key={current.id} unit={current} units={items} onSaved={saved} onClose={() => setEditing(null)} /> : null}
      {units.data ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('adminUnits.name')}</th>
              <th scope="col">{t('adminUnits.kind')}</th>
              <th scope="col">{t('adminUnits.leaderName')}</th>
              <th scope="col">{t('adminUnits.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('adminUnits.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {unitTree(items).map(({ unit, depth }) => (
              <tr key={unit.id} className={unit.active ? undefined : 'muted'}>
                <td data-label={t('adminUnits.name')}>
                  <span style={{ paddingLeft: `${depth * 1.5}rem` }}>
                    {depth > 0 ? '└ ' : ''}
                    {i18n.language === 'en' && unit.nameEn ? unit.nameEn : unit.name}
                  </span>
                </td>
                <td data-label={t('adminUnits.kind')}>{t(`adminUnits.kindName.${unit.kind}`)}</td>
                <td data-label={t('adminUnits.leaderName')}>
                  {unit.leaderName ?? '—'}
                  {unit.leaderDuty ? <div className="small muted">{unit.leaderDuty}</div> : null}
                </td>
                <td data-label={t('adminUnits.status')}>
                  <span className="badge">{t(unit.active ? 'adminUnits.active' : 'adminUnits.inactive')}</span>
                </td>
                <td>
                  <button type="button" className="button button-quiet" onClick={() => setEditing(unit.id)}>
                    {t('adminUnits.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
