import { DateTime } from 'luxon';
import type { transferLetter } from '../../../commands/transfers.js';
import { localText } from '../../../core/plan.js';
import type { Language } from '../../messages.js';
import { renderLetter, type PdfFont } from '../../../documents/pdf.js';
import { html } from '../../portal/html.js';

type Letter = Awaited<ReturnType<typeof transferLetter>>;

/** The transfer letter's words (转送函 / 交办函), in Simplified Chinese and English. */
const words = {
  zh: {
    transfer: '信访事项转送函',
    assign: '信访事项交办函',
    to: '致',
    reference: '信访事项编号',
    title: '事项',
    reason: '转送理由',
    body: (days: number) => `根据《信访工作条例》第二十二条，现将上述信访事项转送你单位依法处理。请自收到之日起${days}日内书面告知信访人是否受理，并将告知情况反馈我局。`,
    assignBody: (days: number, due: string) => `根据《信访工作条例》第二十二条，现将上述信访事项交办你单位依法处理。请自收到之日起${days}日内书面告知信访人是否受理，并于${due}前向我局报送办结报告。`,
    date: '日期',
    seal: '（盖章）',
    print: '打印',
  },
  en: {
    transfer: 'Letter of transfer',
    assign: 'Letter of assignment',
    to: 'To',
    reference: 'Petition reference',
    title: 'Matter',
    reason: 'Reason for the transfer',
    body: (days: number) => `Under Article 22 of the Regulations on Petitions, the petition above is transferred to you, to be handled according to law. Please tell the petitioner in writing within ${days} days of receiving it whether you accept it, and let this office know.`,
    assignBody: (days: number, due: string) => `Under Article 22 of the Regulations on Petitions, the petition above is assigned to you, to be handled according to law. Please tell the petitioner in writing within ${days} days of receiving it whether you accept it, and send this office the result report by ${due}.`,
    date: 'Date',
    seal: '(Seal)',
    print: 'Print',
  },
} as const;

/** The letter's parts in one language: what both the HTML page and the PDF print. */
function letterParts(letter: Letter, language: Language, timeZone: string) {
  const text = words[language];
  const day = (iso: string) => {
    const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone);
    return language === 'zh' ? local.toFormat('yyyy年M月d日') : local.setLocale('en').toFormat('d MMMM yyyy');
  };
  const { transfer } = letter;
  const resultDueAt = transfer.kind === 'assign' ? (transfer.resultClock?.dueAt ?? null) : null;
  return {
    text,
    title: transfer.kind === 'assign' ? text.assign : text.transfer,
    office: localText(letter.office, language),
    to: localText(letter.body, language),
    request: resultDueAt ? text.assignBody(letter.replyDays, day(resultDueAt)) : text.body(letter.replyDays),
    date: day(transfer.createdAt),
  };
}

/** The printable letter that goes with a transfer (转送) or an assignment (交办): office, reference, date, receiving body, room for the seal. */
export function transferLetterHtml(letter: Letter, language: Language, timeZone: string): string {
  const { text, title, office, to, request, date } = letterParts(letter, language, timeZone);
  return html`<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} ${letter.reference}</title>
<style>
body{font-family:"Noto Serif CJK SC","Songti SC",serif;margin:3rem auto;max-width:40rem;color:#111;line-height:1.8}
h1{text-align:center;font-size:1.6rem;letter-spacing:.1em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:bold}
.sign{margin-top:4rem;text-align:right}.seal{display:inline-block;width:9rem;height:9rem;border:1px dashed #999;margin:1rem 0;line-height:9rem;text-align:center;color:#999}
@media print{button{display:none}.seal{border:none}}
</style></head><body><main>
<p class="office">${office}</p>
<h1>${title}</h1>
<p>${text.to} <strong>${to}</strong>${language === 'zh' ? '：' : ':'}</p>
<dl><dt>${text.reference}</dt><dd>${letter.reference}</dd><dt>${text.title}</dt><dd>${letter.title}</dd><dt>${text.reason}</dt><dd>${letter.transfer.reason}</dd></dl>
<p>${request}</p>
<div class="sign"><p>${office}</p><div class="seal">${text.seal}</div><p>${text.date}: ${date}</p></div>
<button type="button" onclick="window.print()">${text.print}</button>
</main></body></html>`.value;
}

/** The same letter as a PDF (src/documents/): the office's letterhead, reference and date, the text, the seal area. */
export function transferLetterPdf(font: PdfFont, letter: Letter, language: Language, timeZone: string): Promise<Buffer> {
  const { text, title, office, to, request, date } = letterParts(letter, language, timeZone);
  const colon = language === 'zh' ? '：' : ': ';
  const body = [`${text.to} ${to}${colon.trim()}`, `${text.title}${colon}${letter.title}`, `${text.reason}${colon}${letter.transfer.reason}`, request].join('\n\n');
  return renderLetter(font, { language, office, title, reference: letter.reference, date, body });
}
