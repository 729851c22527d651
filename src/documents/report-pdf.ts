import { openPdf, pageMargin, typeset, type PdfFont } from './pdf.js';
import type { ReportDocument, ReportTable } from './report-document.js';
import { documentWords } from './words.js';

/**
 * A report as an A4 PDF: its title, the lines under it, each section's heading and tables (a row
 * that would not fit starts a new page, the header repeated), footnotes, and page numbers.
 */

const rowHeight = 18;
const fontSize = 9.5;

/** Draws one row at `y` and gives its height: a header's cells wrap onto more lines, a figure row's stay on one. */
function drawRow(doc: PDFKit.PDFDocument, cells: readonly string[], widths: readonly number[], y: number, header: boolean): number {
  doc.fontSize(fontSize);
  const height = header ? Math.max(rowHeight, ...cells.map((cell, index) => doc.heightOfString(cell, { width: (widths[index] ?? 0) - 8 }) + 8)) : rowHeight;
  let x = pageMargin;
  if (header) doc.save().rect(pageMargin, y, widths.reduce((sum, width) => sum + width, 0), height).fill('#eef2f7').restore();
  doc.fillColor('black').fontSize(fontSize);
  cells.forEach((cell, index) => {
    const width = widths[index] ?? 0;
    const options = { width: width - 8, align: index === 0 ? ('left' as const) : ('right' as const) };
    doc.text(cell, x + 4, y + 4, header ? options : { ...options, height: rowHeight - 4, lineBreak: false, ellipsis: true });
    x += width;
  });
  doc.save().lineWidth(0.4).strokeColor('#999999').moveTo(pageMargin, y + height).lineTo(x, y + height).stroke().restore();
  return height;
}

/** Whether a table's caption, header and first row fit on the page from here. */
function tableStartFits(doc: PDFKit.PDFDocument, extra = 0): boolean {
  return doc.y + extra + rowHeight * 3 <= doc.page.height - pageMargin;
}

function drawTable(doc: PDFKit.PDFDocument, table: ReportTable, width: number): void {
  const bottom = () => doc.page.height - pageMargin;
  if (table.columns.length === 0) return;
  // The first column names the row and takes what the figures leave.
  const figureWidth = Math.min(78, (width * 0.66) / Math.max(1, table.columns.length - 1));
  const widths = table.columns.map((_, index) => (index === 0 ? width - figureWidth * (table.columns.length - 1) : figureWidth));
  let y = doc.y;
  y += drawRow(doc, table.columns, widths, y, true);
  for (const row of table.rows) {
    if (y + rowHeight > bottom()) {
      doc.addPage();
      y = doc.y;
      y += drawRow(doc, table.columns, widths, y, true);
    }
    drawRow(doc, row, widths, y, false);
    y += rowHeight;
  }
  doc.x = pageMargin;
  doc.y = y + 10;
}

/** Renders a report document as a PDF set in `font`. */
export async function renderReport(font: PdfFont, report: ReportDocument): Promise<Buffer> {
  const set = (text: string) => typeset(text, report.language);
  const writer = openPdf(font, { title: set(report.title), language: report.language, bufferPages: true });
  const { doc } = writer;
  const width = doc.page.width - pageMargin * 2;
  doc.fontSize(18).text(set(report.title), { width, align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(10).fillColor('#333333');
  for (const line of report.lines) doc.text(set(line), { width, align: 'center' });
  doc.fillColor('black');
  doc.moveDown(1);
  let heading = '';
  for (const table of report.tables) {
    // A heading, a caption and a table's header stay with its first row.
    if (!tableStartFits(doc, table.heading !== heading ? 50 : 20)) doc.addPage();
    if (table.heading !== heading) {
      heading = table.heading;
      doc.fontSize(13).text(set(table.heading), pageMargin, doc.y, { width });
      doc.moveDown(0.3);
    }
    if (table.caption) doc.fontSize(10.5).fillColor('#333333').text(set(table.caption), pageMargin, doc.y, { width }).fillColor('black');
    if (table.note) doc.fontSize(10).text(set(table.note), pageMargin, doc.y, { width }).moveDown(0.5);
    drawTable(doc, { ...table, columns: table.columns.map(set), rows: table.rows.map((row) => row.map(set)) }, width);
  }
  doc.moveDown(0.5);
  doc.fontSize(9).fillColor('#444444');
  for (const footnote of report.footnotes) doc.text(set(footnote), pageMargin, doc.y, { width });
  doc.fillColor('black');
  // Page numbers, once every page exists (pdfkit keeps the pages buffered for this).
  const range = doc.bufferedPageRange();
  const words = documentWords[report.language];
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const text = words.page.replace('{{page}}', String(index + 1)).replace('{{pages}}', String(range.count));
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc.fontSize(8.5).fillColor('#666666').text(text, pageMargin, doc.page.height - pageMargin / 2, { width, align: 'center', lineBreak: false });
    doc.page.margins = margins;
  }
  return writer.finish();
}
