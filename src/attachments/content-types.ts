/** The kinds of file a case takes: a scanned letter or document (PDF) and photos. No I/O: the web app imports this. */
export const attachmentTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

/** The type a file's name claims, by its extension (lower case), for the kinds a case takes. */
export const attachmentTypeByExtension: Readonly<Record<string, AttachmentType>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** The kinds a case takes as a refusal names them (the `accepted` parameter of `file_type`). */
export const acceptedKinds = ['PDF', 'JPEG', 'PNG', 'WebP'] as const;

/** The extension of a file's name, lower case, or undefined when it has none. */
export function extensionOf(name: string): string | undefined {
  return /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
}
