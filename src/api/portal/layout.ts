import { html, type SafeHtml } from './html.js';
import { portalMessages, type PortalLanguage } from './i18n/index.js';

export const portalBase = '/petition';

/** A portal URL in a language: the language travels in the query, so no cookie is needed. */
export function portalHref(path: string, language: PortalLanguage): string {
  return `${portalBase}${path}?lang=${language}`;
}

export const otherLanguage = (language: PortalLanguage): PortalLanguage => (language === 'zh' ? 'en' : 'zh');

/** How the same page is shown in the other language: a link (every page is a GET; the status page's petition is in its cookie). */
export type LanguageSwitch = { href: string } | null;

interface PageOptions {
  language: PortalLanguage;
  title: string;
  body: SafeHtml;
  switchTo: LanguageSwitch;
}

function languageSwitch(language: PortalLanguage, target: LanguageSwitch): SafeHtml | null {
  if (!target) return null;
  const other = otherLanguage(language);
  const label = portalMessages[language].otherLanguage;
  const lang = portalMessages[other].htmlLang;
  return html`<a href="${target.href}" lang="${lang}" hreflang="${lang}">${label}</a>`;
}

/** The whole HTML document around a page's body; no script, one stylesheet. */
export function page(options: PageOptions): string {
  const m = portalMessages[options.language];
  const doc = html`<!doctype html>
<html lang="${m.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · ${m.siteName}</title>
<link rel="stylesheet" href="${portalBase}/portal.css">
</head>
<body>
<a class="skip" href="#content">${m.skipToContent}</a>
<header class="site"><div class="bar">
<a class="name" href="${portalHref('', options.language)}">${m.siteName}</a>
${languageSwitch(options.language, options.switchTo)}
<nav class="site" aria-label="${m.siteName}"><ul>
<li><a href="${portalHref('/new', options.language)}">${m.nav.submit}</a></li>
<li><a href="${portalHref('/status', options.language)}">${m.nav.status}</a></li>
<li><a href="${portalHref('/statistics', options.language)}">${m.nav.statistics}</a></li>
<li><a href="${portalHref('/receptions', options.language)}">${m.nav.receptions}</a></li>
<li><a href="${portalHref('/privacy', options.language)}">${m.nav.privacy}</a></li>
</ul></nav>
</div></header>
<main id="content">
${options.body}
</main>
<footer class="site">${m.footer}</footer>
</body>
</html>
`;
  return doc.value;
}
