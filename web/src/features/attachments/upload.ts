import { postForm } from '../../api/client';
import type { Attachment } from '../../api/types';

/** Attaches files to a case in one request (all or none are taken); `key` makes a resend attach them once. */
export async function uploadToCase(caseId: string, files: readonly File[], internal: boolean, key: string): Promise<Attachment[]> {
  const form = new FormData();
  // The field before the files, as a plain HTML form sends it; the server reads either order.
  form.append('internal', internal ? 'true' : 'false');
  for (const file of files) form.append('file', file, file.name);
  const added = await postForm<{ items: Attachment[] }>(`/api/v1/cases/${encodeURIComponent(caseId)}/attachments`, form, key);
  return added.items;
}
