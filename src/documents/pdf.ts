import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { defaultPdfFont, pdfFontProblem, requirePdfFont, type PdfFont } from './font.js';
import { documentWords, type DocumentLanguage } from './words.js';

/**
 * Printed documents (PDF) with a CJK font embedded: the one place that knows pdfkit. Notices, the
 * transfer letter and reports lay out their own text on `openPdf`'s page, or use `renderLetter` for
 * an official letter: office, title, reference, date, body, and room for the seal.
 */

export { defaultPdfFont, pdfFontProblem, requirePdfFont, type PdfFont };

const loaded = new Map<string, Buffer>();

/** The font file's bytes, read once per process (a CJK collection is large; fontkit takes a buffer as well as a path). */
function fontBytes(font: PdfFont): Buffer {
  const cached = loaded.get(font.path);
  if (cached) return cached;
  requirePdfFont(font);
  const bytes = readFileSync(font.path);
  loaded.set(font.path, bytes);
  return bytes;
}

/** A page's margins in points (A4 is 595 × 842). */
export const pageMargin = 64;

/** A document being written: pdfkit's own, with the font registered as `body`, and a way to finish it. */
export interface PdfWriter {
  doc: PDFKit.PDFDocument;
  language: DocumentLanguage;
  /** Ends the document and gives its bytes. */
  finish(): Promise<Buffer>;
}

/** Opens an A4 document in `language` set in `font` (embedded, subset to the characters used). */
export function openPdf(font: PdfFont, meta: { title: string; language: DocumentLanguage; subject?: string; bufferPages?: boolean }): PdfWriter {
  const doc = new PDFDocument({
    size: 'A4',
    // Kept until the end, so a report can number its pages once it knows how many there are.
    bufferPages: meta.bufferPages ?? false,
    margin: pageMargin,
    lang: meta.language === 'zh' ? 'zh-CN' : 'en',
    displayTitle: true,
    info: { Title: meta.title, Creator: 'Redress', ...(meta.subject ? { Subject: meta.subject } : {}) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fontBytes(font), font.name);
  doc.font('body');
  return {
    doc,
    language: meta.language,
    finish: () => {
      doc.end();
      return ended;
    },
  };
}

/** The seal area at the foot of a letter: the office and the date on the right, a blank square above them for the seal. */
export function sealBlock(writer: PdfWriter, seal: { office: string; date: string }): void {
  const { doc } = writer;
  const words = documentWords[writer.language];
  const width = doc.page.width - pageMargin * 2;
  const blockWidth = 220;
  const square = 110;
  const needed = square + 90;
  if (doc.y + needed > doc.page.height - pageMargin) doc.addPage();
  const left = pageMargin + width - blockWidth;
  const top = doc.y + 24;
  doc.save().lineWidth(0.6).dash(3, { space: 3 }).strokeColor('#888888').rect(left + (blockWidth - square) / 2, top, square, square).stroke().restore();
  doc.fillColor('#888888').fontSize(10).text(words.seal, left, top + square / 2 - 6, { width: blockWidth, align: 'center' });
  doc.fillColor('black').fontSize(12);
  doc.text(seal.office, left, top + square + 12, { width: blockWidth, align: 'center' });
  doc.text(seal.date, left, doc.y + 4, { width: blockWidth, align: 'center' });
  doc.x = pageMargin;
}

/** An official letter to a person: who writes, what it is, its reference and date, its text, and the seal. */
export interface Letter {
  language: DocumentLanguage;
  /** The office that issues it (its full name). */
  office: string;
  title: string;
  reference: string;
  /** The date as the letter words it, in the jurisdiction's time zone. */
  date: string;
  /** The text; a blank line starts a new paragraph. */
  body: string;
}

/**
 * Text as the page sets it: the CJK font draws curly quotes full-width (as Chinese sets them), which
 * gapes in English, so English text takes straight ones.
 */
export function typeset(text: string, language: DocumentLanguage): string {
  return language === 'en' ? text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"') : text;
}

/** Renders a letter as a one-or-more-page A4 PDF. */
export async function renderLetter(font: PdfFont, given: Letter): Promise<Buffer> {
  const letter = { ...given, office: typeset(given.office, given.language), title: typeset(given.title, given.language), body: typeset(given.body, given.language) };
  const writer = openPdf(font, { title: letter.title, language: letter.language, subject: letter.reference });
  const { doc } = writer;
  const words = documentWords[letter.language];
  const width = doc.page.width - pageMargin * 2;
  doc.fontSize(13).text(letter.office, { width, align: 'center' });
  doc.moveDown(0.8);
  doc.fontSize(20).text(letter.title, { width, align: 'center', characterSpacing: letter.language === 'zh' ? 2 : 0 });
  doc.moveDown(0.6);
  doc.fontSize(10.5).fillColor('#333333').text(`${words.reference}${words.colon}${letter.reference}    ${words.date}${words.colon}${letter.date}`, { width, align: 'center' });
  doc.fillColor('black');
  const ruleY = doc.y + 10;
  doc.save().lineWidth(1.2).strokeColor('#b22222').moveTo(pageMargin, ruleY).lineTo(pageMargin + width, ruleY).stroke().restore();
  doc.y = ruleY + 22;
  doc.fontSize(12);
  for (const paragraph of letter.body.split(/\n\s*\n/)) {
    const text = paragraph.trim();
    if (text === '') continue;
    doc.text(text, pageMargin, doc.y, { width, align: 'left', lineGap: 5, paragraphGap: 10, indent: letter.language === 'zh' ? 24 : 0 });
  }
  sealBlock(writer, { office: letter.office, date: letter.date });
  return writer.finish();
}
