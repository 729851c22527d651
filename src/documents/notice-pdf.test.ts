import { describe, expect, it } from 'vitest';
import { pdfText, squeezed } from '../../test/pdf.js';
import { noticePdf, type PrintableNotice } from './notice-pdf.js';
import { renderLetter } from './pdf.js';
import { defaultPdfFont } from './font.js';

const notice: PrintableNotice = {
  office: { zh: '县信访局', en: 'County petition office' },
  reference: '2026-AB12-CD34',
  date: { zh: '2026年12月2日', en: '2 December 2026' },
  content: {
    zh: { title: '信访事项不予受理告知书', body: '您反映的信访事项不予受理。\n\n请依法向人民法院提起诉讼。' },
    en: { title: 'Notice of non-acceptance', body: 'Your petition is not accepted as a petition.\n\nPlease bring it before a people’s court.' },
  },
};

/** Printed notices (issue 12 item 5): the PDF carries the office, the title, the reference, the date, the text and the seal area, with the Chinese font embedded. */
describe('a written notice as a PDF', () => {
  it('prints the Chinese notice with the font embedded and the seal area', async () => {
    const bytes = await noticePdf(defaultPdfFont, notice, 'zh');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('NotoSansCJKsc-Regular');
    const text = squeezed(await pdfText(bytes));
    for (const part of ['县信访局', '信访事项不予受理告知书', '编号：2026-AB12-CD34', '日期：2026年12月2日', '您反映的信访事项不予受理。', '请依法向人民法院提起诉讼。', '（盖章）']) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('Notice of non-acceptance');
  });

  it('prints the English notice in English', async () => {
    const text = squeezed(await pdfText(await noticePdf(defaultPdfFont, notice, 'en')));
    for (const part of ['Countypetitionoffice', 'Noticeofnon-acceptance', 'Reference:2026-AB12-CD34', 'Date:2December2026', "Pleasebringitbeforeapeople'scourt.", '(Seal)']) {
      expect(text).toContain(part);
    }
  });

  it('runs a long text onto further pages, the seal after it', async () => {
    const body = Array.from({ length: 40 }, (_, index) => `第${index + 1}段：查明的事实与处理的依据。`).join('\n\n');
    const text = squeezed(await pdfText(await renderLetter(defaultPdfFont, { ...notice.content.zh, language: 'zh', office: '县信访局', reference: 'R', date: '2026年12月2日', body })));
    expect(text).toContain('第40段');
    expect(text.indexOf('（盖章）')).toBeGreaterThan(text.indexOf('第40段'));
  });

  it('refuses with pdf_font_missing when the font is not installed', async () => {
    await expect(noticePdf({ path: '/nonexistent/font.ttc', name: 'X' }, notice, 'zh')).rejects.toMatchObject({ code: 'pdf_font_missing', status: 503 });
  });
});
