import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../../api/use-resource';
import type { Setting } from '../../../api/types';
import { PageTitle } from '../../../ui/page-title';
import { ErrorState, Loading } from '../../../ui/states';

function shown(value: Setting['value'], t: TFunction): string {
  if (value === null) return t('adminSettings.notSet');
  if (typeof value === 'boolean') return t(value ? 'adminSettings.on' : 'adminSettings.off');
  return String(value);
}

/** The settings the server runs with, read-only: they are changed in its environment, not here. */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const settings = useResource<{ items: Setting[] }>('/api/v1/settings');
  return (
    <>
      <PageTitle title={t('adminSettings.title')}>{t('adminSettings.title')}</PageTitle>
      <p className="muted">{t('adminSettings.intro')}</p>
      {settings.error ? <ErrorState error={settings.error} retry={() => void settings.reload()} /> : null}
      {settings.loading ? <Loading /> : null}
      {settings.data ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('adminSettings.setting')}</th>
              <th scope="col">{t('adminSettings.value')}</th>
            </tr>
          </thead>
          <tbody>
            {settings.data.items.map((setting) => {
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
            })}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
