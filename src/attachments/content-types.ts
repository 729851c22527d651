/** The kinds of file a case takes: a scanned letter or document (PDF) and photos. No I/O: the web app imports this. */
export const attachmentTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];
