import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { packageRoot } from '../../paths.js';

/**
 * The web app's own pages (its routes in web/src/app.tsx): a reload or a shared link of any of
 * them gets the app. Named one by one, not a catch-all, so every other path keeps the server's own
 * answer — a 404 in our error shape, or the router's 414 for an over-long identifier.
 */
export const appPages = ['/', '/sign-in', '/cases/*', '/plans', '/plans/*', '/dashboard'];

/** The built web app (`web/dist`), or null when it has not been built. */
export function webAppRoot(root = join(packageRoot(), 'web', 'dist')): string | null {
  return existsSync(join(root, 'index.html')) ? root : null;
}

// The page may load only its own scripts and talk only to this server; recharts and React set
// inline style attributes, hence 'unsafe-inline' for styles (never for scripts).
const pageHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** Serves the staff web app: hashed assets cached for a year, `index.html` for each of its pages. */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  const assets = join(root, 'assets');
  // Vite names every file under assets/ by its content hash, so it never changes.
  const setHeaders = (reply: FastifyReply, path: string) => {
    reply.header('cache-control', path.startsWith(`${assets}${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('x-content-type-options', 'nosniff');
  };
  // Looked up per request, so a rebuild is served without a restart.
  await app.register(fastifyStatic, { root: assets, prefix: '/assets/', index: false, dotfiles: 'ignore', cacheControl: false, setHeaders });
  // The few other files of the build (the icon), as found at start-up.
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    dotfiles: 'ignore',
    globIgnore: ['assets/**', 'index.html'],
    decorateReply: false,
    cacheControl: false,
    setHeaders,
  });

  for (const path of appPages) {
    app.get(path, { schema: { hide: true } }, (_request, reply) => reply.headers(pageHeaders).sendFile('index.html', root));
  }
}
