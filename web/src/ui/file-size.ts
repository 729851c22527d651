/** A file's size as people read it: bytes, KB or MB (written the same in Chinese and English). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** A file's kind by its short name: PDF, JPEG, PNG or WebP. */
export function typeName(type: string): string {
  const names: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };
  return names[type] ?? type;
}
