import { extractText, getDocumentProxy } from 'unpdf';

/** The text a PDF shows, page by page joined, as a reader's copy-and-paste would give it (pdf.js). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

/** The text with every run of white space removed: lines wrap wherever the page is full, so compare without them. */
export function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}
