import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { client, ok } from '../../../api/client';
import { queryKeys } from '../../../api/queries';
import type { Setting } from '../../../api/types';
import { PageTitle } from '../../../ui/page-title';
import { ResourceTable } from '../../../ui/resource-table';

const settingsQuery = queryOptions({
  queryKey: queryKeys.settings,
  queryFn: ({ signal }): Promise<{ items: Setting[] }> => ok(client.GET('/api/v1/settings', { signal })),
});

function shown(value: Setting['value'], t: TFunction): string {
  if (value === null) return t('adminSettings.notSet');
  if (typeof value === 'boolean') return t(value ? 'adminSettings.on' : 'adminSettings.off');
  return String(value);
}

/** The settings the server runs with, read-only: they are changed in its environment, not here. */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const settings = useQuery(settingsQuery);
  return (
    <>
      <PageTitle title={t('adminSettings.title')}>{t('adminSettings.title')}</PageTitle>
      <p className="muted">{t('adminSettings.intro')}</p>
      <ResourceTable
        query={settings}
        columns={[t('adminSettings.setting'), t('adminSettings.value')]}
        row={(setting) => {
          const key = `adminSettings.name.${setting.name}`;
          return (
            <tr key={setting.name}>
              <td data-label={t('adminSettings.setting')}>
                {i18n.exists(key) ? <div>{t(key as 'adminSettings.title')}</div> : null}
                <span className="mono muted small">{setting.name}</span>
              </td>
              <td data-label={t('adminSettings.value')} className="mono">
                {shown(setting.value, t)}
              </td>
            </tr>
          );
        }}
      />
    </>
  );
}
