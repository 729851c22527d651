import { queryOptions, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { CatalogueEntry, CatalogueReport } from '../../../api/types';
import { useFormat } from '../../../session/formatters';
import { useCurrentPlan } from '../../../session/plans';
import { useSession } from '../../../session/session';
import { PageTitle } from '../../../ui/page-title';
import { ResourceTable } from '../../../ui/resource-table';
import { EntryEditor } from './entry-editor';

const catalogueQuery = queryOptions({
  queryKey: queryKeys.catalogue,
  queryFn: ({ signal }): Promise<{ items: CatalogueEntry[] }> => ok(client.GET('/api/v1/catalogue', { signal })),
});

const reportQuery = queryOptions({
  queryKey: queryKeys.catalogueReport,
  queryFn: async ({ signal }): Promise<{ items: CatalogueReport['entries'] }> => ({ items: (await ok(client.GET('/api/v1/reports/catalogue', { signal }))).entries }),
});

/** How an entry is named: its category (as the plan names it) and its area. */
function useEntryNames() {
  const { t } = useTranslation();
  const format = useFormat();
  const categories = useCurrentPlan()?.document.categories ?? [];
  return {
    category: (code: string) => format.text(categories.find((item) => item.code === code)?.name ?? { zh: code, en: code }),
    area: (id: string | null) => (id === null ? t('adminCatalogue.everywhere') : format.unit(id, id)),
    units: (ids: readonly string[]) => ids.map((id) => format.unit(id, id)).join(t('routing.listSeparator')) || t('routing.noAssisting'),
  };
}

/** The entries the units objected to and the office rerouted most, so the office corrects them first. */
function CatalogueReportTable() {
  const { t } = useTranslation();
  const names = useEntryNames();
  const report = useQuery(reportQuery);
  return (
    <section aria-labelledby="catalogue-report-heading">
      <h2 id="catalogue-report-heading">{t('adminCatalogue.reportTitle')}</h2>
      <p className="muted">{t('adminCatalogue.reportIntro')}</p>
      <ResourceTable
        query={report}
        empty={t('adminCatalogue.reportNone')}
        columns={[t('adminCatalogue.category'), t('adminCatalogue.area'), t('adminCatalogue.lead'), t('adminCatalogue.misroutings'), t('adminCatalogue.objections'), t('adminCatalogue.reroutes'), t('adminCatalogue.proposals')]}
        row={(entry) => (
          <tr key={entry.id}>
            <td data-label={t('adminCatalogue.category')}>{names.category(entry.category)}</td>
            <td data-label={t('adminCatalogue.area')}>{names.area(entry.areaUnitId)}</td>
            <td data-label={t('adminCatalogue.lead')}>{names.units([entry.leadUnitId])}</td>
            <td data-label={t('adminCatalogue.misroutings')}>{entry.misroutings}</td>
            <td data-label={t('adminCatalogue.objections')}>{entry.counts.objections}</td>
            <td data-label={t('adminCatalogue.reroutes')}>{entry.counts.reroutes}</td>
            <td data-label={t('adminCatalogue.proposals')}>{t('adminCatalogue.proposalCounts', entry.counts)}</td>
          </tr>
        )}
      />
    </section>
  );
}

/**
 * The routing catalogue (派单目录): category × area → lead and assisting units, with what became of
 * each entry's proposals; an entry is edited here without republishing the plan.
 */
export function CataloguePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { abilities } = useSession();
  const names = useEntryNames();
  const entries = useQuery(catalogueQuery);
  const [editing, setEditing] = useState<string | null>(null);
  const columns = [t('adminCatalogue.category'), t('adminCatalogue.area'), t('adminCatalogue.lead'), t('adminCatalogue.assisting'), t('adminCatalogue.proposals'), t('adminCatalogue.objections'), t('adminCatalogue.reroutes'), t('adminCatalogue.status'), t('adminCatalogue.actions')];
  return (
    <>
      <PageTitle title={t('adminCatalogue.title')}>{t('adminCatalogue.title')}</PageTitle>
      <p className="muted">{t('adminCatalogue.intro')}</p>
      <ResourceTable
        query={entries}
        empty={t('adminCatalogue.none')}
        columns={columns}
        row={(entry) => {
          const title = t('adminCatalogue.editOf', { category: names.category(entry.category), area: names.area(entry.areaUnitId) });
          return (
            <Fragment key={entry.id}>
              <tr className={entry.active ? undefined : 'row-inactive'} data-entry={entry.id}>
                <td data-label={t('adminCatalogue.category')}>{names.category(entry.category)}</td>
                <td data-label={t('adminCatalogue.area')}>{names.area(entry.areaUnitId)}</td>
                <td data-label={t('adminCatalogue.lead')}>{names.units([entry.leadUnitId])}</td>
                <td data-label={t('adminCatalogue.assisting')}>{names.units(entry.assistingUnitIds)}</td>
                <td data-label={t('adminCatalogue.proposals')}>{t('adminCatalogue.proposalCounts', entry.counts)}</td>
                <td data-label={t('adminCatalogue.objections')}>{entry.counts.objections}</td>
                <td data-label={t('adminCatalogue.reroutes')}>{entry.counts.reroutes}</td>
                <td data-label={t('adminCatalogue.status')}>
                  {entry.active ? t('adminCatalogue.active') : t('adminCatalogue.inactive')}
                  {entry.editedAt ? <span className="muted small"> · {t('adminCatalogue.edited', { when: format.dateTime(entry.editedAt) })}</span> : null}
                </td>
                <td data-label={t('adminCatalogue.actions')} className="row-actions">
                  <button type="button" className="button button-quiet" aria-label={title} onClick={() => setEditing(entry.id)}>
                    {t('adminCatalogue.edit')}
                  </button>
                </td>
              </tr>
              {editing === entry.id ? (
                <tr>
                  <td colSpan={columns.length}>
                    <EntryEditor entry={entry} title={title} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        }}
      />
      {abilities['report.read'] ? <CatalogueReportTable /> : null}
    </>
  );
}
