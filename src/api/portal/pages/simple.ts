import { publicLimits } from '../../../commands/public/petition-input.js';
import { html } from '../html.js';
import { portalMessages, type PortalLanguage } from '../i18n/index.js';
import type { DeadlineWords } from '../i18n/zh.js';
import { otherLanguage, page, portalHref } from '../layout.js';

/** The portal's front page: what can be done here and the deadlines the office is held to. */
export function homePage(language: PortalLanguage, deadlines: DeadlineWords | null): string {
  const m = portalMessages[language];
  const body = html`<h1>${m.home.title}</h1>
<p class="lead">${m.home.intro}</p>
<ul class="cards">
<li><a href="${portalHref('/new', language)}">${m.nav.submit}</a><br>${m.home.submitLead}</li>
<li><a href="${portalHref('/status', language)}">${m.nav.status}</a><br>${m.home.statusLead}</li>
<li><a href="${portalHref('/privacy', language)}">${m.nav.privacy}</a><br>${m.home.privacyLead}</li>
</ul>
${deadlines ? html`<h2>${m.home.deadlinesTitle}</h2><ul>${m.home.deadlines(deadlines).map((line) => html`<li>${line}</li>`)}</ul>` : null}`;
  return page({ language, title: m.home.title, body, switchTo: { href: portalHref('', otherLanguage(language)) } });
}

/** The form asking for the reference and access code; `message` says why it came back. */
export function lookupPage(language: PortalLanguage, options: { reference?: string; message?: string } = {}): string {
  const m = portalMessages[language];
  const body = html`<h1>${m.lookup.title}</h1>
<p>${m.lookup.intro}</p>
${options.message ? html`<p class="notice bad" role="alert" id="lookup-error">${options.message}</p>` : null}
<form method="post" action="${portalHref('/status', language)}" accept-charset="utf-8">
<input type="hidden" name="lang" value="${language}">
<div class="field"><label for="reference">${m.lookup.reference}</label>
<span class="hint" id="reference-hint">${m.lookup.referenceHint}</span>
<input type="text" id="reference" name="reference" value="${options.reference ?? ''}" maxlength="${publicLimits.reference}" autocomplete="off" spellcheck="false" required aria-describedby="reference-hint"></div>
<div class="field"><label for="accessCode">${m.lookup.accessCode}</label>
<span class="hint" id="accessCode-hint">${m.lookup.accessCodeHint}</span>
<input type="text" id="accessCode" name="accessCode" value="" maxlength="${publicLimits.accessCode}" autocomplete="off" spellcheck="false" required aria-describedby="accessCode-hint"></div>
<button type="submit">${m.lookup.submit}</button>
</form>`;
  return page({ language, title: m.lookup.title, body, switchTo: { href: portalHref('/status', otherLanguage(language)) } });
}

/** What is stored, why, for how long and who can see it. */
export function privacyPage(language: PortalLanguage): string {
  const m = portalMessages[language];
  const sections = m.privacy.sections.map(
    (section) => html`<h2>${section.heading}</h2>${section.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}`,
  );
  const body = html`<h1>${m.privacy.title}</h1><p class="lead">${m.privacy.intro}</p>${sections}`;
  return page({ language, title: m.privacy.title, body, switchTo: { href: portalHref('/privacy', otherLanguage(language)) } });
}

/** An error as a page, in the reader's language. */
export function errorPage(language: PortalLanguage, message: string): string {
  const m = portalMessages[language];
  const body = html`<h1>${m.errors.title}</h1><p class="notice bad" role="alert">${message}</p><p><a href="${portalHref('', language)}">${m.errors.back}</a></p>`;
  return page({ language, title: m.errors.title, body, switchTo: null });
}

