import type { App } from '../typed-app.js';
import { Type } from 'typebox';
import { messages, pickLanguage } from '../messages.js';
import { html } from '../portal/html.js';

/** The health check, and the start page when the web app is not built (it serves `/` when it is). */
export function homeRoutes(app: App, options: { startPage?: boolean } = {}): void {
  app.get('/health', {
    schema: { tags: ['system'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });

  if (options.startPage === false) return;
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const { lang } = request.query as { lang?: string };
    const language = pickLanguage(lang, request.headers['accept-language']);
    const text = messages[language];
    const other = language === 'zh' ? 'en' : 'zh';
    const page = html`<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#1a1a1a}a{color:#0b5394}</style>
</head>
<body><main>
<h1>${text.title}</h1>
<p>${text.intro}</p>
<ul><li><a href="/api/docs">${text.apiDocs}</a></li><li><a href="/health">${text.health}</a></li></ul>
<p><a href="/?lang=${other}" lang="${other === 'zh' ? 'zh-CN' : 'en'}">${text.otherLanguage}</a></p>
</main></body></html>`;
    return reply.type('text/html; charset=utf-8').send(page.value);
  });
}
