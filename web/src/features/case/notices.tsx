import { useTranslation } from 'react-i18next';
import { staffOnlyNoticeKinds } from '../../../../src/core/written-notices.js';
import { useFormat } from '../../session/formatters';
import { useCase } from './case-context';

/** The written notices (告知) sent to the petitioner (not those to a unit), as sent, in the reader's language; each printable as a PDF in either language (the download is audited). */
export function WrittenNotices() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { detail } = useCase();
  // A notice to a unit (the supervision notice) is not the petitioner's: the supervision panel shows it.
  const notices = detail.notices.filter((notice) => !staffOnlyNoticeKinds.includes(notice.kind));
  if (notices.length === 0) return null;
  const language = i18n.language.startsWith('en') ? 'en' : 'zh';
  return (
    <section className="card" aria-labelledby="notices-heading">
      <h2 id="notices-heading">{t('writtenNotices.title')}</h2>
      <p className="muted">{t('writtenNotices.hint')}</p>
      {notices.map((notice) => (
        <article key={notice.id} className="record" data-notice-kind={notice.kind}>
          <h3>
            {notice.content[language].title} · <time dateTime={notice.issuedAt}>{format.dateTime(notice.issuedAt)}</time>
          </h3>
          <p className="record-body">{notice.content[language].body}</p>
          <p className="actions">
            {(['zh', 'en'] as const).map((lang) => (
              <a key={lang} className="button button-quiet" href={`/api/v1/cases/${encodeURIComponent(detail.id)}/notices/${encodeURIComponent(notice.id)}.pdf?lang=${lang}`} download>
                {t(lang === 'zh' ? 'writtenNotices.pdfZh' : 'writtenNotices.pdfEn')}
              </a>
            ))}
          </p>
        </article>
      ))}
    </section>
  );
}
