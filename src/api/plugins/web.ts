import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appPages as pages, isServerPath } from '../../../web/src/pages.js';
import { packageRoot } from '../../paths.js';

/**
 * The web app's own pages, taken from its router's table (web/src/pages.ts): a reload or a
 * bookmark of any of them gets the app with 200. Any other path outside the server's own prefixes
 * gets the app with 404, and the app shows its "not found" page; under the server's prefixes an
 * unknown path stays a 404 in our error shape (see `appNotFound`).
 */
export const appPages: readonly string[] = Object.values(pages);

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

/**
 * The app's "not found" page for a GET of an unknown path that is not the server's, or null to
 * leave the request to our JSON 404 (installed by the error handler, which owns the not-found route).
 */
export function appNotFound(root: string) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply | null => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    if (isServerPath(request.url.split('?')[0] ?? '')) return null;
    return reply.status(404).headers(pageHeaders).sendFile('index.html', root);
  };
}

/** Serves the staff web app: hashed assets cached for a year, `index.html` for each of its pages. */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  const assets = join(root, 'assets');
  // Vite names every file under assets/ by its content hash, so it never changes.
  const setHeaders = (reply: FastifyReply, path: string) => {
    reply.header('cache-control', path.startsWith(`${assets}${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('x-content-type-options', 'nosniff');
  };
  // Looked up per request, so a rebuild is served without a restart. The build writes each bundle
  // brotli'd and gzipped beside it (`.br`, `.gz`), sent as they are to a client that accepts them.
  await app.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    index: false,
    dotfiles: 'ignore',
    cacheControl: false,
    preCompressed: true,
    setHeaders,
  });
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
