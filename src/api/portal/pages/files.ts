import type { PublicAttachment } from '../../../commands/attachments.js';
import { DomainError } from '../../../core/errors.js';
import { formatTime } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import type { Messages, PortalLanguage } from '../i18n/index.js';
import { portalBase, portalHref } from '../layout.js';

/** The petition's files and the room for more, as the status page shows them. */
export interface PortalFiles {
  items: PublicAttachment[];
  maxBytes: number;
  perCase: number;
  /** The upload form's one-time token: a resent form adds its files once. */
  token: string;
}

/** A size as a reader says it: 10 MB, 1.5 MB, 320 KB. */
export function fileSize(bytes: number, language: PortalLanguage): string {
  const locale = language === 'zh' ? 'zh-CN' : 'en-GB';
  const number = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${number(bytes / 1024)} KB`;
  return `${bytes} B`;
}

type FileProblem = keyof Messages['files']['problems'];
const isFileProblem = (m: Messages, code: unknown): code is FileProblem => typeof code === 'string' && Object.hasOwn(m.files.problems, code);

/** Why a file was not taken, in the reader's words, from the problem's code and parameters; null when the error is not about a file. */
export function fileProblemText(m: Messages, language: PortalLanguage, error: unknown): string | null {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed' || error.field !== 'file') return null;
  const problem = (error.details as { problems?: { code?: unknown; params?: Record<string, unknown> }[] } | undefined)?.problems?.[0];
  const code = problem?.code;
  const params = problem?.params ?? {};
  if (!isFileProblem(m, code)) return m.errors.codes.validation_failed;
  const said = m.files.problems;
  switch (code) {
    case 'type_mismatch':
      return said.type_mismatch(String(params.claimed ?? ''), String(params.actual ?? ''));
    case 'file_too_large':
      return said.file_too_large(fileSize(Number(params.limit ?? 0), language));
    case 'too_many':
      return said.too_many(Number(params.limit ?? 0));
    default:
      return said[code];
  }
}

/** The types the file pickers offer; the server still reads each file's type from its content. */
export const acceptedTypes = 'application/pdf,image/jpeg,image/png,image/webp,.pdf,.jpg,.jpeg,.png,.webp';

/** The files section of the status page: what the petitioner sent and what the office gave them (never an internal file), and a form to send more. */
export function filesSection(m: Messages, language: PortalLanguage, timeZone: string, files: PortalFiles): SafeHtml {
  const rows = files.items.map(
    (file) => html`<tr data-file-id="${file.id}"><th scope="row"><a href="${portalBase}/files/${encodeURIComponent(file.id)}?lang=${language}" download>${file.name}</a></th>
<td data-label="${m.files.size}">${fileSize(file.size, language)}</td><td data-label="${m.files.from}">${file.fromPetitioner ? m.files.fromYou : m.files.fromOffice}</td><td data-label="${m.files.at}">${formatTime(file.createdAt, language, timeZone)}</td></tr>`,
  );
  const list =
    rows.length > 0
      ? html`<div class="table-wrap"><table class="stack" id="file-list"><thead><tr><th scope="col">${m.files.name}</th><th scope="col">${m.files.size}</th><th scope="col">${m.files.from}</th><th scope="col">${m.files.at}</th></tr></thead><tbody>${rows}</tbody></table></div>`
      : html`<p id="file-list">${m.files.none}</p>`;
  const room = files.items.length < files.perCase;
  const form = room
    ? html`<form method="post" action="${portalHref('/files', language)}" enctype="multipart/form-data" class="no-print">
<input type="hidden" name="lang" value="${language}"><input type="hidden" name="once" value="${files.token}">
<div class="field"><label for="file">${m.files.choose}</label>
<span class="hint" id="file-hint">${m.files.limits(fileSize(files.maxBytes, language), files.perCase)}</span>
<input type="file" id="file" name="file" accept="${acceptedTypes}" multiple required aria-describedby="file-hint"></div>
<button type="submit">${m.files.submit}</button>
</form>`
    : html`<p class="hint">${m.files.problems.too_many(files.perCase)}</p>`;
  return html`<section id="files" aria-labelledby="files-title"><h2 id="files-title">${m.files.title}</h2><p class="hint">${m.files.intro}</p>${list}
<h3>${m.files.addTitle}</h3>${form}</section>`;
}
