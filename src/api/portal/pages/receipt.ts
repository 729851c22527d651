import type { Receipt } from '../../../commands/public/petitions.js';
import { formatTime } from '../format.js';
import { html } from '../html.js';
import { portalMessages, type PortalLanguage } from '../i18n/index.js';
import { page, portalHref } from '../layout.js';

/**
 * The receipt: the reference and the access code, shown this once. It prints as a receipt, and
 * offers the status page with both already filled in, so nothing needs retyping now.
 */
export function receiptPage(language: PortalLanguage, receipt: Receipt, timeZone: string): string {
  const m = portalMessages[language];
  const body = html`<h1>${m.receipt.title}</h1>
<p>${m.receipt.intro}</p>
<section class="receipt" aria-label="${m.receipt.title}">
<dl class="facts">
<dt>${m.receipt.reference}</dt><dd class="code" id="reference">${receipt.reference}</dd>
<dt>${m.receipt.accessCode}</dt><dd class="code" id="access-code">${receipt.accessCode}</dd>
<dt>${m.receipt.received}</dt><dd>${formatTime(receipt.receivedAt, language, timeZone)}</dd>
<dt>${m.receipt.acceptBy}</dt><dd>${formatTime(receipt.acceptDueAt, language, timeZone)}</dd>
</dl>
</section>
<p class="notice bad">${m.receipt.warning}</p>
<p class="no-print">${m.receipt.print}</p>
<form method="post" action="${portalHref('/status', language)}">
<input type="hidden" name="lang" value="${language}">
<input type="hidden" name="reference" value="${receipt.reference}">
<input type="hidden" name="accessCode" value="${receipt.accessCode}">
<button type="submit">${m.receipt.next}</button>
</form>`;
  // No language switch: the code is not kept, so this page cannot be shown again in another language.
  return page({ language, title: m.receipt.title, body, switchTo: null });
}

/** A receipt opened again (a reload, a double submit): the petition is filed once, and its code is not shown twice. */
export function receiptShownPage(language: PortalLanguage, reference: string): string {
  const m = portalMessages[language];
  const body = html`<h1>${m.receipt.shownTitle}</h1>
<p class="notice" role="status" id="receipt-shown">${m.receipt.shown(reference)}</p>
<dl class="facts"><dt>${m.receipt.reference}</dt><dd class="code" id="reference">${reference}</dd></dl>
<p><a href="${portalHref('/status', language)}">${m.receipt.lookup}</a></p>`;
  return page({ language, title: m.receipt.shownTitle, body, switchTo: null });
}
