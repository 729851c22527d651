import { acceptedKinds, attachmentTypeByExtension, attachmentTypes, extensionOf, type AttachmentType } from '../../../../src/attachments/content-types.js';
import type { Problem } from '../../../../src/contract/problems.js';

/** What the file inputs offer to choose: the four kinds a case takes, by type and by name. */
export const acceptAttribute = [...attachmentTypes, ...Object.keys(attachmentTypeByExtension).map((extension) => `.${extension}`)].join(',');

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((byte, index) => bytes[at + index] === byte);

/**
 * The kind a file's first bytes say it is, as the server reads it (src/attachments/content.ts), so
 * a wrong file is said before anything is sent; the server checks again and decides.
 */
export function sniffType(head: Uint8Array): AttachmentType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF….WEBP
  return null;
}

/** A chosen file as the check needs it: its name, size and first bytes. */
export interface ChosenFile {
  name: string;
  size: number;
  head: Uint8Array;
}

/** What is wrong with one chosen file, as the server would say it (its problem code and parameters), or null. */
export function fileProblem(file: ChosenFile, maxBytes: number | undefined): Pick<Problem, 'code' | 'params'> | null {
  if (file.size === 0) return { code: 'required' };
  if (maxBytes !== undefined && file.size > maxBytes) return { code: 'file_too_large', params: { limit: maxBytes } };
  const actual = sniffType(file.head);
  if (actual === null) return { code: 'file_type', params: { accepted: [...acceptedKinds] } };
  const extension = extensionOf(file.name);
  if (extension === undefined) return null;
  const claimed = attachmentTypeByExtension[extension];
  if (claimed === undefined) return { code: 'file_type', params: { accepted: [...acceptedKinds] } };
  return claimed === actual ? null : { code: 'type_mismatch', params: { claimed, actual } };
}

/** A problem of one file, with the file's name, so the form can say which file it is. */
export interface FileProblem {
  name: string;
  problem: Pick<Problem, 'code' | 'params'>;
}

/** Reads the first bytes of each chosen file and says what is wrong with any (and with their number). */
export async function checkChosenFiles(files: readonly File[], limits: { maxBytes?: number; room?: number }): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  if (limits.room !== undefined && files.length > limits.room) {
    problems.push({ name: '', problem: { code: 'too_many', params: { limit: limits.room } } });
  }
  for (const file of files) {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    const problem = fileProblem({ name: file.name, size: file.size, head }, limits.maxBytes);
    if (problem) problems.push({ name: file.name, problem });
  }
  return problems;
}
