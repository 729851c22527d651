import { existsSync } from 'node:fs';
import { DomainError } from '../core/errors.js';

/** The font every document is set in: a TrueType/OpenType file, and the face's PostScript name when the file is a collection (TTC). */
export interface PdfFont {
  path: string;
  name?: string;
}

/** Noto Sans CJK SC from Debian's fonts-noto-cjk (the README's set-up installs it). */
export const defaultPdfFont: PdfFont = { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' };

/** Why documents cannot be printed with this font, or null when they can (for the start-up check). */
export function pdfFontProblem(font: PdfFont): string | null {
  if (!existsSync(font.path)) return `pdf_font_missing: ${font.path} does not exist; install Debian's fonts-noto-cjk or set REDRESS_PDF_FONT`;
  return null;
}

/** Fails with 503 pdf_font_missing unless documents can be printed with this font: checked before any work a PDF would need. */
export function requirePdfFont(font: PdfFont): void {
  if (pdfFontProblem(font)) throw new DomainError('pdf_font_missing', `The PDF font ${font.path} is missing.`, { details: { path: font.path } });
}
