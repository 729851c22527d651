import type { LocalText } from '../core/plan.js';
import { renderLetter, type Letter, type PdfFont } from './pdf.js';
import type { DocumentLanguage } from './words.js';

/** What the request for a review by a body outside the system says (commands/print-review-request.ts). */
export interface ReviewRequestLetter {
  /** 1 the review (复查, Art. 35), 2 the second review (复核, Art. 36). */
  round: number;
  /** The review body, by the name the office recorded. */
  to: string;
  /** The office that answered and sends the request on. */
  office: LocalText;
  reference: string;
  category: { zh: string; en: string };
  /** When the answer reviewed was given; null when none is on the record. */
  answeredOn: LocalText | null;
  requestedOn: LocalText;
  date: LocalText;
  /** The petitioner's reason, in their own words. */
  reason: string;
}

const pick = (text: LocalText, language: DocumentLanguage) => text[language] ?? text.zh ?? text.en ?? '';

function zhBody(letter: ReviewRequestLetter): { title: string; body: string } {
  const review = letter.round === 1 ? '复查' : '复核';
  const reviewed = letter.round === 1 ? '处理意见' : '复查意见';
  const article = letter.round === 1 ? '第三十五条' : '第三十六条';
  const answered = letter.answeredOn ? `于${pick(letter.answeredOn, 'zh')}作出的` : '作出的';
  return {
    title: `信访事项${review}申请转送函`,
    body: [
      `${letter.to}：`,
      `信访人对${pick(letter.office, 'zh') || '本机关'}就其信访事项（编号 ${letter.reference}，${letter.category.zh}）${answered}${reviewed}不服，于${pick(letter.requestedOn, 'zh')}提出${review}申请。`,
      `根据《信访工作条例》${article}，现将该${review}申请转送贵机关，请自收到之日起三十日内提出${review}意见，书面答复信访人，并将${review}意见告知本机关。`,
      `申请理由：${letter.reason || '（未写明）'}`,
    ].join('\n\n'),
  };
}

function enBody(letter: ReviewRequestLetter): { title: string; body: string } {
  const review = letter.round === 1 ? 'review' : 'second review';
  const reviewed = letter.round === 1 ? 'answer' : 'review’s answer';
  const article = letter.round === 1 ? 'Article 35' : 'Article 36';
  const answered = letter.answeredOn ? ` given on ${pick(letter.answeredOn, 'en')}` : '';
  return {
    title: letter.round === 1 ? 'Request for review' : 'Request for second review',
    body: [
      `To ${letter.to}:`,
      `The petitioner is not satisfied with the ${reviewed} of ${pick(letter.office, 'en') || 'this office'}${answered} on their petition (reference ${letter.reference}, ${letter.category.en}) and asked for a ${review} on ${pick(letter.requestedOn, 'en')}.`,
      `Under ${article} of the Regulations on Petitions Work, the request is sent on to you. Please give your ${review} opinion within 30 days of receiving it, answer the petitioner in writing, and let this office know your opinion.`,
      `The petitioner’s reason: ${letter.reason || '(none given)'}`,
    ].join('\n\n'),
  };
}

/** The request as a letter in one of its two languages. */
export function reviewRequestLetter(letter: ReviewRequestLetter, language: DocumentLanguage): Letter {
  const text = language === 'zh' ? zhBody(letter) : enBody(letter);
  return { language, office: pick(letter.office, language), title: text.title, reference: letter.reference, date: pick(letter.date, language), body: text.body };
}

/** The request as a PDF, ready to seal and send to the review body. */
export function reviewRequestPdf(font: PdfFont, letter: ReviewRequestLetter, language: DocumentLanguage): Promise<Buffer> {
  return renderLetter(font, reviewRequestLetter(letter, language));
}
