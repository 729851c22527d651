import { useTranslation } from 'react-i18next';
import { currentLanguage, switchLanguage, type Language } from '../i18n';

const names: Record<Language, string> = { zh: '中文', en: 'English' };

/** A link to the other language (it works without script too, through `?lang=`). */
export function LanguageSwitch({ className }: { className?: string }) {
  const { i18n, t } = useTranslation();
  const other: Language = currentLanguage(i18n) === 'zh' ? 'en' : 'zh';
  return (
    <a
      className={className ?? 'language-switch'}
      href={`?lang=${other}`}
      lang={other === 'zh' ? 'zh-CN' : 'en'}
      hrefLang={other === 'zh' ? 'zh-CN' : 'en'}
      title={t('common.switchLanguage')}
      onClick={(event) => {
        event.preventDefault();
        void switchLanguage(other);
      }}
    >
      {names[other]}
    </a>
  );
}
