import type { LocalText } from '../core/plan.js';
import type { NoticeContent } from '../core/written-notices.js';
import { renderLetter, type Letter, type PdfFont } from './pdf.js';
import type { DocumentLanguage } from './words.js';

/** What a written notice's PDF needs: the notice as sent, its case's reference, and its date as worded in the jurisdiction. */
export interface PrintableNotice {
  office: LocalText;
  content: NoticeContent;
  reference: string;
  date: LocalText;
}

/** A written notice as a letter in one of its two languages. */
export function noticeLetter(notice: PrintableNotice, language: DocumentLanguage): Letter {
  const other: DocumentLanguage = language === 'zh' ? 'en' : 'zh';
  return {
    language,
    office: notice.office[language] ?? notice.office[other] ?? '',
    title: notice.content[language].title,
    reference: notice.reference,
    date: notice.date[language] ?? notice.date[other] ?? '',
    body: notice.content[language].body,
  };
}

/** A written notice as a PDF in `language`, ready to print, seal and hand over or post. */
export function noticePdf(font: PdfFont, notice: PrintableNotice, language: DocumentLanguage): Promise<Buffer> {
  return renderLetter(font, noticeLetter(notice, language));
}
