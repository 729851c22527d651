import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { unitKinds, type UnitKind } from '../../../../../src/core/types.js';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { Unit } from '../../../api/types';
import { errorFor, Field } from '../../../ui/field';
import { PageTitle } from '../../../ui/page-title';
import { ActionError, ErrorState, Loading } from '../../../ui/states';
import { descendantsOf, unitTree } from './unit-tree';

interface Draft {
  name: string;
  nameEn: string;
  kind: UnitKind;
  parentId: string;
  leaderName: string;
  leaderDuty: string;
}

const draftOf = (unit: Unit): Draft => ({
  name: unit.name,
  nameEn: unit.nameEn ?? '',
  kind: unit.kind,
  parentId: unit.parentId ?? '',
  leaderName: unit.leaderName ?? '',
  leaderDuty: unit.leaderDuty ?? '',
});

const unitsQuery = queryOptions({
  queryKey: queryKeys.units,
  queryFn: ({ signal }): Promise<{ items: Unit[] }> => ok(client.GET('/api/v1/units', { signal })),
});

/** The edit form of one unit: names, kind, parent (never itself or below it), responsible leader and duty. */
function UnitEditor({ unit, units, onSaved, onClose }: { unit: Unit; units: Unit[]; onSaved(unit: Unit): void; onClose(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(draftOf(unit));
  const excluded = descendantsOf(units, unit.id);
  const set = (field: keyof Draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  // Saving the form closes it; (de)activating leaves it open on the unit as it now stands.
  const send = useMutation({
    mutationFn: (what: 'save' | 'toggle'): Promise<Unit> => {
      const path = { params: { path: { id: unit.id } } };
      if (what === 'toggle') return ok(unit.active ? client.POST('/api/v1/units/{id}/deactivate', path) : client.POST('/api/v1/units/{id}/reactivate', path));
      const body = { ...draft, nameEn: draft.nameEn || null, parentId: draft.parentId || null, leaderName: draft.leaderName || null, leaderDuty: draft.leaderDuty || null };
      return ok(client.PATCH('/api/v1/units/{id}', { ...path, body }));
    },
    onSuccess: (saved, what) => {
      if (what === 'save') onClose();
      onSaved(saved);
    },
  });
  const error = send.error ?? undefined;
  const busy = send.isPending;
  const save = (event: FormEvent) => {
    event.preventDefault();
    send.mutate('save');
  };
  const toggle = () => send.mutate('toggle');
  const openCases = error?.code === 'unit_has_open_assignments' ? ((error.details as { cases?: { id: string; reference: string }[] } | undefined)?.cases ?? []) : [];
  return (
    <form className="admin-form card" onSubmit={save} noValidate aria-label={t('adminUnits.editTitle', { name: unit.name })}>
      <h2>{t('adminUnits.editTitle', { name: unit.name })}</h2>
      <Field label={t('adminUnits.name')} required error={errorFor(error, 'name')}>
        {(control) => <input {...control} value={draft.name} onChange={set('name')} />}
      </Field>
      <Field label={t('adminUnits.nameEn')} error={errorFor(error, 'nameEn')}>
        {(control) => <input {...control} value={draft.nameEn} onChange={set('nameEn')} />}
      </Field>
      <Field label={t('adminUnits.kind')} required error={errorFor(error, 'kind')}>
        {(control) => (
          <select {...control} value={draft.kind} onChange={set('kind')}>
            {unitKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`adminUnits.kindName.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('adminUnits.parent')} error={error?.code === 'unit_cycle' ? t('adminUnits.cycle') : errorFor(error, 'parentId')}>
        {(control) => (
          <select {...control} value={draft.parentId} onChange={set('parentId')}>
            <option value="">{t('adminUnits.noParent')}</option>
            {units
              .filter((candidate) => !excluded.has(candidate.id))
              .map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field label={t('adminUnits.leaderName')} hint={t('adminUnits.leaderHint')} error={errorFor(error, 'leaderName')}>
        {(control) => <input {...control} value={draft.leaderName} onChange={set('leaderName')} />}
      </Field>
      <Field label={t('adminUnits.leaderDuty')} error={errorFor(error, 'leaderDuty')}>
        {(control) => <textarea {...control} rows={2} value={draft.leaderDuty} onChange={set('leaderDuty')} />}
      </Field>
      {error && !error.field && error.code !== 'unit_has_open_assignments' ? <ActionError error={error} /> : null}
      {error?.code === 'unit_has_open_assignments' ? (
        <div className="notice notice-warning" role="alert">
          <p>{t('adminUnits.openAssignments', { count: (error.details as { openAssignments?: number } | undefined)?.openAssignments ?? openCases.length })}</p>
          <ul>
            {openCases.map((item) => (
              <li key={item.id}>
                <a href={`/cases/${item.id}`}>{item.reference}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={toggle}>
          {t(unit.active ? 'adminUnits.deactivate' : 'adminUnits.reactivate')}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

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
